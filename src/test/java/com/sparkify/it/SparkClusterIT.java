package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.StandaloneCluster;
import com.sparkify.testing.TestCassandra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded jar submitted with scripts/submit to a real standalone cluster (a Master and two Workers, each its
 * own JVM), in client and in cluster deploy mode, against the test Cassandra. Connection, credentials and write
 * tuning are given once, in the config file the script ships; the executors write with them.
 */
@ExtendWith(TestCassandra.class)
class SparkClusterIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  private static StandaloneCluster cluster;

  @TempDir Path work;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(PROJECT.resolve("target/it-spark"), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * In both deploy modes, and in the SSTable write mode, whose executors load cassandra-all from inside the
   * application jar in a class loader of its own (no --jars): the job jar alone runs it under spark-submit.
   */
  @ParameterizedTest
  @CsvSource({"client, cql", "cluster, cql", "client, sstable"})
  void theShadedJarRunsOnTheClusterAndItsExecutorsWriteTheTables(String deployMode, String writeMode) throws Exception {
    String keyspace = "it_cluster_" + deployMode + "_" + writeMode;
    Path config = work.resolve("application.conf");
    Files.writeString(config, String.join("\n",
        "sparkify.cassandra {",
        "  port = " + TestCassandra.PORT,
        "  username = " + TestCassandra.USER,
        "  password = \"" + TestCassandra.PASSWORD + "\"",
        "  keyspace = " + keyspace,
        "  connector { \"spark.cassandra.output.concurrent.writes\" = 8 }",
        "}", ""));
    Set<String> appsBefore = cluster.finishedTasks().keySet();

    ScriptRun run = submit(deployMode, "--config", config.toString(), "--write-mode", writeMode,
        "--input", PROJECT.resolve("data").toString(), "--output", work.resolve("out/events.csv").toString());
    assertEquals(0, run.exit(), run.output());
    assertFalse(run.output().contains(TestCassandra.PASSWORD), "the password is never printed");

    JsonNode report = new ObjectMapper().readTree(work.resolve("out/events.report.json").toFile());
    assertEquals("OK", report.at("/exit_status/name").asText(), report.toPrettyString());
    assertEquals(6_800, report.at("/rows_consolidated").asLong());
    assertEquals(writeMode, report.at("/write_mode").asText());
    for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
      assertEquals(writeMode.equals("sstable"), report.at("/sstables/" + table + "/files").asInt() >= 1, report.toPrettyString());
    }
    assertEquals(6_801, Files.readAllLines(work.resolve("out/events.csv")).size(), "header and song rows");

    try (CqlSession cql = TestCassandra.session()) {
      for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
        assertEquals(6_800, cql.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0), table);
      }
      Row played = cql.execute("SELECT artist, song FROM " + keyspace
          + ".events_by_session_item_index WHERE sessionid = ? AND iteminsession = ?", 10, 45).one();
      assertEquals("\"Weird Al\" Yankovic", played.getString("artist"));
      assertEquals("Smells Like Teen Spirit", played.getString("song"));
    }

    Map<String, Map<String, Long>> apps = cluster.finishedTasks();
    Set<String> newApps = new HashSet<>(apps.keySet());
    newApps.removeAll(appsBefore);
    assertEquals(1, newApps.size(), "one application ran on the cluster: " + apps);
    Map<String, Long> tasksByWorker = apps.get(newApps.iterator().next());
    assertEquals(2, tasksByWorker.size(), "both Workers ran an executor: " + tasksByWorker);
    long tasks = tasksByWorker.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(tasks >= 8, "the executors read and wrote (tasks finished per Worker: " + tasksByWorker + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"client", "cluster"})
  void aFailedRunFailsTheSubmission(String deployMode) throws Exception {
    ScriptRun run = submit(deployMode, "--input", work.resolve("missing").toString(),
        "--output", work.resolve("out/events.csv").toString());
    if (deployMode.equals("client")) {
      assertEquals(3, run.exit(), "the driver runs in spark-submit: its exit code is the job's\n" + run.output());
      assertTrue(run.output().contains("does not exist (--input)"), run.output());
    } else {
      assertEquals(1, run.exit(), run.output());
      assertTrue(run.output().contains("submit: the driver ended FAILED"), run.output());
    }
  }

  /** scripts/submit as on a machine without a Spark distribution: it falls back to Spark's SparkSubmit class. */
  private ScriptRun submit(String deployMode, String... jobFlags) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("scripts/submit").toString(),
        "--master", cluster.masterUrl(), "--deploy-mode", deployMode, "--driver-memory", "512m", "--executor-memory", "512m"));
    command.addAll(List.of(jobFlags));
    return ScriptRun.of(work, command, env -> {
      env.remove("SPARK_HOME");
      env.put("SPARK_LOCAL_IP", "127.0.0.1");
    });
  }
}
