package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.TestCassandra;
import com.sparkify.tools.generate.EventLogGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver killed with SIGKILL in the middle of the table writes, as a user's kill -9 or a lost machine
 * does: the outputs in place stay those of the last good run, together; the staging folder the killed run
 * leaves is removed by the next run, which says so in its report. While it runs, a second run on the same output
 * stops at once naming it; after the kill, the next run takes its lock over.
 */
@ExtendWith(TestCassandra.class)
class KilledRunIT {
  private static final String KEYSPACE = "it_killed";
  private static final String EARLIER_RUN = "2018-12-01T00:00:00Z";
  @TempDir Path work;

  @Test
  void aKilledRunLeavesTheLastGoodOutputsAndTheNextRunClearsItsLitter() throws Exception {
    Path input = work.resolve("input");
    new EventLogGenerator(3, LocalDate.of(2018, 11, 1)).generate(input, 120_000, 2);
    Path out = Files.createDirectories(work.resolve("out"));
    Path events = Files.writeString(out.resolve("events.csv"), "previous run\n");
    Path rejects = Files.writeString(out.resolve("events.rejects.csv"), "previous rejects\n");
    Path report = Files.writeString(out.resolve("events.report.json"), "{\"started_at\": \"" + EARLIER_RUN
        + "\", \"exit_status\": {\"code\": 0, \"name\": \"OK\"}}\n");
    byte[] reportBefore = Files.readAllBytes(report);
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }

    List<String> command = ScriptRun.sparkify("run", "--input", input.toString(), "--output", events.toString(),
        // table writes slowed to minutes, so that the kill surely lands in the middle of them: the connector's
        // limit lets each task write its first MiB at full speed, so each task here has about 3 MB to write (with
        // 40,000 rows and 0.05 MB/s a task had little over its free MiB, and on a loaded machine the run once
        // finished its writes and committed events.csv before the kill)
        "-Dsparkify.cassandra.connector.spark.cassandra.output.throughputMBPerSec=0.02");
    command.addAll(TestCassandra.scriptArgs(KEYSPACE, work));
    ScriptRun.Started run = ScriptRun.start(work, command, env -> env.putAll(TestCassandra.environment()));
    Process script = run.process();
    Path lock = out.resolve(".events.csv.lock");
    String holder;
    try {
      ProcessHandle driver = awaitTableWrites(script);
      holder = driver.pid() + "@" + InetAddress.getLocalHost().getHostName();
      assertTrue(Files.readString(lock).contains(" " + holder + " "), "the run holds its output's lock");
      SparkifyException second = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(),
          TestCassandra.settings(KEYSPACE, "--input", input.toString(), "--output", events.toString())).run());
      assertEquals(ExitStatus.INPUT_PROBLEM, second.status());
      assertTrue(second.getMessage().contains("being written by another run: " + holder + ", started "), second.getMessage());
      List<String> jvm = driver.info().arguments().map(List::of).orElse(List.of());
      driver.destroyForcibly();
      assertTrue(jvm.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")),
          "about 17 MiB of input: scripts/sparkify run starts the quick JVM: " + jvm);
      assertTrue(script.waitFor(1, TimeUnit.MINUTES), "the script ends with its job");
      assertEquals(137, script.exitValue(), "the script exits as its SIGKILLed job did");
    } finally {
      run.kill();
    }

    assertEquals("previous run\n", Files.readString(events));
    assertEquals("previous rejects\n", Files.readString(rejects), "the rejects file still matches events.csv");
    assertArrayEquals(reportBefore, Files.readAllBytes(report), "the report still describes the files in place");
    List<Path> litter = stagingFolders(out);
    assertFalse(litter.isEmpty(), "a killed run cannot clean up after itself");

    new PipelineRun(SharedSpark.spark(), TestCassandra.settings(KEYSPACE, "--input", input.toString(), "--output", events.toString())).run();
    assertEquals(List.of(), stagingFolders(out));
    JsonNode after = new ObjectMapper().readTree(report.toFile());
    List<String> removed = new ArrayList<>();
    after.get("staging_removed").forEach(folder -> removed.add(Path.of(java.net.URI.create(folder.asText())).toString()));
    assertEquals(litter.stream().map(Path::toString).sorted().toList(), removed.stream().sorted().toList());
    String thisRun = after.get("started_at").asText();
    assertEquals(thisRun, after.get("outputs_from_run").get(events.toString()).asText());
    assertEquals(thisRun, after.get("outputs_from_run").get(rejects.toString()).asText());
    assertEquals("atomic", after.get("output_commit").asText());
    assertTrue(after.get("output_lock").asText().startsWith("taken over from " + holder + " (started "), after.toString());
    assertFalse(Files.exists(lock), "released by the run that took it over");
  }

  /** The job's JVM once both tables have rows (and so events.csv is being staged too). */
  private static ProcessHandle awaitTableWrites(Process script) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    try (CqlSession cql = TestCassandra.session()) {
      while (System.nanoTime() < deadline && script.isAlive()) {
        Optional<ProcessHandle> driver = script.descendants()
            .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("com.sparkify.tools.run.RunCommand"))
            .findFirst();
        boolean writing = driver.isPresent() && cql.getMetadata().getKeyspace(KEYSPACE)
            .flatMap(k -> k.getTable("events_by_user_session_item_index")).isPresent()
            && cql.execute("SELECT * FROM " + KEYSPACE + ".events_by_user_session_item_index LIMIT 1").one() != null;
        if (writing) {
          return driver.get();
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the job did not start writing within 4 minutes (script alive: " + script.isAlive() + ")");
  }

  private static List<Path> stagingFolders(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains(".staging-")).sorted().toList();
    }
  }
}
