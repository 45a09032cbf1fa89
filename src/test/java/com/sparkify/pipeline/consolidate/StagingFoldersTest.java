package com.sparkify.pipeline.consolidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingFoldersTest {
  private static final Duration STALE_AFTER = Duration.ofHours(24);
  @TempDir Path dir;

  private Path folder(String owner, Duration age) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(".events.csv.staging-" + UUID.randomUUID() + owner));
    Files.writeString(folder.resolve("part-00000.csv"), "a,b\n");
    Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(age)));
    return folder;
  }

  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  @Test
  void removesTheFoldersOfRunsThatAreGoneAndKeepsThoseOfLiveOnes() throws Exception {
    String here = "@" + StagingFolders.host();
    Path killedHere = folder("-" + deadPid() + here, Duration.ofMinutes(1));
    Path liveHere = folder("-" + ProcessHandle.current().pid() + here, Duration.ofDays(3));
    Path otherHostRecent = folder("-4242@another-host", Duration.ofHours(1));
    Path otherHostOld = folder("-4242@another-host", Duration.ofDays(2));
    Path ownerlessOld = folder("", Duration.ofDays(2));
    Path ownerlessRecent = folder("", Duration.ofMinutes(5));
    Path otherOutput = Files.createDirectories(dir.resolve(".events.rejects.csv.staging-" + UUID.randomUUID() + "-" + deadPid() + here));

    FileSystem fs = FileSystem.getLocal(new Configuration());
    List<String> removed = StagingFolders.sweep(fs, new org.apache.hadoop.fs.Path(dir.resolve("events.csv").toUri()), STALE_AFTER);

    assertEquals(Set.of(killedHere, otherHostOld, ownerlessOld),
        removed.stream().map(p -> Path.of(java.net.URI.create(p))).collect(Collectors.toSet()));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(Set.of(liveHere, otherHostRecent, ownerlessRecent, otherOutput), left.collect(Collectors.toSet()),
          "a live run's folder, recent folders of other hosts, and other outputs' folders stay");
    }
  }

  @Test
  void aNewFolderIsOwnedByThisProcessOnThisHost() {
    org.apache.hadoop.fs.Path staging = StagingFolders.create(new org.apache.hadoop.fs.Path("/data/events.csv"));
    assertEquals("/data", staging.getParent().toString());
    assertTrue(staging.getName().startsWith(".events.csv.staging-"), staging.getName());
    assertTrue(staging.getName().endsWith("-" + ProcessHandle.current().pid() + "@" + StagingFolders.host()), staging.getName());
  }

  @Test
  void onlyFileSystemsWithAnAtomicRenameCommitAtomically() {
    for (String scheme : List.of("file", "hdfs", "viewfs")) {
      assertEquals(SingleCsvFile.Commit.ATOMIC, SingleCsvFile.Commit.of(scheme), scheme);
    }
    for (String scheme : List.of("s3a", "gs", "abfs", "abfss", "wasb", "someday")) {
      assertEquals(SingleCsvFile.Commit.COPY, SingleCsvFile.Commit.of(scheme), scheme);
    }
  }
}
