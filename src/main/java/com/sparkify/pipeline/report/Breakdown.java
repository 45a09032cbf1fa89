package com.sparkify.pipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.sparkify.pipeline.read.EventFiles;
import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.read.RejectReason;
import com.sparkify.pipeline.transform.Rejections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows per file (rows, rejected, decoded with the fallback encoding) and per reject reason, from the cached
 * rows: a small aggregate, not the data set.
 *
 * @param readErrors the files that broke off (a gzip cut short, a corrupt stream), with where and why, as
 *     their report line gives it
 */
public record Breakdown(Map<String, long[]> perFile, Map<String, Long> byReason, Map<String, String> readErrors)
    implements Counted {
  public static Breakdown of(Dataset<Row> classified) {
    Map<String, long[]> perFile = new LinkedHashMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, String> readErrors = new TreeMap<>();
    // a file has one READ_ERROR row at most, where its reading stopped; its text is the error
    Dataset<Row> groups = classified.groupBy(col(ParsedColumns.FILE), col(Rejections.REASON)).agg(count(lit(1)),
        max(when(col(Rejections.REASON).equalTo(RejectReason.READ_ERROR.name()),
            struct(col(ParsedColumns.LINE), col(ParsedColumns.RAW)))),
        sum(when(col(ParsedColumns.FALLBACK), 1L).otherwise(0L)));
    for (Row row : groups.collectAsList()) {
      long rows = row.getLong(2);
      long[] file = perFile.computeIfAbsent(row.getString(0), f -> new long[3]);
      file[0] += rows;
      file[2] += row.getLong(4);
      if (!row.isNullAt(1)) {
        file[1] += rows;
        byReason.merge(row.getString(1), rows, Long::sum);
      }
      if (!row.isNullAt(3)) {
        Row where = row.getStruct(3);
        readErrors.put(row.getString(0), EventFiles.readError(where.getLong(0), where.getString(1)));
      }
    }
    return new Breakdown(perFile, byReason, readErrors);
  }

  /** Every row of every file. */
  @Override
  public long rows() {
    return perFile.values().stream().mapToLong(file -> file[0]).sum();
  }
}
