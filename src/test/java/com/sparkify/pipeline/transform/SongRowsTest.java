package com.sparkify.pipeline.transform;

import com.sparkify.testing.EventRows;
import com.sparkify.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SongRowsTest {

  @Test
  void keepsOnlySongRowsWithTheirKeys() {
    Dataset<Row> typed = TypedEvents.from(EventRows.text(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.pageView("Home", "10", "1", "3"),
        EventRows.song("  ", "Blank artist", "100.0", "10", "2", "3", "1541106106797"),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798"),
        EventRows.song("Björk", "Hyperballad", "321.0", "", "1", "4", "1541106106799"),
        EventRows.song("Mötley Crüe", "Kickstart", "200.0", "11", "x", "4", "1541106106800")));
    SharedSpark.assertSameRows(
        TypedEvents.from(EventRows.text(EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"))),
        SongRows.keep(typed));
  }

  @Test
  void pageViewsAndKeylessSongRowsAreToldApart() {
    Dataset<Row> typed = TypedEvents.from(EventRows.text(
        EventRows.pageView("Home", "10", "1", "3"),
        EventRows.pageView("Login", "12", "0", ""),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798"),
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796")));
    org.junit.jupiter.api.Assertions.assertEquals(2, typed.filter(SongRows.withoutArtist()).count());
    org.junit.jupiter.api.Assertions.assertEquals(1, typed.filter(SongRows.missingKey()).count());
  }
}
