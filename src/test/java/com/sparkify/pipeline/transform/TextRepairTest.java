package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.testing.EventRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TextRepairTest {
  private static final String TWICE = "Caf\u00C3\u0083\u00C2\u00A9 Tacvba";

  private final Dataset<Row> rows = EventRows.parsed(
      EventRows.song("CafÃ© Tacvba", "Eres", "240.0", "10", "1", "3", "1541106106797"),
      EventRows.song(TWICE, "Eres", "240.0", "10", "2", "3", "1541106106798"),
      EventRows.song("Björk", "Jóga", "305.0", "11", "0", "4", "1541106106799"));

  @Test
  void repairsMojibakeOnceOrTwiceEncodedAndFlagsTheRow() {
    List<Row> repaired = TextRepair.apply(rows, true).collectAsList();
    assertEquals(List.of("Café Tacvba", "Café Tacvba", "Björk"), repaired.stream().map(r -> r.<String>getAs("artist")).toList());
    assertEquals(List.of(true, true, false), repaired.stream().map(r -> r.<Boolean>getAs(TextRepair.REPAIRED)).toList());
    assertEquals(List.of(rows.columns()), List.of(TextRepair.apply(rows, true).drop(TextRepair.REPAIRED).columns()));
  }

  @Test
  void aSettingTurnsItOff() {
    List<Row> untouched = TextRepair.apply(rows, false).collectAsList();
    assertEquals(List.of("CafÃ© Tacvba", TWICE, "Björk"), untouched.stream().map(r -> r.<String>getAs("artist")).toList());
    assertEquals(List.of(false, false, false), untouched.stream().map(r -> r.<Boolean>getAs(TextRepair.REPAIRED)).toList());
  }
}
