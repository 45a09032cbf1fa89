package com.sparkify.pipeline.consolidate;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per output: a hidden lock file beside events.csv ({@code .events.csv.lock}), created only if absent,
 * naming the run that holds it ({@code pid@host} and its start), whose modification time the run refreshes while
 * it lives. A second run on the same output stops at once (exit 3) naming the first. A lock whose process is gone
 * from this host, or that nobody refreshed for the stale-after time, is taken over with a log line.
 *
 * <p>Only file systems that create a file atomically only if absent can guard an output: those that rename
 * atomically ({@link SingleCsvFile.Commit#ATOMIC}); on the others (object stores) the run goes on unguarded and
 * says so.
 */
public final class OutputLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
  private static final String SUFFIX = ".lock";
  /** Refreshes per stale-after period: a lock is judged stale only after several refreshes were missed. */
  private static final int REFRESHES_PER_PERIOD = 4;

  private final FileSystem fs;
  private final Path file;
  private final Holder own;
  private final String state;
  private final ScheduledExecutorService refresher;

  private OutputLock(FileSystem fs, Path file, Holder own, String state, Duration staleAfter) {
    this.fs = fs;
    this.file = file;
    this.own = own;
    this.state = state;
    if (own == null) {
      this.refresher = null;
      return;
    }
    this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sparkify-output-lock");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(200, staleAfter.toMillis() / REFRESHES_PER_PERIOD);
    refresher.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
  }

  /** For a run that writes nothing. */
  public static OutputLock none() {
    return new OutputLock(null, null, null, null, Duration.ZERO);
  }

  /**
   * Takes the output's lock, or throws (exit 3) naming the run that holds it.
   *
   * @param output the qualified path of events.csv
   */
  public static OutputLock acquire(FileSystem fs, Path output, Duration staleAfter) {
    Path file = fileOf(output);
    if (SingleCsvFile.Commit.of(fs.getUri().getScheme()) != SingleCsvFile.Commit.ATOMIC) {
      String state = "not guarded: " + fs.getUri().getScheme() + ":// cannot create a file only if it is absent";
      LOG.warn("{} is {}; two runs writing it at once would overwrite each other's files", output, state);
      return new OutputLock(fs, file, null, state, staleAfter);
    }
    Holder own = new Holder(UUID.randomUUID().toString(), ProcessHandle.current().pid() + "@" + StagingFolders.host(),
        Instant.now().toString());
    try {
      if (create(fs, file, own)) {
        return new OutputLock(fs, file, own, "held", staleAfter);
      }
      Optional<Found> found = read(fs, file);
      if (found.isPresent() && !found.get().stale(staleAfter, Instant.now())) {
        throw held(output, file, found.get().holder());
      }
      String previous = found.map(f -> f.holder().owner() + " (started " + f.holder().started() + ")").orElse("a run");
      if (found.isPresent() && !takeOver(fs, file, found.get().holder())) {
        throw held(output, file, read(fs, file).map(Found::holder).orElse(found.get().holder()));
      }
      if (!create(fs, file, own)) {
        throw held(output, file, read(fs, file).map(Found::holder).orElse(new Holder("", "another run", "just now")));
      }
      LOG.warn("took over the lock {} of {}: its process is gone or it was not refreshed for {}", file, previous, staleAfter);
      return new OutputLock(fs, file, own, "taken over from " + previous, staleAfter);
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "cannot lock " + output + " (" + file + "): " + Failures.rootMessage(e), e);
    }
  }

  /** How this run holds its output, for the report: held, taken over from ..., or not guarded: .... */
  public String state() {
    return state;
  }

  /** Stops refreshing and removes the lock, if it is still this run's. */
  @Override
  public void close() {
    if (own == null) {
      return;
    }
    refresher.shutdownNow();
    try {
      if (read(fs, file).map(found -> found.holder().id().equals(own.id())).orElse(false)) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the lock {}: {}; remove it by hand once no run writes {}", file, e.getMessage(),
          file.getName().substring(1, file.getName().length() - SUFFIX.length()));
    }
  }

  static Path fileOf(Path output) {
    return new Path(output.getParent(), "." + output.getName() + SUFFIX);
  }

  private void refresh() {
    try {
      Optional<Found> found = read(fs, file);
      if (found.isEmpty() || !found.get().holder().id().equals(own.id())) {
        LOG.warn("the lock {} is no longer this run's ({}): another run may be writing the same output",
            file, found.map(f -> "now " + f.holder().owner()).orElse("removed"));
        refresher.shutdown();
        return;
      }
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not refresh the lock {}: {}", file, e.getMessage());
    }
  }

  private static SparkifyException held(Path output, Path file, Holder holder) {
    return new SparkifyException(ExitStatus.INPUT_PROBLEM, output + " is being written by another run: " + holder.owner()
        + ", started " + holder.started() + " (lock " + file + "); if no such run is alive, the lock is taken over"
        + " once it is stale, or remove it by hand");
  }

  /**
   * Creates the lock with the holder in it, only if absent. On a local disk a hard link of a complete file does
   * that atomically (link(2) fails when the name exists), so a reader never finds the lock empty; HDFS's create
   * without overwrite is atomic at the name node.
   */
  private static boolean create(FileSystem fs, Path file, Holder holder) throws IOException {
    byte[] content = holder.text().getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path lock = FileReplace.local(fs, file);
      java.nio.file.Path partial = lock.resolveSibling(lock.getFileName() + "." + holder.id());
      Files.createDirectories(lock.getParent()); // the output's folder, which the run would create anyway
      Files.write(partial, content);
      try {
        Files.createLink(lock, partial);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Moves the stale lock aside under a name of its own (one rename: of two runs taking over at once, one wins),
   * and removes it when it is the one judged stale; one that another run created meanwhile is put back.
   */
  private static boolean takeOver(FileSystem fs, Path file, Holder stale) throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + ".stale-" + UUID.randomUUID());
    if (!rename(fs, file, aside)) {
      return true; // gone already: whoever removed it left the name free to create
    }
    Optional<Found> moved = read(fs, aside);
    if (moved.isPresent() && !moved.get().holder().id().equals(stale.id())) {
      rename(fs, aside, file);
      return false;
    }
    fs.delete(aside, false);
    return true;
  }

  /** A rename that never replaces an existing file, and says whether it happened. */
  private static boolean rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return fs.rename(from, to);
    }
    try {
      // rename(2) would replace an existing target; a link does not
      Files.createLink(FileReplace.local(fs, to), FileReplace.local(fs, from));
      Files.delete(FileReplace.local(fs, from));
      return true;
    } catch (NoSuchFileException | FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Optional<Found> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      long modified = fs.getFileStatus(file).getModificationTime();
      return Optional.of(new Found(Holder.parse(text), Instant.ofEpochMilli(modified)));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Who holds a lock: a run's own id, its process (pid@host) and start. */
  record Holder(String id, String owner, String started) {
    String text() {
      return id + " " + owner + " " + started + "\n";
    }

    /** Text that is not a lock of this job (edited by hand, cut short) is held by nobody known. */
    static Holder parse(String text) {
      String[] parts = text.strip().split(" ");
      return parts.length == 3 ? new Holder(parts[0], parts[1], parts[2]) : new Holder("", "an unknown run", "at an unknown time");
    }
  }

  /** A lock as found, with the time it was last refreshed. */
  record Found(Holder holder, Instant refreshed) {
    /** Not refreshed for stale-after, or its process gone from this host (a pid is only known on its own host). */
    boolean stale(Duration staleAfter, Instant now) {
      if (refreshed.plus(staleAfter).isBefore(now)) {
        return true;
      }
      int at = holder.owner().indexOf('@');
      return at > 0 && StagingFolders.processGone(holder.owner().substring(0, at), holder.owner().substring(at + 1));
    }
  }
}
