package com.sparkify.pipeline.consolidate;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.transform.Rejections;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The rejects file: each rejected row's file, line, reason code and original text, in input order. */
public final class RejectsCsv {
  /** Its name ends so; the job never reads such a file as input. */
  public static final String SUFFIX = ".rejects.csv";

  private RejectsCsv() {}

  /**
   * Staged only: the job commits it together with events.csv, so that both describe the same run.
   *
   * @param rejected how many rows the read counted as rejected: for none, the header is written without a Spark job
   */
  public static SingleCsvFile stage(Dataset<Row> classified, String path, long rejected) {
    Dataset<Row> rejects =
        classified
            .filter(col(Rejections.REASON).isNotNull())
            .select(
                col(ParsedColumns.FILE).as("file"),
                col(ParsedColumns.LINE).as("line"),
                col(Rejections.REASON).as("reason"),
                col(ParsedColumns.RAW).as("text"));
    return rejected == 0 ? SingleCsvFile.stageHeader(rejects, path) : SingleCsvFile.stage(rejects, path);
  }
}
