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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import com.sparkify.testing.TestCassandra;
import com.sparkify.tools.generate.EventLogGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The job end to end against a real Cassandra: tables, example queries, events.csv, and a rerun. */
@ExtendWith(TestCassandra.class)
class PipelineIT {
  private static final String KEYSPACE = "it_pipeline";
  // A file of our own beside the generated ones: columns in another order, every trait of real logs.
  private static final String HANDMADE_HEADER =
      "userId,sessionId,itemInSession,artist,song,length,ts,registration,firstName,lastName,gender,level,location,auth,method,page,status";
  private static final List<String> HANDMADE_ROWS = List.of(
      "900,90001,4,\"Weird Al\"\" Yankovic\",\"Amish Paradise, Live\",200.5,1.54111E+12,1.54092E+12,Zoë,Ørsted,F,paid,\"Phoenix-Mesa-Scottsdale, AZ\",Logged In,PUT,NextSong,200",
      "900,90001,5,Sigur Rós,Hoppípolla,268.2,1541110000123,1540920000000,Zoë,Ørsted,F,paid,\"Phoenix-Mesa-Scottsdale, AZ\",Logged In,PUT,NextSong,200",
      "900,90001,6,,,,1541110000456,1540920000000,Zoë,Ørsted,F,paid,\"Phoenix-Mesa-Scottsdale, AZ\",Logged In,GET,Home,200",
      ",90002,0,,,,1541110000789,,,,,free,,Logged Out,GET,Login,200");

  @TempDir static Path input;
  @TempDir static Path outputDir;
  private static EventLogGenerator.Summary generated;
  private static Settings settings;
  private static CqlSession cql;
  private static RunReport first;

  @BeforeAll
  static void runTheJobOnce() throws IOException {
    generated = new EventLogGenerator(7, LocalDate.of(2018, 11, 1)).generate(input, 3000, 3);
    Files.writeString(input.resolve("2018-11-04-events.csv"),
        HANDMADE_HEADER + "\n" + String.join("\n", HANDMADE_ROWS) + "\n", StandardCharsets.UTF_8);
    // what a run with the default --output leaves in the input folder: never input
    Files.writeString(input.resolve("events.csv"), HANDMADE_HEADER + "\n" + HANDMADE_ROWS.get(0) + "\n");
    settings = settings(input, outputDir.resolve("events.csv"));
    cql = TestCassandra.session();
    cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    first = new PipelineRun(SharedSpark.spark(), settings).run();
  }

  @AfterAll
  static void closeSession() {
    cql.close();
  }

  @Test
  void theSummaryAccountsForEveryRow() {
    assertEquals(4, first.document().filesRead());
    assertEquals(generated.rows() + 4, first.document().rowsRead());
    assertEquals(generated.songRows() + 2, first.document().rowsConsolidated());
    assertEquals(generated.rows() - generated.songRows() + 2, first.document().rowsWithoutArtist());
    assertEquals(0, first.document().rowsRejected());
    assertEquals(
        Map.of("events_by_session_item_index", first.document().rowsConsolidated(),
            "events_by_user_session_item_index", first.document().rowsConsolidated()),
        first.rowsWritten());
  }

  @Test
  void bothTablesHoldEverySongRow() {
    for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
      long rows = cql.execute("SELECT count(*) FROM " + KEYSPACE + "." + table).one().getLong(0);
      assertEquals(first.document().rowsConsolidated(), rows, table);
    }
  }

  @Test
  void analystsCqlWorksAsWrittenInTheIssue() {
    Row row = cql.execute("SELECT artist, song, length FROM " + KEYSPACE
        + ".events_by_session_item_index WHERE sessionId = 90001 AND itemInSession = 4").one();
    assertEquals("Weird Al\" Yankovic", row.getString("artist"));
    assertEquals("Amish Paradise, Live", row.getString("song"));
    assertEquals(200.5, row.getDouble("length"));
  }

  @Test
  void theExampleQueriesAnswerWithBoundValues() {
    CassandraSchema schema = new CassandraSchema(settings.cassandra());
    QueryTable userSession = settings.cassandra().table(Tables.USER_SESSION).orElseThrow();
    QueryTable sessionItem = settings.cassandra().table(Tables.SESSION_ITEM).orElseThrow();
    List<String> plays = new ArrayList<>();
    for (Row row : cql.execute(cql.prepare(schema.select(userSession, List.of("userId", "sessionId"))).bind(900, 90001))) {
      plays.add(row.getInt("itemInSession") + " " + row.getString("artist") + " / " + row.getString("song")
          + " / " + row.getString("firstName") + " " + row.getString("lastName"));
    }
    assertEquals(List.of("4 Weird Al\" Yankovic / Amish Paradise, Live / Zoë Ørsted",
        "5 Sigur Rós / Hoppípolla / Zoë Ørsted"), plays);
    assertEquals(null, cql.execute(cql.prepare(schema.select(sessionItem, List.of("sessionId", "itemInSession"))).bind(90001, 6)).one(),
        "page views are not song rows");
  }

  @Test
  void eventsCsvHoldsTheSongRowsWithAllColumnsInTheLogsOrder() throws IOException {
    List<String> lines = Files.readAllLines(outputDir.resolve("events.csv"), StandardCharsets.UTF_8);
    assertEquals(
        EventColumns.HEADER,
        lines.get(0));
    assertEquals(first.document().rowsConsolidated() + 1, lines.size());
    assertTrue(lines.contains("\"Weird Al\"\" Yankovic\",Logged In,Zoë,F,4,Ørsted,200.5,paid,"
        + "\"Phoenix-Mesa-Scottsdale, AZ\",PUT,NextSong,1540920000000,90001,\"Amish Paradise, Live\",200,1541110000000,900"));
    assertTrue(lines.stream().skip(1).noneMatch(line -> line.startsWith(",")), "no row without an artist");
  }

  @Test
  void aRerunLeavesTablesAndEventsCsvIdentical() throws IOException {
    List<String> sessionItem = TestCassandra.dump(cql, KEYSPACE, "events_by_session_item_index");
    List<String> userSession = TestCassandra.dump(cql, KEYSPACE, "events_by_user_session_item_index");
    byte[] eventsCsv = Files.readAllBytes(outputDir.resolve("events.csv"));

    RunReport second = new PipelineRun(SharedSpark.spark(), settings).run();

    assertEquals(first.document().rowsRead(), second.document().rowsRead(), "events.csv is not read back as input");
    assertEquals(figures(first), figures(second), "the same report figures");
    assertEquals(sessionItem, TestCassandra.dump(cql, KEYSPACE, "events_by_session_item_index"));
    assertEquals(userSession, TestCassandra.dump(cql, KEYSPACE, "events_by_user_session_item_index"));
    assertArrayEquals(eventsCsv, Files.readAllBytes(outputDir.resolve("events.csv")));
    try (Stream<Path> files = Files.list(outputDir)) {
      assertEquals(List.of("events.csv", "events.rejects.csv", "events.report.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "no staging folder is left behind");
    }
  }

  /**
   * A rerun against the existing tables sends no DDL: a role that may only read and write the keyspace, as a
   * production job's often is, runs it, while the same role cannot create the keyspace the first run needs.
   */
  @Test
  void aRerunAgainstExistingTablesNeedsNoSchemaRights(@TempDir Path elsewhere) {
    String role = "it_writer";
    String password = "Wr1ter-Pw-5e1b";
    cql.execute("CREATE ROLE IF NOT EXISTS " + role + " WITH PASSWORD = '" + password + "' AND LOGIN = true");
    cql.execute("GRANT SELECT ON KEYSPACE " + KEYSPACE + " TO " + role);
    cql.execute("GRANT MODIFY ON KEYSPACE " + KEYSPACE + " TO " + role);
    Map<String, String> writer = Map.of("SPARKIFY_CASSANDRA_USERNAME", role, "SPARKIFY_CASSANDRA_PASSWORD", password);

    RunReport report = new PipelineRun(SharedSpark.spark(), settingsAs(writer, KEYSPACE, elsewhere.resolve("events.csv"))).run();
    assertEquals(first.rowsWritten(), report.rowsWritten());

    Settings fresh = settingsAs(writer, "it_pipeline_no_rights", elsewhere.resolve("fresh/events.csv"));
    SparkifyException refused = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(), fresh).run());
    assertTrue(refused.getMessage().contains("creating keyspace it_pipeline_no_rights"), refused.getMessage());
    assertTrue(refused.getMessage().contains("CREATE"), "the role really lacks schema rights: " + refused.getMessage());
  }

  @Test
  void anUnreachableCassandraFailsFastBeforeTheInputIsRead(@TempDir Path elsewhere) throws IOException {
    Settings unreachable = SettingsLoader.load(CommandLine.parse("--input", input.toString(),
        "--output", elsewhere.resolve("events.csv").toString(),
        "--cassandra-host", "127.0.0.1", "-Dsparkify.cassandra.port=1"), Map.of(), new Properties(), Optional.empty());
    long start = System.nanoTime();
    SparkifyException e = assertThrows(SparkifyException.class,
        () -> new PipelineRun(SharedSpark.spark(), unreachable).run());
    assertEquals(ExitStatus.CASSANDRA_UNREACHABLE, e.status());
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    assertTrue(e.getMessage().contains("sparkify.cassandra.host"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "within 30 s");
    JsonNode report = new ObjectMapper().readTree(elsewhere.resolve("events.report.json").toFile());
    assertEquals("CASSANDRA_UNREACHABLE", report.get("exit_status").get("name").asText());
    assertEquals(0, report.get("rows_read").asLong(), "no row was read: " + report);
    assertEquals(0, report.get("files").size(), "no file was opened: " + report);
  }

  private static Settings settings(Path in, Path out) {
    return TestCassandra.settings(KEYSPACE, "--input", in.toString(), "--output", out.toString());
  }

  /** The test node and the input, as another role logs in. */
  private static Settings settingsAs(Map<String, String> credentials, String keyspace, Path out) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", out.toString()));
    args.addAll(List.of(TestCassandra.settingsArgs(keyspace)));
    return SettingsLoader.load(CommandLine.parse(args.toArray(String[]::new)), credentials, new Properties(), Optional.empty());
  }

  /** The report without what differs between identical runs: the clock, and which run's files are in place. */
  private static JsonNode figures(RunReport report) throws IOException {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(report.toJson());
    json.remove(List.of("started_at", "finished_at", "timings_s", "outputs_from_run"));
    return json;
  }
}
