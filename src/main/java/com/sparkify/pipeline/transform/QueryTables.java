package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import com.sparkify.pipeline.read.EventColumns;
import com.sparkify.pipeline.read.ParsedColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The two query tables' rows. Cassandra stores the unquoted camelCase names of the CQL lower-cased, and the
 * connector matches DataFrame columns to table columns by exact name, so the projections lower-case them.
 */
public final class QueryTables {
  /**
   * Each row's Cassandra write time, in microseconds: the event's own time, so that of two rows with one
   * primary key the later event wins whatever order the writers run in, and a rerun changes nothing. Rows
   * with one key and one time (spreadsheet times keep six significant digits, so such ties are common), or
   * with one key and no time, are told apart by their place in the input: the later one gets the larger
   * microsecond, {@link #TIE_BREAK_LIMIT} at most, so it wins as it would had it been written last. The
   * connector binds it by name in CQL, so it must be a plain identifier (no leading underscore).
   */
  public static final String WRITETIME = "writetime_micros";
  /** The microseconds of one millisecond that ties may take; beyond it an event would pass a later one. */
  public static final int TIE_BREAK_LIMIT = 999;

  public static final List<String> SESSION_ITEM_KEY = List.of("sessionid", "iteminsession");
  public static final List<String> SESSION_ITEM_CONTENT = List.of("artist", "song", "length");
  public static final List<String> USER_SESSION_KEY = List.of("userid", "sessionid", "iteminsession");
  public static final List<String> USER_SESSION_CONTENT = List.of("artist", "song", "firstname", "lastname");

  private QueryTables() {}

  /** events_by_session_item_index: (sessionId, itemInSession) → artist, song, length. */
  public static Dataset<Row> sessionItem(Dataset<Row> events) {
    return project(
        events,
        SESSION_ITEM_KEY.size(),
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
        USER_SESSION_KEY.size(),
        EventColumns.USER_ID,
        EventColumns.SESSION_ID,
        EventColumns.ITEM_IN_SESSION,
        EventColumns.ARTIST,
        EventColumns.SONG,
        EventColumns.FIRST_NAME,
        EventColumns.LAST_NAME);
  }

  private static Dataset<Row> project(Dataset<Row> events, int keyColumns, String... columns) {
    List<Column> projected = new ArrayList<>();
    Arrays.stream(columns).forEach(c -> projected.add(col(c).as(c.toLowerCase(Locale.ROOT))));
    List<Column> keyAndTime = new ArrayList<>();
    Arrays.stream(columns, 0, keyColumns).forEach(c -> keyAndTime.add(col(c)));
    keyAndTime.add(col(EventColumns.TS));
    Column earlierTies = row_number()
        .over(Window.partitionBy(keyAndTime.toArray(Column[]::new)).orderBy(col(ParsedColumns.FILE), col(ParsedColumns.LINE)))
        .minus(1);
    // an event without a time loses to any timed one
    Column micros = coalesce(col(EventColumns.TS).multiply(1000), lit(0L));
    projected.add(micros.plus(least(earlierTies, lit(TIE_BREAK_LIMIT))).as(WRITETIME));
    return events.select(projected.toArray(Column[]::new));
  }
}
