package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.TestCassandra;
import com.sparkify.tools.generate.EventLogGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Faults of the cluster: a refused login, and a node that dies in the middle of the table writes. */
@ExtendWith(TestCassandra.class)
class FaultsIT {
  private static final String EARLIER_RUN = "2018-12-01T00:00:00Z";
  @TempDir Path work;

  @Test
  void wrongCredentialsAreAClearAuthenticationError() {
    Settings wrong = SettingsLoader.load(
        CommandLine.parse(TestCassandra.settingsArgs("it_faults_auth")),
        Map.of("SPARKIFY_CASSANDRA_USERNAME", TestCassandra.USER, "SPARKIFY_CASSANDRA_PASSWORD", "not-the-Pw-9e1"),
        new Properties(), Optional.empty());
    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(), wrong).run());
    assertEquals(ExitStatus.CASSANDRA_UNREACHABLE, e.status());
    assertTrue(e.getMessage().contains("Cassandra at 127.0.0.1:" + TestCassandra.PORT + " refused the login of user 'sparkify_it'"),
        e.getMessage());
    assertFalse(e.getMessage().contains("not-the-Pw-9e1"), e.getMessage());
  }

  @Test
  void aNodeStoppedDuringTheTableWritesFailsTheRunAndARerunCompletesIt() throws Exception {
    Path input = work.resolve("input");
    new EventLogGenerator(5, LocalDate.of(2018, 11, 1)).generate(input, 120_000, 2);
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute("DROP KEYSPACE IF EXISTS it_faults_clean");
      cql.execute("DROP KEYSPACE IF EXISTS it_faults_crash");
    }
    new PipelineRun(SharedSpark.spark(), settings("it_faults_clean", input, work.resolve("clean/events.csv"))).run();

    Path events = work.resolve("crash/events.csv");
    Files.createDirectories(events.getParent());
    Files.writeString(events, "previous run\n");
    Path rejects = Files.writeString(events.resolveSibling("events.rejects.csv"), "previous rejects\n");
    Path report = events.resolveSibling("events.report.json");
    Files.writeString(report, "{\"started_at\": \"2018-12-02T00:00:00Z\", \"exit_status\": {\"code\": 6, \"name\": \"WRITE_FAILED\"},"
        + " \"outputs_from_run\": {\"" + events + "\": \"" + EARLIER_RUN + "\", \"" + rejects + "\": \"" + EARLIER_RUN + "\"}}");
    // Writes slowed to minutes per table and few retries, so the node is surely stopped mid-write and the
    // failure comes soon after. The connector's limit lets each task write its first MiB at full speed, so
    // each write task here has about 3 MB to write. The failing run is a process of its own, as in production:
    // the connector's session that its cancelled write tasks hold is never released, and in this JVM every
    // later test would get it, with a control connection that had not recovered from the outage (a clean-clone
    // run hung for good in its schema refresh).
    List<String> command = ScriptRun.sparkify("run", "--input", input.toString(), "--output", events.toString(),
        "-Dsparkify.cassandra.connector.spark.cassandra.output.throughputMBPerSec=0.02",
        "-Dsparkify.cassandra.connector.spark.cassandra.query.retry.count=2");
    command.addAll(TestCassandra.scriptArgs("it_faults_crash", work));
    ScriptRun.Started crashing = ScriptRun.start(work, command, env -> env.putAll(TestCassandra.environment()));
    ScriptRun crashed;
    try {
      awaitFirstRows("it_faults_crash", crashing);
      TestCassandra.stop();
      try {
        crashed = crashing.await();
      } finally {
        TestCassandra.start();
      }
    } finally {
      crashing.kill();
    }
    assertEquals(ExitStatus.WRITE_FAILED.code(), crashed.exit(), crashed.output());
    String reason = "sparkify: writing it_faults_crash.";
    String status = "[exit " + ExitStatus.WRITE_FAILED.code() + ": " + ExitStatus.WRITE_FAILED.meaning() + "]";
    assertTrue(crashed.output().lines().anyMatch(line -> line.startsWith(reason) && line.endsWith(status)),
        "one line says which write failed: " + crashed.output());
    assertEquals("previous run\n", Files.readString(events), "a failed run leaves events.csv as it was");
    assertEquals("previous rejects\n", Files.readString(rejects), "and the rejects file that goes with it");
    JsonNode failed = new ObjectMapper().readTree(report.toFile());
    assertEquals("WRITE_FAILED", failed.get("exit_status").get("name").asText());
    assertEquals(EARLIER_RUN, failed.get("outputs_from_run").get(events.toString()).asText(),
        "the failed run's report names the run whose events.csv is in place");
    assertEquals(EARLIER_RUN, failed.get("outputs_from_run").get(rejects.toString()).asText());
    try (java.util.stream.Stream<Path> left = Files.list(events.getParent())) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().contains(".staging-")).toList(),
          "a failed run removes what it staged");
    }

    new PipelineRun(SharedSpark.spark(), settings("it_faults_crash", input, events)).run();
    try (CqlSession cql = TestCassandra.session()) {
      for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
        assertEquals(TestCassandra.dump(cql, "it_faults_clean", table), TestCassandra.dump(cql, "it_faults_crash", table), table);
      }
    }
    assertArrayEquals(Files.readAllBytes(work.resolve("clean/events.csv")), Files.readAllBytes(events));
  }

  private static Settings settings(String keyspace, Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString()));
    args.addAll(List.of(more));
    return TestCassandra.settings(keyspace, args.toArray(String[]::new));
  }

  private static void awaitFirstRows(String keyspace, ScriptRun.Started job) throws Exception {
    try (CqlSession cql = TestCassandra.session()) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        if (!job.process().isAlive()) {
          throw new AssertionError("the job ended before it wrote a row: " + job.await().output());
        }
        boolean exists = cql.getMetadata().getKeyspace(keyspace)
            .flatMap(k -> k.getTable("events_by_session_item_index")).isPresent();
        if (exists && cql.execute("SELECT * FROM " + keyspace + ".events_by_session_item_index LIMIT 1").one() != null) {
          return;
        }
        Thread.sleep(200);
      }
      throw new AssertionError("the job wrote no row within 3 minutes");
    }
  }
}
