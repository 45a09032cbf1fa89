package com.sparkify.testing;

import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.List;

/** Event logs of dirty text and conflicting keys, for tests that compare what the tables hold. */
public final class DirtyLogs {
  /** The primary keys of the seed tables in {@link #conflictingKeys}: one per dirty text, and sessions 701 and 702. */
  public static final int SEED_TABLE_KEYS = DirtyText.VALUES.size() + 2;

  private DirtyLogs() {}

  /**
   * Dirty text in every text column (song is the third table's partition key, so text tokens and text
   * order count), keys written twice: the later event first in the file, and two events of one key at the
   * same time, where the later line wins. Session 700: one item per dirty text; 701 and 702: item 0 twice.
   */
  public static void conflictingKeys(LogFolder logs) {
    List<String> lines = new ArrayList<>(List.of(EventColumns.HEADER));
    for (int i = 0; i < DirtyText.VALUES.size(); i++) {
      String text = DirtyText.VALUES.get(i);
      lines.add(StrictCsv.format(EventRows.songFields(
          text.isBlank() ? text + "Muse" : text, text, "200.5", "700", Integer.toString(i), Integer.toString(70 + i % 3),
          Long.toString(1541110000000L + i))));
    }
    lines.add(StrictCsv.format(EventRows.songFields("Later", "Later wins", "1.5", "701", "0", "71", "1541110009000")));
    lines.add(StrictCsv.format(EventRows.songFields("Earlier", "Earlier loses", "2.5", "701", "0", "71", "1541110001000")));
    lines.add(StrictCsv.format(EventRows.songFields("Tie", "First line", "3.5", "702", "0", "72", "1541110005000")));
    lines.add(StrictCsv.format(EventRows.songFields("Tie", "Second line wins", "4.5", "702", "0", "72", "1541110005000")));
    logs.write("2018-11-01-events.csv", lines.toArray(String[]::new));
  }

}
