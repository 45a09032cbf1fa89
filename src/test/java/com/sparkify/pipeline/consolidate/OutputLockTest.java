package com.sparkify.pipeline.consolidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);
  @TempDir Path dir;

  private FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private org.apache.hadoop.fs.Path output() {
    return new org.apache.hadoop.fs.Path(dir.resolve("events.csv").toUri());
  }

  private Path lockFile() {
    return dir.resolve(".events.csv.lock");
  }

  private void lockOf(String owner, Instant refreshed) throws IOException {
    Files.writeString(lockFile(), "5f0c2b7e-1111-2222-3333-444455556666 " + owner + " 2026-12-06T08:00:00Z\n");
    Files.setLastModifiedTime(lockFile(), FileTime.from(refreshed));
  }

  @Test
  void aSecondRunOnTheSameOutputStopsNamingTheFirstAndTheFirstReleasesIt() throws IOException {
    try (OutputLock first = OutputLock.acquire(fs(), output(), STALE_AFTER)) {
      assertEquals("held", first.state());
      String holder = Files.readString(lockFile());
      assertTrue(holder.contains(" " + ProcessHandle.current().pid() + "@" + StagingFolders.host() + " "), holder);
      SparkifyException second = assertThrows(SparkifyException.class, () -> OutputLock.acquire(fs(), output(), STALE_AFTER));
      assertEquals(ExitStatus.INPUT_PROBLEM, second.status());
      assertTrue(second.getMessage().contains(ProcessHandle.current().pid() + "@" + StagingFolders.host() + ", started "),
          second.getMessage());
      assertEquals(holder, Files.readString(lockFile()), "the refused run leaves the lock alone");
    }
    assertFalse(Files.exists(lockFile()), "released at the end of the run");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "no partial or crc file left");
    }
  }

  @Test
  void theOutputsFolderIsCreatedForTheLockAsTheRunWouldForItsFiles() throws IOException {
    org.apache.hadoop.fs.Path nested = new org.apache.hadoop.fs.Path(dir.resolve("daily/2018-11-05/events.csv").toUri());
    try (OutputLock lock = OutputLock.acquire(fs(), nested, STALE_AFTER)) {
      assertTrue(Files.exists(dir.resolve("daily/2018-11-05/.events.csv.lock")));
    }
  }

  @Test
  void aLockOfALiveProcessOfThisHostIsRespected() throws Exception {
    Process other = new ProcessBuilder("sleep", "300").start();
    try {
      lockOf(other.pid() + "@" + StagingFolders.host(), Instant.now());
      SparkifyException e = assertThrows(SparkifyException.class, () -> OutputLock.acquire(fs(), output(), STALE_AFTER));
      assertTrue(e.getMessage().contains(other.pid() + "@" + StagingFolders.host() + ", started 2026-12-06T08:00:00Z"),
          e.getMessage());
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aLockOfAProcessGoneFromThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(1, TimeUnit.MINUTES));
    lockOf(gone.pid() + "@" + StagingFolders.host(), Instant.now());
    try (OutputLock lock = OutputLock.acquire(fs(), output(), STALE_AFTER)) {
      assertEquals("taken over from " + gone.pid() + "@" + StagingFolders.host() + " (started 2026-12-06T08:00:00Z)",
          lock.state());
      assertTrue(Files.readString(lockFile()).contains(ProcessHandle.current().pid() + "@"));
    }
  }

  @Test
  void anotherHostsLockCountsUntilItIsNoLongerRefreshed() throws IOException {
    lockOf("4242@some-other-host", Instant.now().minus(Duration.ofMinutes(9)));
    assertThrows(SparkifyException.class, () -> OutputLock.acquire(fs(), output(), STALE_AFTER));

    lockOf("4242@some-other-host", Instant.now().minus(Duration.ofMinutes(11)));
    try (OutputLock lock = OutputLock.acquire(fs(), output(), STALE_AFTER)) {
      assertTrue(lock.state().startsWith("taken over from 4242@some-other-host"), lock.state());
    }
  }

  @Test
  void aLockThatIsNotThisJobsIsHeldByAnUnknownRunUntilStale() throws IOException {
    Files.writeString(lockFile(), "Beyonc\u00c3\u00a9, \"locked\" by hand\r\n");
    SparkifyException e = assertThrows(SparkifyException.class, () -> OutputLock.acquire(fs(), output(), STALE_AFTER));
    assertTrue(e.getMessage().contains("an unknown run"), e.getMessage());
  }

  @Test
  void theRunKeepsItsLockFreshWhileItLives() throws Exception {
    Duration staleAfter = Duration.ofSeconds(2);
    try (OutputLock lock = OutputLock.acquire(fs(), output(), staleAfter)) {
      Instant old = Instant.now().minus(Duration.ofHours(1));
      Files.setLastModifiedTime(lockFile(), FileTime.from(old));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (Files.getLastModifiedTime(lockFile()).toInstant().isBefore(Instant.now().minus(staleAfter))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.getLastModifiedTime(lockFile()).toInstant().isAfter(old.plus(Duration.ofMinutes(59))),
          "refreshed");
      assertThrows(SparkifyException.class, () -> OutputLock.acquire(fs(), output(), staleAfter), "still held");
    }
  }

  @Test
  void aLockTakenOverByAnotherRunIsNotRemovedByTheRunThatLostIt() throws IOException {
    OutputLock lock = OutputLock.acquire(fs(), output(), STALE_AFTER);
    lockOf("4242@some-other-host", Instant.now());
    lock.close();
    assertTrue(Files.readString(lockFile()).contains("4242@some-other-host"));
  }

  @Test
  void anObjectStoreCannotGuardItsOutput() {
    FileSystem s3 = new org.apache.hadoop.fs.RawLocalFileSystem() {
      @Override
      public java.net.URI getUri() {
        return java.net.URI.create("s3a://bucket/");
      }
    };
    try (OutputLock lock = OutputLock.acquire(s3, output(), STALE_AFTER)) {
      assertEquals("not guarded: s3a:// cannot create a file only if it is absent", lock.state());
    }
    assertFalse(Files.exists(lockFile()));
  }
}
