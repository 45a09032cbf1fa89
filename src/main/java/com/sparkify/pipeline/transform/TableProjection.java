package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A query table's rows from the song rows: its columns under the names Cassandra stores (the connector
 * matches DataFrame columns to table columns by exact name, and unquoted CQL names are lower-cased), and
 * each row's write time.
 */
public final class TableProjection {
  /**
   * Each row's Cassandra write time, in microseconds: the event's own time, so that of two rows with one
   * primary key the later event wins whatever order the writers run in, and a rerun changes nothing (every
   * song row has a time within sparkify.read.ts-range: {@link Rejections}). Rows with one key and one time
   * (spreadsheet times keep six significant digits, so such ties are common) are told apart by their place in
   * the input: the later one gets the larger microsecond, {@link #TIE_BREAK_LIMIT} at most, so it wins as it
   * would had it been written last. The connector binds it by name in CQL, so it must be a plain identifier (no
   * leading underscore).
   */
  public static final String WRITETIME = "writetime_micros";
  /** The microseconds of one millisecond that ties may take; beyond it an event would pass a later one. */
  public static final int TIE_BREAK_LIMIT = 999;

  private TableProjection() {}

  /** The table's columns, in {@link QueryTable#allColumns()} order, then {@link #WRITETIME}. */
  public static Dataset<Row> of(QueryTable table, Dataset<Row> songRows) {
    List<Column> projected = new ArrayList<>(columns(table));
    List<Column> keyAndTime = new ArrayList<>();
    table.primaryKey().forEach(c -> keyAndTime.add(col(c)));
    keyAndTime.add(col(EventColumns.TS));
    Column earlierTies = row_number()
        .over(Window.partitionBy(keyAndTime.toArray(Column[]::new)).orderBy(col(ParsedColumns.FILE), col(ParsedColumns.LINE)))
        .minus(1);
    Column micros = col(EventColumns.TS).multiply(1000);
    projected.add(micros.plus(least(earlierTies, lit(TIE_BREAK_LIMIT))).as(WRITETIME));
    return songRows.select(projected.toArray(Column[]::new));
  }

  /** The table's columns only, for comparing rows by key and content: no write time, so no window to compute. */
  public static Dataset<Row> content(QueryTable table, Dataset<Row> songRows) {
    return songRows.select(columns(table).toArray(Column[]::new));
  }

  /** The table's columns under the names Cassandra stores. */
  private static List<Column> columns(QueryTable table) {
    return table.allColumns().stream().map(c -> col(c).as(QueryTable.stored(c))).toList();
  }
}
