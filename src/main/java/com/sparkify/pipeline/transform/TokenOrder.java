package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A query table's rows in the order an SSTable holds them, split into {@code tasks} partitions of disjoint
 * token ranges: by token, then partition key (two keys may share a token), then clustering key. Cassandra
 * compares int and bigint keys as signed numbers and text by its UTF-8 bytes, as Spark sorts them.
 */
public final class TokenOrder {
  /** The token column while sorting; not in the result. */
  static final String TOKEN = "_token";

  private TokenOrder() {}

  /** @param token the partition key's token, as a column of the projected rows */
  public static Dataset<Row> of(QueryTable table, Dataset<Row> projected, Column token, int tasks) {
    List<Column> order = new ArrayList<>();
    order.add(col(TOKEN));
    QueryTable.stored(table.primaryKey()).forEach(column -> order.add(col(column)));
    return projected.withColumn(TOKEN, token)
        .repartitionByRange(tasks, col(TOKEN))
        .sortWithinPartitions(order.toArray(Column[]::new))
        .drop(TOKEN);
  }
}
