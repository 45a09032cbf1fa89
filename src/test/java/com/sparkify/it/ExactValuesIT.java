package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.DirtyText;
import com.sparkify.testing.LogFolder;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.StrictCsv;
import com.sparkify.testing.TestCassandra;
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
 * Values exactly as read, end to end: logs full of edge white space, quotes, separators, line breaks and
 * mojibake go through the job; events.csv, read back by an RFC 4180 reader that is not the job's, and both
 * tables hold every value as the input has it (mojibake repaired, nothing else changed).
 */
@ExtendWith(TestCassandra.class)
class ExactValuesIT {
  private static final String KEYSPACE = "it_exact_values";
  private static final List<String> TEXT = List.of(
      "artist", "auth", "firstName", "gender", "lastName", "level", "location", "method", "page", "song");
  @TempDir static Path input;
  @TempDir static Path output;
  /** "sessionId/itemInSession" → the 17 values the job must keep, in the logs' column order. */
  private static final Map<String, List<String>> expected = new TreeMap<>();
  private static CqlSession cql;

  @BeforeAll
  static void runTheJob() {
    LogFolder logs = new LogFolder(input);
    // quoted wherever RFC 4180 allows it, by a writer that is not the job's
    List<String> quoted = new ArrayList<>(List.of(EventColumns.HEADER));
    for (int i = 0; i < DirtyText.VALUES.size(); i++) {
      List<String> row = dirtyRow(500, i);
      expected.put(key(row), row);
      quoted.add(StrictCsv.format(row));
    }
    logs.write("2018-11-01-events.csv", quoted.toArray(String[]::new));
    // as careless producers write them: edge white space unquoted, empty fields quoted or not, mojibake
    logs.write("2018-11-02-events.csv", EventColumns.HEADER,
        "Heavy Soul ,\tLogged In, Ann ,F,0,Lee\u00A0,200.5,paid, Austin,PUT,NextSong,1540920000000,501, I Will Not Reap Destruction ,200,1541110000000,50",
        " CafÃ© Tacvba ,\"\",\"\",,1,,200.5,  ,\"Austin, TX\",PUT,NextSong,1540920000000,501,\"Eres  \",200,1541110001000,50");
    expected.put("501/0", List.of("Heavy Soul ", "\tLogged In", " Ann ", "F", "0", "Lee\u00A0", "200.5", "paid", " Austin",
        "PUT", "NextSong", "1540920000000", "501", " I Will Not Reap Destruction ", "200", "1541110000000", "50"));
    expected.put("501/1", List.of(" Café Tacvba ", "", "", "", "1", "", "200.5", "  ", "Austin, TX",
        "PUT", "NextSong", "1540920000000", "501", "Eres  ", "200", "1541110001000", "50"));

    cql = TestCassandra.session();
    cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    new PipelineRun(SharedSpark.spark(), TestCassandra.settings(KEYSPACE,
        "--input", input.toString(), "--output", output.resolve("events.csv").toString())).run();
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  /** Row i: each text column a different dirty value; the artist never blank, which would make it a page view. */
  private static List<String> dirtyRow(int session, int i) {
    List<String> values = DirtyText.VALUES;
    List<String> row = new ArrayList<>();
    for (String column : EventColumns.NAMES) {
      int at = TEXT.indexOf(column);
      String text = at < 0 ? null : values.get((i + at) % values.size());
      row.add(switch (column) {
        case "artist" -> text.isBlank() ? text + "Muse" : text;
        case "itemInSession" -> Integer.toString(i);
        case "length" -> "200.5";
        case "registration" -> "1540920000000";
        case "sessionId" -> Integer.toString(session);
        case "status" -> "200";
        case "ts" -> Long.toString(1541110000000L + i);
        case "userId" -> "50";
        default -> text;
      });
    }
    return row;
  }

  private static String key(List<String> row) {
    return row.get(EventColumns.NAMES.indexOf("sessionId")) + "/" + row.get(EventColumns.NAMES.indexOf("itemInSession"));
  }

  private static String value(List<String> row, String column) {
    return row.get(EventColumns.NAMES.indexOf(column));
  }

  @Test
  void eventsCsvHoldsEveryValueAsRead() {
    List<List<String>> records = StrictCsv.read(output.resolve("events.csv"));
    assertEquals(EventColumns.NAMES, records.get(0));
    Map<String, List<String>> written = new TreeMap<>();
    records.subList(1, records.size()).forEach(record -> written.put(key(record), record));
    assertEquals(expected, written);
  }

  @Test
  void sessionItemTableHoldsTheSameValues() {
    Map<String, List<String>> wanted = new TreeMap<>();
    expected.forEach((key, row) -> wanted.put(key, List.of(value(row, "artist"), value(row, "song"), value(row, "length"))));
    Map<String, List<String>> stored = new TreeMap<>();
    for (Row row : cql.execute("SELECT sessionId, itemInSession, artist, song, length FROM " + KEYSPACE + ".events_by_session_item_index")) {
      stored.put(row.getInt(0) + "/" + row.getInt(1),
          List.of(text(row.getString(2)), text(row.getString(3)), Double.toString(row.getDouble(4))));
    }
    assertEquals(wanted, stored);
  }

  @Test
  void userSessionTableHoldsTheSameValues() {
    Map<String, List<String>> wanted = new TreeMap<>();
    expected.forEach((key, row) -> wanted.put(key, List.of(value(row, "userId"), value(row, "artist"), value(row, "song"),
        value(row, "firstName"), value(row, "lastName"))));
    Map<String, List<String>> stored = new TreeMap<>();
    for (Row row : cql.execute("SELECT sessionId, itemInSession, userId, artist, song, firstName, lastName FROM " + KEYSPACE
        + ".events_by_user_session_item_index")) {
      stored.put(row.getInt(0) + "/" + row.getInt(1), List.of(Integer.toString(row.getInt(2)), text(row.getString(3)),
          text(row.getString(4)), text(row.getString(5)), text(row.getString(6))));
    }
    assertEquals(wanted, stored);
  }

  /** An empty field reaches Cassandra as null, and events.csv as an empty field: both are "" to RFC 4180. */
  private static String text(String value) {
    return value == null ? "" : value;
  }
}
