package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.testing.DirtyLogs;
import com.sparkify.testing.DirtyText;
import com.sparkify.testing.LogFolder;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read-back verification: a run with --verify proves each table holds its rows (in both write modes), a run
 * whose rows Cassandra does not return fails with exit 6, and scripts/sparkify verify names what an existing
 * events.csv misses in the tables: a row deleted, a value damaged at the run's own write time, while a later
 * event's value counts as present.
 */
@ExtendWith(TestCassandra.class)
class VerifyIT {
  private static final String SESSION_ITEM = "events_by_session_item_index";
  @TempDir static Path work;
  private static Path input;

  @BeforeAll
  static void logs() throws IOException {
    input = Files.createDirectories(work.resolve("input"));
    DirtyLogs.conflictingKeys(new LogFolder(input));
  }

  private static Settings settings(String keyspace, String mode, String... more) throws IOException {
    Path config = Files.writeString(work.resolve(keyspace + ".conf"), Tables.USERS_BY_SONG_CONF);
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output",
        work.resolve(keyspace + "/events.csv").toString(), "--config", config.toString(), "--write-mode", mode,
        "-Dsparkify.cassandra.sstable.work-dir=" + Files.createDirectories(work.resolve("sstables"))));
    args.addAll(List.of(more));
    return TestCassandra.settings(keyspace, args.toArray(String[]::new));
  }

  private static void drop(String keyspace) {
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cql", "sstable"})
  void aRunWithVerifyReadsEveryKeyOfEveryTableBack(String mode) throws IOException {
    String keyspace = "it_verify_" + mode;
    drop(keyspace);
    RunReport report = new PipelineRun(SharedSpark.spark(), settings(keyspace, mode, "--verify")).run();

    Map<String, RunReport.VerifiedLine> verified = report.document().verified();
    assertEquals(List.of(SESSION_ITEM, "events_by_user_session_item_index", "users_by_song"), List.copyOf(verified.keySet()));
    // 25 song rows; the seed tables' keys of 701 and 702 each hold two of them
    assertEquals(DirtyLogs.SEED_TABLE_KEYS, verified.get(SESSION_ITEM).rowsChecked());
    assertEquals(DirtyLogs.SEED_TABLE_KEYS, verified.get("events_by_user_session_item_index").rowsChecked());
    assertEquals(25, verified.get("users_by_song").rowsChecked());
    verified.forEach((table, line) -> {
      assertEquals(0, line.rowsMissing(), table);
      assertEquals(0, line.rowsDifferent(), table);
    });
    assertTrue(report.document().timings().containsKey(PipelineRun.VERIFY_TABLES));
  }

  @Test
  void rowsTheWriteReportedButCassandraDoesNotReturnFailTheRunAndKeepTheLastGoodEventsCsv() throws IOException {
    String keyspace = "it_verify_shadowed";
    drop(keyspace);
    Settings settings = settings(keyspace, "cql", "--verify");
    // a partition deleted now shadows every write with an event's own (2018) time: the connector reports the rows
    // written, and none of them can be read
    CassandraSchema schema = new CassandraSchema(settings.cassandra());
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute(schema.createKeyspace());
      settings.cassandra().enabledTables().forEach(table -> cql.execute(schema.createTable(table)));
      cql.execute("DELETE FROM " + keyspace + "." + SESSION_ITEM + " WHERE sessionId = 700");
    }
    Path events = Files.createDirectories(work.resolve(keyspace)).resolve("events.csv");
    Files.writeString(events, "the last good run's\n");

    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(), settings).run());

    assertEquals(ExitStatus.WRITE_FAILED, e.status());
    assertTrue(e.getMessage().contains(keyspace + "." + SESSION_ITEM + ": " + DirtyText.VALUES.size() + " of " + DirtyLogs.SEED_TABLE_KEYS
        + " rows missing, 0 different (e.g. missing sessionid=700, iteminsession=0; missing sessionid=700, iteminsession=1;"
        + " missing sessionid=700, iteminsession=2)"), e.getMessage());
    assertFalse(e.getMessage().contains("users_by_song:"), "the other tables hold every row: " + e.getMessage());
    assertEquals("the last good run's\n", Files.readString(events));
    JsonNode written = new ObjectMapper().readTree(work.resolve(keyspace + "/events.report.json").toFile());
    assertEquals(DirtyText.VALUES.size(), written.path("verified").path(SESSION_ITEM).path("rows_missing").asLong(), written.toString());
  }

  @Test
  void theVerifyCommandNamesRowsMissingOrDamagedAndTakesALaterEventForPresent() throws Exception {
    String keyspace = "it_verify_command";
    drop(keyspace);
    new PipelineRun(SharedSpark.spark(), settings(keyspace, "cql")).run();
    Path events = work.resolve(keyspace + "/events.csv");
    Path tablesConfig = work.resolve(keyspace + ".conf");
    List<String> command = ScriptRun.sparkify("verify", "--events", events.toString(), "--keyspace", keyspace,
        "--cassandra-host", "127.0.0.1", "-Dsparkify.cassandra.port=" + TestCassandra.PORT, "--config", tablesConfig.toString());

    ScriptRun intact = ScriptRun.of(work, command, env -> env.putAll(TestCassandra.environment()));
    assertEquals(0, intact.exit(), intact.output());
    assertTrue(intact.output().contains("verified " + keyspace + ".users_by_song: 25 rows checked, 0 missing, 0 different"),
        intact.output());

    try (CqlSession cql = TestCassandra.session()) {
      String table = keyspace + "." + SESSION_ITEM;
      cql.execute("DELETE FROM " + table + " WHERE sessionId = 700 AND itemInSession = 3");
      // damaged at the run's own write time: of two values written at one time Cassandra keeps the greater, and
      // U+FFFD's bytes are greater than "Hü"'s, as a decoder's replacement of bad bytes would have it
      long writeTime = cql.execute("SELECT WRITETIME(artist) FROM " + table + " WHERE sessionId = 700 AND itemInSession = 19")
          .one().getLong(0);
      cql.execute("UPDATE " + table + " USING TIMESTAMP ? SET artist = ? WHERE sessionId = 700 AND itemInSession = 19",
          writeTime, "H\uFFFDsker D\uFFFD");
      // a later event, written since: present
      cql.execute("UPDATE " + table + " USING TIMESTAMP ? SET song = ? WHERE sessionId = 701 AND itemInSession = 0",
          1541110009000L * 1000 + 5000, "A later event's song");
    }
    ScriptRun damaged = ScriptRun.of(work, command, env -> env.putAll(TestCassandra.environment()));
    assertEquals(6, damaged.exit(), damaged.output());
    assertTrue(damaged.output().contains(keyspace + "." + SESSION_ITEM + ": 1 of " + DirtyLogs.SEED_TABLE_KEYS
        + " rows missing, 1 different (e.g. missing sessionid=700, iteminsession=3; different sessionid=700, iteminsession=19)"),
        damaged.output());
    assertTrue(damaged.output().contains("[exit 6:"), damaged.output());

    List<String> unreachable = new ArrayList<>(command);
    unreachable.set(unreachable.indexOf("-Dsparkify.cassandra.port=" + TestCassandra.PORT), "-Dsparkify.cassandra.port=1");
    ScriptRun down = ScriptRun.of(work, unreachable, env -> env.putAll(TestCassandra.environment()));
    assertEquals(5, down.exit(), down.output());
  }
}
