package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.BrokenLogs;
import com.sparkify.testing.FailingFileSystem;
import com.sparkify.testing.LogFolder;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.StrictCsv;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input at once: each file and row gets its defined outcome, and the report balances. */
@ExtendWith(TestCassandra.class)
class BadInputIT {
  private static final String KEYSPACE = "it_bad_input";
  @TempDir static Path input;
  @TempDir static Path output;
  private static BrokenLogs corpus;
  private static JsonNode report;
  private static CqlSession cql;

  @BeforeAll
  static void runOnTheCorpus() throws IOException {
    corpus = BrokenLogs.write(input);
    cql = TestCassandra.session();
    cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    new PipelineRun(SharedSpark.spark(), settings(KEYSPACE, "--max-rejects", "20")).run();
    report = new ObjectMapper().readTree(output.resolve("events.report.json").toFile());
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  private static Settings settings(String keyspace, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--input", input.toString(), "--output", output.resolve("events.csv").toString()));
    all.addAll(List.of(args));
    return TestCassandra.settings(keyspace, all.toArray(String[]::new));
  }

  @Test
  void everyRowIsAccountedForAndTheReportBalances() {
    assertEquals(corpus.rowsRead(), report.get("rows_read").asLong());
    assertEquals(corpus.songRows(), report.get("rows_consolidated").asLong());
    assertEquals(corpus.pageViews(), report.get("rows_without_artist").asLong());
    assertEquals(BrokenLogs.REJECTED_ROWS, report.get("rows_rejected").asLong());
    assertEquals(report.get("rows_read").asLong(), report.get("rows_consolidated").asLong()
        + report.get("rows_without_artist").asLong() + report.get("rows_rejected").asLong());
    assertEquals(BrokenLogs.REPAIRED_ROWS, report.get("rows_repaired").asLong());
    assertEquals(BrokenLogs.FALLBACK_ROWS, report.get("rows_decoded_as_fallback").asLong());
    assertEquals(Map.of("events_by_session_item_index", corpus.songRows(),
            "events_by_user_session_item_index", corpus.songRows()),
        new ObjectMapper().convertValue(report.get("rows_written"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() {}));
    assertEquals("OK", report.get("exit_status").get("name").asText());
  }

  @Test
  void rejectsAreCountedPerReason() {
    Map<String, Long> byReason = new TreeMap<>();
    report.get("rejects_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    assertEquals(BrokenLogs.REJECTS_BY_REASON, byReason);
  }

  @Test
  void theRejectsFileHoldsFileLineReasonAndOriginalTextExactly() {
    List<List<String>> records = StrictCsv.read(output.resolve("events.rejects.csv"));
    assertEquals(List.of("file", "line", "reason", "text"), records.get(0));
    String brokenCsv = "file:" + input.resolve("broken.csv");
    Map<Integer, List<String>> expected = new TreeMap<>();
    BrokenLogs.REJECTED_LINES.forEach((line, reason) ->
        expected.put(line, List.of(brokenCsv, line.toString(), reason, BrokenLogs.REJECTED_TEXT.get(line))));
    // of the gzip cut short, one line: where it broke, and why (its name sorts before broken.csv)
    List<List<String>> all = new java.util.ArrayList<>(List.of(
        List.of("file:" + input.resolve(BrokenLogs.CUT_GZIP), cutAt(), "READ_ERROR", "Unexpected end of input stream")));
    all.addAll(expected.values());
    assertEquals(all, records.subList(1, records.size()));
  }

  @Test
  void eachFileHasItsOutcome() {
    Map<String, String> outcomes = new HashMap<>();
    Map<String, Long> rows = new HashMap<>();
    Map<String, Long> fallback = new HashMap<>();
    for (JsonNode file : report.get("files")) {
      String name = Path.of(file.get("file").asText().replace("file:", "")).getFileName().toString();
      String reason = file.has("reason") ? file.get("reason").asText() : "";
      // the codec's words for a broken gzip vary by platform; where it broke off does not
      String outcome = reason.startsWith("READ_ERROR at line 1:") ? "READ_ERROR at line 1" : reason.startsWith("READ_ERROR") ? "READ_ERROR" : reason;
      outcomes.put(name, (file.get("status").asText() + " " + outcome).strip());
      if (file.has("rows")) {
        rows.put(name, file.get("rows").asLong());
      }
      if (file.path("rows_decoded_as_fallback").asLong() > 0) {
        fallback.put(name, file.get("rows_decoded_as_fallback").asLong());
      }
    }
    Map<String, String> expected = new HashMap<>(BrokenLogs.FILE_OUTCOMES);
    expected.put("2018-11-01-events.csv", "read");
    expected.put("2018-11-02-events.csv", "read");
    assertEquals(expected, outcomes);
    assertEquals(0L, rows.get("header-only.csv"));
    assertEquals(2L, rows.get("bom-crlf.csv"));
    assertEquals(2L, rows.get("zipped.csv.gz"));
    assertEquals(3L, rows.get(BrokenLogs.SPREADSHEET));
    assertEquals(Map.of("broken.csv", 1L, BrokenLogs.SPREADSHEET, 2L), fallback);
    assertEquals(7, report.get("files_read").asLong());
    assertEquals(5, report.get("files_rejected").asLong());
    assertEquals(1, report.get("files_ignored").asLong());
  }

  @Test
  void repairedTextAQuotedLineBreakAndWindows1252TextReachTheTables() throws IOException {
    assertEquals("Café Tacvba", artist(9001, 0));
    assertEquals("Café Tacvba", artist(9001, 1));
    assertEquals("Line\nBreak", cql.execute("SELECT song FROM " + KEYSPACE
        + ".events_by_session_item_index WHERE sessionId = 9001 AND itemInSession = 2").one().getString(0));
    assertEquals("Beyoncé", artist(9003, 0));
    assertEquals("Mötley Crüe", artist(9008, 0));
    assertEquals("Weird Al\" Yankovic", artist(9008, 1));
    assertEquals("Sigur Rós", artist(9008, 2));
    assertTrue(Files.readString(output.resolve("events.csv")).indexOf('\uFFFD') < 0, "no U+FFFD in events.csv");
    assertEquals("Radiohead", artist(9004, 1));
    assertEquals("Björk", artist(9005, 0));
  }

  @Test
  void ofTwoRowsWithOneKeyTheLaterEventWinsWhereverItStandsAndTheConflictIsReported() {
    Row sessionItem = cql.execute("SELECT song, WRITETIME(song) FROM " + KEYSPACE
        + ".events_by_session_item_index WHERE sessionId = 9002 AND itemInSession = 0").one();
    assertEquals("A later", sessionItem.getString(0));
    assertEquals(BrokenLogs.LATER * 1000, sessionItem.getLong(1));
    Row userSession = cql.execute("SELECT song, WRITETIME(song) FROM " + KEYSPACE
        + ".events_by_user_session_item_index WHERE userId = 902 AND sessionId = 9002").one();
    assertEquals("A later", userSession.getString(0));
    assertEquals(BrokenLogs.LATER * 1000, userSession.getLong(1));
    JsonNode conflicts = report.get("key_conflicts").get("events_by_session_item_index");
    assertEquals(2, conflicts.get("keys").asLong());
    String example = conflicts.get("examples").get(0).asText();
    assertTrue(example.contains("9002") && example.contains("A later") && example.contains("B earlier"), example);
    assertEquals(2, report.get("key_conflicts").get("events_by_user_session_item_index").get("keys").asLong());
  }

  @Test
  void ofTwoRowsWithOneKeyAndOneTimeTheLaterInTheInputWins() {
    for (String query : List.of(
        "SELECT song, WRITETIME(song), WRITETIME(artist) FROM " + KEYSPACE + ".events_by_session_item_index WHERE sessionId = 9007 AND itemInSession = 0",
        "SELECT song, WRITETIME(song), WRITETIME(artist) FROM " + KEYSPACE + ".events_by_user_session_item_index WHERE userId = 907 AND sessionId = 9007")) {
      Row row = cql.execute(query).one();
      assertEquals("Y second in the input", row.getString(0), query);
      assertEquals(BrokenLogs.TIE * 1000 + 1, row.getLong(1), query);
      assertEquals(BrokenLogs.TIE * 1000 + 1, row.getLong(2), "every column of the row comes from the winner");
    }
  }

  @Test
  void overTheErrorBudgetNothingIsWrittenAndTheRunSaysWhy() throws IOException {
    String keyspace = "it_bad_input_budget";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    Path events = output.resolve("budget/events.csv");
    Files.createDirectories(events.getParent());
    Files.writeString(events, "previous run\n");
    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(),
        settings(keyspace, "--max-rejects", "10", "--output", events.toString())).run());
    assertEquals(ExitStatus.TOO_MANY_REJECTS, e.status());
    long rejected = BrokenLogs.REJECTED_ROWS;
    assertTrue(e.getMessage().contains(rejected + " of " + corpus.rowsRead() + " rows rejected, over the budget of 10 rows"), e.getMessage());
    assertEquals("previous run\n", Files.readString(events));
    for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
      assertEquals(0, cql.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0), table);
    }
    JsonNode failed = new ObjectMapper().readTree(output.resolve("budget/events.report.json").toFile());
    assertEquals("TOO_MANY_REJECTS", failed.get("exit_status").get("name").asText());
    assertEquals(4, failed.get("exit_status").get("code").asInt());
    assertEquals(rejected, failed.get("rows_rejected").asLong());
    assertEquals(1 + rejected, Files.readAllLines(output.resolve("budget/events.rejects.csv")).size());
  }

  @Test
  void aDayBothPlainAndGzippedStopsTheRunNamingBothFiles(@TempDir Path twice) throws IOException {
    BrokenLogs.write(twice);
    Path plain = twice.resolve("2018-11-02-events.csv");
    try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(twice.resolve("2018-11-02-events.csv.gz")))) {
      gz.write(Files.readAllBytes(plain));
    }
    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(),
        settings("it_bad_input_twice", "--input", twice.toString(), "--output", output.resolve("twice/events.csv").toString())).run());
    assertEquals(ExitStatus.INPUT_PROBLEM, e.status());
    assertTrue(e.getMessage().contains(plain + " and ") && e.getMessage().contains(plain + ".gz"), e.getMessage());
    assertTrue(Files.notExists(output.resolve("twice/events.csv")));
  }

  /** The line the cut gzip broke off at, as its report line says. */
  private static String cutAt() {
    for (JsonNode file : report.get("files")) {
      if (file.get("file").asText().endsWith(BrokenLogs.CUT_GZIP)) {
        String reason = file.get("reason").asText();
        assertTrue(reason.matches("READ_ERROR at line [0-9]+: Unexpected end of input stream"), reason);
        return reason.replaceAll("READ_ERROR at line ([0-9]+):.*", "$1");
      }
    }
    throw new AssertionError("no report line for " + BrokenLogs.CUT_GZIP);
  }

  @Test
  void aGzipCutShortIsInNoOutputButItsOneReadErrorLine() throws IOException {
    assertTrue(Long.parseLong(cutAt()) > 1000, "the cut is at 60 % of 3000 rows: " + cutAt());
    long fromCutFile = StrictCsv.read(output.resolve("events.csv")).stream()
        .filter(row -> row.get(12).matches("[0-9]+") && Integer.parseInt(row.get(12)) >= BrokenLogs.CUT_SESSIONS_FROM)
        .count();
    assertEquals(0, fromCutFile, "rows of the cut gzip in events.csv");
    assertEquals(0, cql.execute("SELECT count(*) FROM " + KEYSPACE + ".events_by_user_session_item_index WHERE userId = 920"
        + " AND sessionId IN (" + BrokenLogs.CUT_SESSIONS_FROM + ", " + (BrokenLogs.CUT_SESSIONS_FROM + 1) + ")").one().getLong(0),
        "rows of the cut gzip in the tables");
    assertEquals(0, cql.execute("SELECT count(*) FROM " + KEYSPACE + ".events_by_session_item_index WHERE sessionId IN ("
        + BrokenLogs.CUT_SESSIONS_FROM + ", " + (BrokenLogs.CUT_SESSIONS_FROM + 1) + ") AND itemInSession = 1").one().getLong(0));
  }

  @Test
  void aFileTheFileSystemFailsOnEveryAttemptStopsTheRunNamingTheFileAndNothingOfItIsKept(@TempDir Path flaky) throws IOException {
    FailingFileSystem.register(SharedSpark.spark().sparkContext().hadoopConfiguration());
    String[] lines = new String[6001];
    lines[0] = EventColumns.HEADER;
    for (int i = 1; i < lines.length; i++) {
      lines[i] = BrokenLogs.song(9300 + i / 10, i % 10, 930, "Beyoncé", "Halo " + i, 1541130000000L + i);
    }
    new LogFolder(flaky).write("2018-11-04-fs-fails.csv", lines);
    new LogFolder(flaky).write("2018-11-05-events.csv", lines[0], lines[1]);
    Path events = output.resolve("flaky/events.csv");
    Files.createDirectories(events.getParent());
    Files.writeString(events, "previous run\n");
    String keyspace = "it_bad_input_flaky";
    cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    SparkifyException e = assertThrows(SparkifyException.class, () -> new PipelineRun(SharedSpark.spark(),
        settings(keyspace, "--input", FailingFileSystem.SCHEME + "://" + flaky, "--output", events.toString())).run());
    assertEquals(ExitStatus.INPUT_PROBLEM, e.status());
    assertTrue(e.getMessage().contains("2018-11-04-fs-fails.csv could not be read past line ")
        && e.getMessage().contains("the file system failed") && e.getMessage().endsWith("(on every attempt Spark made)"), e.getMessage());
    assertEquals("previous run\n", Files.readString(events));
    for (String table : List.of("events_by_session_item_index", "events_by_user_session_item_index")) {
      assertEquals(0, cql.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0), table);
    }
    JsonNode failed = new ObjectMapper().readTree(output.resolve("flaky/events.report.json").toFile());
    assertEquals(3, failed.get("exit_status").get("code").asInt());
  }

  private static String artist(int session, int item) {
    return cql.execute("SELECT artist FROM " + KEYSPACE + ".events_by_session_item_index WHERE sessionId = "
        + session + " AND itemInSession = " + item).one().getString(0);
  }
}
