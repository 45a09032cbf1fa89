package com.sparkify.pipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.spark.Observed;
import com.sparkify.pipeline.transform.SongRows;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Counts rows while the one pass over the input runs (Dataset.observe), instead of a counting pass of its own.
 */
public final class RowCounts {
  private final Observation observation = Observed.create("input");

  /** The same rows, with the counters attached; the counts are known once an action has consumed them. */
  public Dataset<Row> observe(Dataset<Row> classified) {
    Column[] counters = counters();
    return classified.observe(observation, counters[0], Arrays.copyOfRange(counters, 1, counters.length));
  }

  /** Blocks until the observed action has finished. */
  public Counts get() {
    return new Counts(
        Observed.count(observation, "read"),
        Observed.count(observation, "rejected"),
        Observed.count(observation, "withoutArtist"),
        Observed.count(observation, "repaired"),
        Observed.count(observation, "decodedAsFallback"));
  }

  /** The same counts, of rows already cached: a job of its own, for when the observed rows are not the ones kept. */
  public static Counts counts(Dataset<Row> classified) {
    Column[] counters = counters();
    Row row = classified.agg(counters[0], Arrays.copyOfRange(counters, 1, counters.length)).first();
    long[] values = new long[row.size()];
    for (int i = 0; i < values.length; i++) {
      // sum() over no rows is null
      values[i] = row.isNullAt(i) ? 0 : row.getLong(i);
    }
    return new Counts(values[0], values[1], values[2], values[3], values[4]);
  }

  private static Column[] counters() {
    return new Column[] {
      count(lit(1)).as("read"),
      rows(SongRows.rejected()).as("rejected"),
      rows(not(SongRows.rejected()).and(SongRows.withoutArtist())).as("withoutArtist"),
      rows(col(ParsedColumns.REPAIRED)).as("repaired"),
      rows(col(ParsedColumns.FALLBACK)).as("decodedAsFallback")
    };
  }

  private static Column rows(Column condition) {
    return sum(when(condition, 1).otherwise(0));
  }

  public record Counts(long read, long rejected, long withoutArtist, long repaired, long decodedAsFallback) {}
}
