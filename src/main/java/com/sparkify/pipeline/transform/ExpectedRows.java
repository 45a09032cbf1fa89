package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a query table must hold after a run, for reading it back: the table's rows as the run wrote them
 * ({@link TableProjection}: stored column names, then the write time), each partition key's rows in one of
 * {@code tasks} partitions, sorted by primary key and, within a key, latest write first. The first row of each
 * primary key is the one Cassandra keeps of the run's rows for that key; the others were overwritten.
 */
public final class ExpectedRows {
  private ExpectedRows() {}

  public static Dataset<Row> of(QueryTable table, Dataset<Row> songRows, int tasks) {
    List<Column> order = new ArrayList<>();
    QueryTable.stored(table.primaryKey()).forEach(column -> order.add(col(column)));
    order.add(col(TableProjection.WRITETIME).desc());
    return TableProjection.of(table, TokenOrder.partitioned(table, songRows, tasks))
        .sortWithinPartitions(order.toArray(Column[]::new));
  }
}
