package com.sparkify.pipeline.report;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.transform.Rejections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Rows per file and per reject reason, from the cached rows: a small aggregate, not the data set. */
public record Breakdown(Map<String, long[]> perFile, Map<String, Long> byReason) implements Counted {
  public static Breakdown of(Dataset<Row> classified) {
    Map<String, long[]> perFile = new LinkedHashMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : classified.groupBy(col(ParsedColumns.FILE), col(Rejections.REASON)).count().collectAsList()) {
      long rows = row.getLong(2);
      long[] file = perFile.computeIfAbsent(row.getString(0), f -> new long[2]);
      file[0] += rows;
      if (!row.isNullAt(1)) {
        file[1] += rows;
        byReason.merge(row.getString(1), rows, Long::sum);
      }
    }
    return new Breakdown(perFile, byReason);
  }

  /** Every row of every file. */
  @Override
  public long rows() {
    return perFile.values().stream().mapToLong(file -> file[0]).sum();
  }
}
