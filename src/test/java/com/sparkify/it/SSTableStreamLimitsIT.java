package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import com.sparkify.testing.TestCassandra;
import com.sparkify.tools.generate.EventLogGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSTable write mode when its stream cannot be trusted to end well: a stream past its time limit, or whose
 * task is cancelled (another table's write failed), is stopped (the node's side of it ends as a failure, not as
 * a load left running behind a failed run) and fails the run, and a table dropped while the run writes it fails
 * the run instead of loading nothing with exit 0. Each leaves no task folder behind.
 */
@ExtendWith(TestCassandra.class)
class SSTableStreamLimitsIT {
  @TempDir static Path work;
  private static Path input;
  private static CqlSession cql;

  @BeforeAll
  static void generateLogs() throws IOException {
    input = work.resolve("input");
    // some MiB of SSTables per table: seconds of streaming at 1 MiB/s
    new EventLogGenerator(17, LocalDate.of(2018, 11, 1)).generate(input, 200_000, 2);
    cql = TestCassandra.session();
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  private static Settings settings(String keyspace, Path sstableWork, String... more) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output",
        work.resolve(keyspace + "/events.csv").toString(), "--write-mode", "sstable",
        "-Dsparkify.cassandra.sstable.work-dir=" + sstableWork));
    args.addAll(List.of(more));
    return TestCassandra.settings(keyspace, args.toArray(String[]::new));
  }

  /** The node's bulk-load streaming sessions it remembers, by id: their status (init, start, success, failure). */
  private static Map<UUID, String> bulkLoads() {
    Map<UUID, String> loads = new HashMap<>();
    for (Row row : cql.execute("SELECT id, operation, status FROM system_views.streaming")) {
      if ("Bulk Load".equals(row.getString("operation"))) {
        loads.put(row.getUuid("id"), row.getString("status"));
      }
    }
    return loads;
  }

  @Test
  void aStreamPastItsTimeLimitIsStoppedAndFailsTheRun() throws Exception {
    String keyspace = "it_sst_stream_timeout";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    Path sstableWork = Files.createDirectories(work.resolve("timeout"));
    Map<UUID, String> before = bulkLoads();
    Settings settings = settings(keyspace, sstableWork, "-Dsparkify.cassandra.sstable.stream-throughput-mib=1",
        "-Dsparkify.cassandra.sstable.stream-timeout=1s");
    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(), settings).run());
    assertEquals(ExitStatus.WRITE_FAILED, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains(" as SSTables failed: streaming the SSTables of " + keyspace + ".")
        && e.getMessage().contains(" took longer than 1.0 s (sparkify.cassandra.sstable.stream-timeout): stopped"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertFolderEmpty(sstableWork);
    assertStreamsStopped(before);
  }

  @Test
  void aStreamWhoseTaskIsCancelledIsStopped() throws Exception {
    String keyspace = "it_sst_stream_cancelled";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    Path sstableWork = Files.createDirectories(work.resolve("cancelled"));
    Map<UUID, String> before = bulkLoads();
    // slow enough to be caught mid-stream, with the time limit far away
    Settings settings = settings(keyspace, sstableWork, "-Dsparkify.cassandra.sstable.stream-throughput-mib=1");
    CompletableFuture<RunReport> job = CompletableFuture.supplyAsync(() -> new PipelineRun(SharedSpark.spark(), settings).run());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    Map<UUID, String> streaming = Map.of();
    while (streaming.isEmpty()) {
      assertTrue(System.nanoTime() < deadline && !job.isDone(), "the run did not start streaming");
      pause();
      streaming = bulkLoads();
      streaming.keySet().removeAll(before.keySet());
      streaming.values().removeIf(status -> !status.equals("start"));
    }
    // what a failed write beside it does to the run's other writes: their job group is cancelled, with interrupts
    SharedSpark.spark().sparkContext().cancelAllJobs();

    ExecutionException failed = assertThrows(ExecutionException.class, () -> job.get(5, TimeUnit.MINUTES));
    SparkifyException e = (SparkifyException) failed.getCause();
    assertEquals(ExitStatus.WRITE_FAILED, e.status(), e.getMessage());
    // stopped by the task's abort of its sessions; the removal of its files, which the stream reads, would
    // fail it too, a little later
    assertStreamsStopped(before);
    assertFolderEmpty(sstableWork);
  }

  /** The node's side of each stream since {@code before} ends as a failure: stopped, neither loaded nor running. */
  private static void assertStreamsStopped(Map<UUID, String> before) throws InterruptedException {
    Map<UUID, String> streams = new HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    do {
      streams = bulkLoads();
      streams.keySet().removeAll(before.keySet());
    } while (System.nanoTime() < deadline && !streams.values().stream().allMatch("failure"::equals) && pause());
    assertFalse(streams.isEmpty(), "the run streamed");
    assertTrue(streams.values().stream().allMatch("failure"::equals), "streams of the run on the node: " + streams);
  }

  @Test
  void aTableDroppedWhileTheRunWritesItFailsTheRun() throws Exception {
    String keyspace = "it_sst_table_dropped";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    Path sstableWork = Files.createDirectories(work.resolve("dropped"));
    Settings settings = settings(keyspace, sstableWork);
    CompletableFuture<RunReport> job = CompletableFuture.supplyAsync(() -> new PipelineRun(SharedSpark.spark(), settings).run());
    // the run creates its tables first, then reads its input for seconds before it writes them
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
        keyspace, Tables.USER_SESSION).one() == null) {
      assertTrue(System.nanoTime() < deadline && !job.isDone(), "the run did not create " + Tables.USER_SESSION);
      pause();
    }
    cql.execute("DROP TABLE " + keyspace + "." + Tables.USER_SESSION);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> job.get(5, TimeUnit.MINUTES));
    SparkifyException e = (SparkifyException) failed.getCause();
    assertEquals(ExitStatus.WRITE_FAILED, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains("streaming the SSTables of " + keyspace + "." + Tables.USER_SESSION
        + " failed: no node knows the table"), e.getMessage());
    assertFolderEmpty(sstableWork);
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(200);
    return true;
  }

  private static void assertFolderEmpty(Path folder) throws IOException {
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(), left.toList(), "SSTable folders left in " + folder);
    }
  }
}
