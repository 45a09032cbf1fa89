package com.sparkify.testing;

import com.sparkify.pipeline.read.EventParser;
import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny in-memory event logs, as the reader hands them on: 17 text columns, empty fields as null. */
public final class EventRows {
  private EventRows() {}

  /** The 17 text columns only. */
  public static Dataset<Row> text(Row... rows) {
    return textKeepingEmpty(Arrays.asList(rows));
  }

  /** The 17 text columns of rows built by hand, an empty string kept as one (the reader's quoted ""). */
  public static Dataset<Row> textKeepingEmpty(List<Row> rows) {
    StructType schema = new StructType();
    for (String name : EventColumns.NAMES) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  /** As {@link EventParser} hands them on: file a.csv, lines from 2, well-formed, valid UTF-8, not repaired. */
  public static Dataset<Row> parsed(Row... rows) {
    return parsed("a.csv", rows);
  }

  /** As {@link #parsed(Row...)}, from the given file. */
  public static Dataset<Row> parsed(String file, Row... rows) {
    List<Row> withSource = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      List<Object> values = new ArrayList<>();
      for (int f = 0; f < rows[i].size(); f++) {
        values.add(rows[i].get(f));
      }
      values.addAll(Arrays.asList(file, (long) i + 2, "raw line " + (i + 2), null, false, false));
      withSource.add(RowFactory.create(values.toArray()));
    }
    return SharedSpark.spark().createDataFrame(withSource, EventParser.SCHEMA);
  }

  /** A NextSong row of user Ann Lee. */
  public static Row song(String artist, String song, String length, String sessionId, String item, String userId, String ts) {
    return row(songFields(artist, song, length, sessionId, item, userId, ts).toArray(String[]::new));
  }

  /** The 17 fields of {@link #song}, as text in the logs' column order. */
  public static List<String> songFields(
      String artist, String song, String length, String sessionId, String item, String userId, String ts) {
    return Arrays.asList(artist, "Logged In", "Ann", "F", item, "Lee", length, "free", "Austin, TX", "PUT", "NextSong",
        "1.54092E+12", sessionId, song, "200", ts, userId);
  }

  /**
   * The fields as a producer writes a log line: a field holding a comma quoted (unless the test quoted it
   * already), every other field verbatim, so that a test can write deliberately broken quotes.
   */
  public static String logLine(List<String> fields) {
    return fields.stream().map(f -> f == null ? "" : f.contains(",") && !f.startsWith("\"") ? "\"" + f + "\"" : f)
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** A page view: no artist, song or length. */
  public static Row pageView(String page, String sessionId, String item, String userId) {
    return row(null, "Logged In", "Ann", "F", item, "Lee", null, "free", "Austin, TX", "GET", page,
        "1.54092E+12", sessionId, null, "200", "1541106106796", userId);
  }

  private static Row row(String... values) {
    List<Object> fields = Arrays.stream(values).map(v -> v == null || v.isEmpty() ? null : (Object) v).toList();
    return RowFactory.create(fields.toArray());
  }
}
