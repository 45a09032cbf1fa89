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
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.StrictCsv;
import com.sparkify.testing.Tables;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query table added by configuration alone, on the shipped sample: the README's "who listened to song S?"
 * is created, filled with every song row, reported, and asked; a disabled table is left alone; a table whose
 * key changed stops the run before any write.
 */
@ExtendWith(TestCassandra.class)
class DeclaredTablesIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  private static final String KEYSPACE = "it_tables";
  @TempDir static Path work;
  private static CqlSession cql;
  private static RunReport report;

  @BeforeAll
  static void runWithAThirdTable() throws IOException {
    cql = TestCassandra.session();
    cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    report = run(KEYSPACE, Tables.USERS_BY_SONG_CONF, "out");
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  private static RunReport run(String keyspace, String config, String output, String... more) throws IOException {
    Path file = Files.writeString(work.resolve(keyspace + "-" + output + ".conf"), config);
    List<String> args = new ArrayList<>(List.of("--input", PROJECT.resolve("data").toString(),
        "--output", work.resolve(output + "/events.csv").toString(), "--config", file.toString()));
    args.addAll(List.of(more));
    return new PipelineRun(SharedSpark.spark(), TestCassandra.settings(keyspace, args.toArray(String[]::new))).run();
  }

  @Test
  void theThirdTableHoldsEverySongRowsKeyWithTheLaterEventsValues() {
    // expected from events.csv, read by a reader that is not the job's: per (song, userId) the row with the
    // latest ts, and of equal ones the later in the file
    List<List<String>> records = StrictCsv.read(work.resolve("out/events.csv"));
    int song = EventColumns.NAMES.indexOf("song");
    int user = EventColumns.NAMES.indexOf("userId");
    int ts = EventColumns.NAMES.indexOf("ts");
    Map<String, List<String>> expected = new TreeMap<>();
    Map<String, Long> latest = new TreeMap<>();
    for (List<String> record : records.subList(1, records.size())) {
      String key = record.get(song) + " | " + record.get(user);
      long time = Long.parseLong(record.get(ts));
      if (!latest.containsKey(key) || time >= latest.get(key)) {
        latest.put(key, time);
        expected.put(key, List.of(record.get(EventColumns.NAMES.indexOf("firstName")), record.get(EventColumns.NAMES.indexOf("lastName"))));
      }
    }
    Map<String, List<String>> stored = new TreeMap<>();
    for (Row row : cql.execute("SELECT song, userId, firstName, lastName FROM " + KEYSPACE + ".users_by_song")) {
      stored.put(row.getString(0) + " | " + row.getInt(1), List.of(row.getString(2), row.getString(3)));
    }
    assertEquals(expected, stored);
    assertEquals(6_800, records.size() - 1);
  }

  @Test
  void theReportCountsChecksAndReportsTheThirdTable() {
    RunReport.Document document = report.document();
    assertEquals(Map.of(Tables.SESSION_ITEM, 6_800L, Tables.USER_SESSION, 6_800L, "users_by_song", 6_800L), document.rowsWritten());
    assertTrue(document.keyConflicts().containsKey("users_by_song"), document.keyConflicts().toString());
    assertEquals("OK", document.exitStatus().name());
  }

  @Test
  void theQueryCommandAsksAnyDeclaredTableAndListsThem() throws Exception {
    Path config = work.resolve(KEYSPACE + "-out.conf");
    ScriptRun list = query("--list", "--config", config.toString());
    assertEquals(0, list.exit(), list.output());
    assertTrue(list.output().matches("(?s).*users_by_song +\\| \\(song, userId\\) +\\| firstName, lastName .*"), list.output());
    assertTrue(list.output().contains("session-item sessionId itemInSession"), list.output());

    ScriptRun asked = query("users_by_song", "song=Smells Like Teen Spirit", "--config", config.toString());
    assertEquals(0, asked.exit(), asked.output());
    assertTrue(asked.output().contains(KEYSPACE + ".users_by_song WHERE song = Smells Like Teen Spirit:"), asked.output());
    assertTrue(asked.output().matches("(?s).*\\nuserId +\\| firstName +\\| lastName\\n.*"), asked.output());
    assertFalse(asked.output().contains("(no row"), asked.output());

    ScriptRun shortcut = query("session-item", "1", "0", "--config", config.toString());
    assertTrue(shortcut.output().contains("WHERE sessionId = 1 AND itemInSession = 0:"), shortcut.output());
    ScriptRun withoutPartitionKey = query("users_by_song", "userId=59", "--config", config.toString());
    assertEquals(2, withoutPartitionKey.exit(), withoutPartitionKey.output());
    assertTrue(withoutPartitionKey.output().contains("is asked by its partition key (song)"), withoutPartitionKey.output());
  }

  @Test
  void aDisabledTableIsNeitherCreatedNorWritten() throws IOException {
    String keyspace = "it_tables_disabled";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    RunReport disabled = run(keyspace, "sparkify.cassandra.tables." + Tables.SESSION_ITEM + ".enabled = false", "disabled");
    assertEquals(Map.of(Tables.USER_SESSION, 6_800L), disabled.document().rowsWritten());
    assertTrue(cql.getMetadata().getKeyspace(keyspace).orElseThrow().getTable(Tables.SESSION_ITEM).isEmpty());
    assertTrue(cql.getMetadata().getKeyspace(keyspace).orElseThrow().getTable(Tables.USER_SESSION).isPresent());
  }

  @Test
  void aDryRunListsADeclaredTableItWouldCreate() throws IOException {
    RunReport dry = run(KEYSPACE, Tables.USERS_BY_SONG_CONF + "sparkify.cassandra.tables.plays_by_artist { partition-key = [artist],"
        + " clustering-key = [ts, userId], columns = [song] }", "dry", "--dry-run");
    assertEquals(List.of("table " + KEYSPACE + ".plays_by_artist"), dry.document().cassandraWouldCreate());
    assertTrue(dry.document().keyConflicts().containsKey("plays_by_artist"), dry.document().keyConflicts().toString());
    assertTrue(cql.getMetadata().getKeyspace(KEYSPACE).orElseThrow().getTable("plays_by_artist").isEmpty());
  }

  @Test
  void aTableThatExistsWithAnotherKeyStopsTheRunBeforeAnyWrite() throws IOException {
    String keyspace = "it_tables_changed";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    cql.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    cql.execute("CREATE TABLE " + keyspace + ".users_by_song (song text, userId int, firstName text, lastName text,"
        + " PRIMARY KEY (userId, song))");
    SparkifyException e = assertThrows(SparkifyException.class, () -> run(keyspace, Tables.USERS_BY_SONG_CONF, "changed"));
    assertEquals(ExitStatus.BAD_USAGE, e.status());
    assertTrue(e.getMessage().contains("In Cassandra: PRIMARY KEY ((userid), song ASC) WITH firstname text, lastname text"),
        "the table as it is: " + e.getMessage());
    assertTrue(e.getMessage().contains("; declared: PRIMARY KEY ((song), userid ASC) WITH firstname text, lastname text"),
        "the table as declared: " + e.getMessage());
    assertTrue(e.getMessage().contains("nothing was altered or dropped"), e.getMessage());
    assertTrue(cql.getMetadata().getKeyspace(keyspace).orElseThrow().getTable(Tables.SESSION_ITEM).isEmpty(), "nothing was created");
    assertFalse(Files.exists(work.resolve("changed/events.csv")));
  }

  private static ScriptRun query(String... args) throws IOException, InterruptedException {
    List<String> command = ScriptRun.sparkify("query");
    command.addAll(List.of(args));
    command.addAll(List.of(TestCassandra.settingsArgs(KEYSPACE)));
    return ScriptRun.of(work, command, env -> env.putAll(TestCassandra.environment()));
  }
}
