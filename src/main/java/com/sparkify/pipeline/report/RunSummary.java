package com.sparkify.pipeline.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a run did, as printed at its end. */
public record RunSummary(
    int filesRead,
    long rowsRead,
    long rowsWithoutArtist,
    long rowsMissingKey,
    long rowsConsolidated,
    Map<String, Long> rowsWritten,
    Map<String, Duration> stages) {

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-52s %,12d", "files read", filesRead));
    lines.add(String.format(Locale.ROOT, "%-52s %,12d", "rows read", rowsRead));
    lines.add(String.format(Locale.ROOT, "%-52s %,12d", "rows dropped: no artist (page views)", rowsWithoutArtist));
    lines.add(String.format(Locale.ROOT, "%-52s %,12d", "rows dropped: song row without a key", rowsMissingKey));
    lines.add(String.format(Locale.ROOT, "%-52s %,12d", "rows in events.csv", rowsConsolidated));
    rowsWritten.forEach(
        (table, rows) -> lines.add(String.format(Locale.ROOT, "%-52s %,12d", "rows written to " + table, rows)));
    stages.forEach(
        (stage, time) ->
            lines.add(String.format(Locale.ROOT, "%-52s %12.1f s", "time: " + stage, time.toMillis() / 1000.0)));
    return lines;
  }
}
