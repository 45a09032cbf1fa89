package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.EventColumns;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two query tables' rows. Cassandra stores the unquoted camelCase names of the CQL lower-cased, and the
 * connector matches DataFrame columns to table columns by exact name, so the projections lower-case them.
 */
public final class QueryTables {
  private QueryTables() {}

  /** events_by_session_item_index: (sessionId, itemInSession) → artist, song, length. */
  public static Dataset<Row> sessionItem(Dataset<Row> events) {
    return project(
        events,
        EventColumns.SESSION_ID,
        EventColumns.ITEM_IN_SESSION,
        EventColumns.ARTIST,
        EventColumns.SONG,
        EventColumns.LENGTH);
  }

  /** events_by_user_session_item_index: ((userId, sessionId), itemInSession) → artist, song, names. */
  public static Dataset<Row> userSession(Dataset<Row> events) {
    return project(
        events,
        EventColumns.USER_ID,
        EventColumns.SESSION_ID,
        EventColumns.ITEM_IN_SESSION,
        EventColumns.ARTIST,
        EventColumns.SONG,
        EventColumns.FIRST_NAME,
        EventColumns.LAST_NAME);
  }

  private static Dataset<Row> project(Dataset<Row> events, String... columns) {
    return events.select(
        Arrays.stream(columns).map(c -> col(c).as(c.toLowerCase(Locale.ROOT))).toArray(Column[]::new));
  }
}
