package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A query table's rows as SSTable writers take them: each partition key's rows all in one of {@code tasks}
 * partitions, and each partition in SSTable order: by token, then partition key (two keys may share a
 * token), then clustering key. Cassandra compares int and bigint keys as signed numbers and text by its UTF-8
 * bytes, as Spark sorts them.
 */
public final class TokenOrder {
  /** The token column while sorting; not in the result. */
  static final String TOKEN = "_token";

  private TokenOrder() {}

  /**
   * The song rows spread over {@code tasks} partitions by the table's partition key: the one shuffle of the
   * SSTable path, since {@link TableProjection}'s window (per primary key and time) finds its rows already
   * together and needs none of its own.
   */
  public static Dataset<Row> partitioned(QueryTable table, Dataset<Row> songRows, int tasks) {
    return songRows.repartition(tasks, table.partitionKey().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The projected rows of {@link #partitioned} songs, each partition sorted.
   *
   * @param token the partition key's token, as a column of the projected rows
   */
  public static Dataset<Row> sorted(QueryTable table, Dataset<Row> projected, Column token) {
    List<Column> order = new ArrayList<>();
    order.add(col(TOKEN));
    QueryTable.stored(table.primaryKey()).forEach(column -> order.add(col(column)));
    return projected.withColumn(TOKEN, token).sortWithinPartitions(order.toArray(Column[]::new)).drop(TOKEN);
  }
}
