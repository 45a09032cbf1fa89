package com.sparkify.testing;

import com.sparkify.pipeline.read.EventColumns;
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

  public static Dataset<Row> text(Row... rows) {
    StructType schema = new StructType();
    for (String name : EventColumns.NAMES) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return SharedSpark.spark().createDataFrame(Arrays.asList(rows), schema);
  }

  /** A NextSong row of user Ann Lee. */
  public static Row song(String artist, String song, String length, String sessionId, String item, String userId, String ts) {
    return row(artist, "Logged In", "Ann", "F", item, "Lee", length, "free", "Austin, TX", "PUT", "NextSong",
        "1.54092E+12", sessionId, song, "200", ts, userId);
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
