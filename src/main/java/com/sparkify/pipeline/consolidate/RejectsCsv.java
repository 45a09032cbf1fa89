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

  /** @return the rows written */
  public static long write(Dataset<Row> classified, String path) {
    Dataset<Row> rejects =
        classified
            .filter(col(Rejections.REASON).isNotNull())
            .select(
                col(ParsedColumns.FILE).as("file"),
                col(ParsedColumns.LINE).as("line"),
                col(Rejections.REASON).as("reason"),
                col(ParsedColumns.RAW).as("text"));
    try (SingleCsvFile file = SingleCsvFile.stage(rejects, path)) {
      file.commit();
      return file.rows();
    }
  }
}
