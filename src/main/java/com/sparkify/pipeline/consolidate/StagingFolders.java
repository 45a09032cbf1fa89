package com.sparkify.pipeline.consolidate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden folders a file is staged in before it replaces its target. Each is named after the process and
 * host that owns it ({@code .events.csv.staging-<uuid>-<pid>@<host>}), so that a later run can tell the
 * folder of a live run (left alone: two runs on different outputs, or one still going) from that of a run
 * that was killed (removed), instead of leaving a full copy of the data beside the target forever.
 */
public final class StagingFolders {
  private static final Logger LOG = LoggerFactory.getLogger(StagingFolders.class);
  private static final String MARK = ".staging-";
  // the owner part is missing in the names of builds before it was added
  private static final Pattern OWNED = Pattern.compile("[0-9a-f-]{36}(?:-(\\d+)@(.+))?");
  private static final String HOST = localHost();

  private StagingFolders() {}

  /** A new staging folder's path for the target, owned by this process. */
  public static Path create(Path target) {
    return new Path(target.getParent(),
        "." + target.getName() + MARK + UUID.randomUUID() + "-" + ProcessHandle.current().pid() + "@" + HOST);
  }

  /**
   * Removes the target's staging folders that no live run owns: one of a process of this host that is gone,
   * or one of another host (or without an owner) not modified for {@code staleAfter}.
   *
   * @return the folders removed
   */
  public static List<String> sweep(FileSystem fs, Path target, Duration staleAfter) throws IOException {
    FileStatus[] candidates = fs.globStatus(new Path(target.getParent(), "." + target.getName() + MARK + "*"));
    List<String> removed = new ArrayList<>();
    if (candidates == null) {
      return removed;
    }
    Instant now = Instant.now();
    for (FileStatus candidate : candidates) {
      String name = candidate.getPath().getName();
      Matcher owner = OWNED.matcher(name.substring(name.indexOf(MARK) + MARK.length()));
      if (!owner.matches()) {
        continue; // not a name this job gives
      }
      Instant modified = Instant.ofEpochMilli(candidate.getModificationTime());
      if (abandoned(owner.group(1), owner.group(2), modified, now, staleAfter) && fs.delete(candidate.getPath(), true)) {
        LOG.warn("removed {}: the staging folder of a run that is gone", candidate.getPath());
        removed.add(candidate.getPath().toString());
      }
    }
    return removed;
  }

  static boolean abandoned(String pid, String host, Instant modified, Instant now, Duration staleAfter) {
    if (pid != null && HOST.equals(host)) {
      return processGone(pid, host);
    }
    return modified.plus(staleAfter).isBefore(now);
  }

  /** Whether the process pid@host is known to be gone: only a process of this host can be asked. */
  static boolean processGone(String pid, String host) {
    if (!HOST.equals(host) || !pid.matches("\\d{1,18}")) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
  }

  static String host() {
    return HOST;
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
