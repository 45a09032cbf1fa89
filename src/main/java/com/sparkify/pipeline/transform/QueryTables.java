package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.sparkify.pipeline.read.EventColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two query tables' rows. Cassandra stores the unquoted camelCase names of the CQL lower-cased, and the
 * connector matches DataFrame columns to table columns by exact name, so the projections lower-case them.
 */
public final class QueryTables {
  /**
   * Each row's Cassandra write time, in microseconds: the event's own time, so that of two rows with one
   * primary key the later event wins whatever order the writers run in, and a rerun changes nothing. The
   * connector binds it by name in CQL, so it must be a plain identifier (no leading underscore).
   */
  public static final String WRITETIME = "writetime_micros";

  public static final List<String> SESSION_ITEM_KEY = List.of("sessionid", "iteminsession");
  public static final List<String> SESSION_ITEM_CONTENT = List.of("artist", "song", "length");
  public static final List<String> USER_SESSION_KEY = List.of("userid", "sessionid", "iteminsession");
  public static final List<String> USER_SESSION_CONTENT = List.of("artist", "song", "firstname", "lastname");

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
    List<Column> projected = new ArrayList<>();
    Arrays.stream(columns).forEach(c -> projected.add(col(c).as(c.toLowerCase(Locale.ROOT))));
    // an event without a time loses to any timed one
    projected.add(coalesce(col(EventColumns.TS).multiply(1000), lit(0L)).as(WRITETIME));
    return events.select(projected.toArray(Column[]::new));
  }
}
