package com.sparkify.pipeline.consolidate;

import com.sparkify.pipeline.transform.SongRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** events.csv: the song rows, all 17 columns with a header, in the order of the input. */
public final class ConsolidatedCsv {
  /** The name of the consolidated file in reference.conf's sparkify.output. */
  public static final String DEFAULT_NAME = "events.csv";

  private ConsolidatedCsv() {}

  /** Staged only: the job commits it once the whole run has succeeded, so a failed run leaves the old file. */
  public static SingleCsvFile stage(Dataset<Row> songRows, String output) {
    return SingleCsvFile.stage(SongRows.eventColumns(songRows), output);
  }
}
