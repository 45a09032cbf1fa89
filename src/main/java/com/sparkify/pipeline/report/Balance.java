package com.sparkify.pipeline.report;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's self-check: every row read is in exactly one place, and each table got every song row. Of a file
 * that broke off, rejected whole, the one row read is its READ_ERROR row (the rest are in no output).
 */
public final class Balance {
  private Balance() {}

  /** @throws SparkifyException (exit 1) naming every figure that does not add up */
  public static void check(RowCounts.Counts input, long consolidated, Map<String, Long> written) {
    long accounted = consolidated + input.withoutArtist() + input.rejected();
    List<String> problems = new ArrayList<>();
    if (accounted != input.read()) {
      problems.add("rows read " + input.read() + " != consolidated " + consolidated + " + without artist "
          + input.withoutArtist() + " + rejected " + input.rejected());
    }
    written.forEach((table, rows) -> {
      if (rows != consolidated) {
        problems.add(table + " received " + rows + " rows, events.csv has " + consolidated);
      }
    });
    if (!problems.isEmpty()) {
      throw new SparkifyException(ExitStatus.INTERNAL_ERROR,
          "row counts do not balance, events.csv left as it was: " + String.join("; ", problems));
    }
  }
}
