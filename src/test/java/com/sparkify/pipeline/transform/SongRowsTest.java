package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SongRowsTest {

  private static Dataset<Row> classified(Row... rows) {
    return TypedEvents.from(Rejections.withReason(EventRows.parsed(rows), Tables.seedKeys(), Tables.tsRange()));
  }

  @Test
  void keepsOnlyUsableSongRowsWithTheir17Columns() {
    Dataset<Row> kept = SongRows.keep(classified(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.pageView("Home", "10", "1", "3"),
        EventRows.song("  ", "Blank artist", "100.0", "10", "2", "3", "1541106106797"),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798")));
    List<String> columns = new ArrayList<>(EventColumns.NAMES);
    columns.addAll(List.of(ParsedColumns.FILE, ParsedColumns.LINE));
    assertEquals(columns, List.of(kept.columns()));
    SharedSpark.assertSameRows(
        TypedEvents.from(EventRows.text(EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"))),
        SongRows.eventColumns(kept));
    assertEquals(2L, (long) kept.first().getAs(ParsedColumns.LINE), "its place in the input goes along");
  }

  @Test
  void pageViewsAndRejectsAreToldApart() {
    Dataset<Row> rows = classified(
        EventRows.pageView("Home", "10", "1", "3"),
        EventRows.pageView("Login", "12", "0", ""),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798"),
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"));
    assertEquals(2, rows.filter(SongRows.withoutArtist()).count());
    assertEquals(1, rows.filter(SongRows.rejected()).count());
  }
}
