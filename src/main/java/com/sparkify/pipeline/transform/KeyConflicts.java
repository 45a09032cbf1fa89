package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.xxhash64;

import com.sparkify.pipeline.tables.QueryTable;
import java.util.List;
import java.util.stream.Stream;
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
  public static final String TABLE = "table";
  public static final String KEYS = "conflicting_keys";
  private static final String LOWEST = "lowest_content";
  private static final String HIGHEST = "highest_content";

  private KeyConflicts() {}

  /**
   * One row per conflicting key of the table: the key columns (as Cassandra names them) and how many song
   * rows claim it. Contents are compared by a 64-bit hash, whose smallest and largest per key differ only when
   * the contents do: a cheap aggregate that Spark combines map-side, instead of collecting every content per key.
   */
  public static Dataset<Row> of(QueryTable table, Dataset<Row> songRows) {
    List<String> content = QueryTable.stored(table.columns());
    // a table of keys only has no content to differ: every repeat of a key is identical
    Column hash = content.isEmpty() ? lit(0L) : xxhash64(hashed(content));
    return TableProjection.content(table, songRows)
        .groupBy(columns(QueryTable.stored(table.primaryKey())))
        .agg(count(lit(1)).as(ROWS), min(hash).as(LOWEST), max(hash).as(HIGHEST))
        .filter(col(LOWEST).notEqual(col(HIGHEST)))
        .drop(LOWEST, HIGHEST);
  }

  /**
   * How many conflicting keys each table has, one row (table, keys) per table: the tables' aggregates in one
   * Spark job, which runs their shuffles side by side, instead of a job per table.
   */
  public static Dataset<Row> counts(List<QueryTable> tables, Dataset<Row> songRows) {
    return tables.stream()
        .map(table -> of(table, songRows).agg(count(lit(1)).as(KEYS)).select(lit(table.name()).as(TABLE), col(KEYS)))
        .reduce(Dataset::union)
        .orElseThrow(() -> new IllegalArgumentException("no table to count conflicts of"));
  }

  /** The distinct key and content rows of a few conflicting keys, for examples. */
  public static Dataset<Row> variants(QueryTable table, Dataset<Row> songRows, Dataset<Row> keys) {
    List<String> key = QueryTable.stored(table.primaryKey());
    List<String> all = QueryTable.stored(table.allColumns());
    return TableProjection.content(table, songRows)
        .join(broadcast(keys.select(columns(key))), scala.jdk.javaapi.CollectionConverters.asScala(key).toSeq())
        .select(columns(all))
        .distinct()
        .orderBy(columns(all));
  }

  /**
   * Each column beside whether it is null: Spark's hash skips a null as if the column were not there, which
   * would make (null, "Lee") and ("Lee", null) one content.
   */
  private static Column[] hashed(List<String> names) {
    return names.stream().flatMap(name -> Stream.of(col(name), isnull(col(name)))).toArray(Column[]::new);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(functions::col).toArray(Column[]::new);
  }
}
