package com.sparkify.pipeline.consolidate;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.EventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** events.csv: the song rows, all 17 columns with a header, in the order of the daily logs. */
public final class ConsolidatedCsv {
  /** The name of the consolidated file in reference.conf's sparkify.output. */
  public static final String DEFAULT_NAME = "events.csv";

  private ConsolidatedCsv() {}

  /** Staged only: the job commits it once the whole run has succeeded, so a failed run leaves the old file. */
  public static SingleCsvFile stage(Dataset<Row> events, String output) {
    return SingleCsvFile.stage(events, output, order());
  }

  /** Time first, as in the daily logs; then every other column, so that the order is total. */
  private static Column[] order() {
    List<String> names = new ArrayList<>(List.of(EventColumns.TS, EventColumns.SESSION_ID, EventColumns.ITEM_IN_SESSION));
    EventColumns.NAMES.stream().filter(n -> !names.contains(n)).forEach(names::add);
    return names.stream().map(n -> col(n).asc_nulls_first()).toArray(Column[]::new);
  }
}
