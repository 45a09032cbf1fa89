package com.sparkify.pipeline.report;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.sparkify.pipeline.transform.SongRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Counts rows while the one pass over the input runs (Dataset.observe), instead of a counting pass of its own.
 */
public final class RowCounts {
  private final Observation observation = new Observation("sparkify-input");

  /** The same rows, with the counters attached; the counts are known once an action has consumed them. */
  public Dataset<Row> observe(Dataset<Row> typed) {
    return typed.observe(
        observation,
        count(lit(1)).as("read"),
        sum(when(SongRows.withoutArtist(), 1).otherwise(0)).as("withoutArtist"),
        sum(when(SongRows.missingKey(), 1).otherwise(0)).as("missingKey"));
  }

  /** Blocks until the observed action has finished. */
  public Counts get() {
    return new Counts(
        Observed.count(observation, "read"),
        Observed.count(observation, "withoutArtist"),
        Observed.count(observation, "missingKey"));
  }

  public record Counts(long read, long withoutArtist, long missingKey) {}
}
