package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Primary keys that more than one song row claims with different content: Cassandra keeps one row per key,
 * so the others are overwritten. Identical repeats are not conflicts.
 */
public final class KeyConflicts {
  public static final String ROWS = "rows";
  public static final String VARIANTS = "variants";

  private KeyConflicts() {}

  /** One row per conflicting key: the key columns, how many rows claim it, and their distinct contents. */
  public static Dataset<Row> of(Dataset<Row> tableRows, List<String> key, List<String> content) {
    return tableRows
        .groupBy(key.stream().map(functions::col).toArray(Column[]::new))
        .agg(
            count(lit(1)).as(ROWS),
            collect_set(struct(content.stream().map(functions::col).toArray(Column[]::new))).as(VARIANTS))
        .filter(size(col(VARIANTS)).gt(1));
  }
}
