package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.read.RejectReason;
import java.util.Collection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A file that could not be read to its end is rejected whole: rows read before the break are no more to be
 * trusted to be the whole day than a day cut short is, and a rerun on the repaired file must not meet half of it
 * already written.
 */
public final class BrokenFiles {
  private BrokenFiles() {}

  /** The rows without those of the broken files, but for each one's READ_ERROR row that says where it broke. */
  public static Dataset<Row> leaveOut(Dataset<Row> classified, Collection<String> broken) {
    return classified.filter(not(col(ParsedColumns.FILE).isin(broken.toArray()))
        .or(col(Rejections.REASON).equalTo(RejectReason.READ_ERROR.name())));
  }
}
