package com.sparkify.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.pipeline.transform.SongRows;
import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.transform.TypedEvents;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class RowCountsTest {

  @Test
  void countsEveryKindOfRowDuringTheActionThatCachesThem() {
    RowCounts counts = new RowCounts();
    Dataset<Row> parsed = EventRows.parsed(
            EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
            EventRows.song("Café Tacvba", "Eres", "240.0", "10", "1", "3", "1541106106797"),
            EventRows.pageView("Home", "10", "2", "3"),
            EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798"))
        // as the reader marks a row whose mojibake it repaired, and one it decoded with the fallback encoding
        .withColumn(ParsedColumns.REPAIRED, col(ParsedColumns.LINE).equalTo(3))
        .withColumn(ParsedColumns.FALLBACK, col(ParsedColumns.LINE).equalTo(4));
    Dataset<Row> classified = counts.observe(TypedEvents.from(Rejections.withReason(parsed, Tables.seedKeys(), Tables.tsRange())))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertEquals(4, classified.count());
      assertEquals(new RowCounts.Counts(4, 1, 1, 1, 1), counts.get());
      assertEquals(2, SongRows.keep(classified).count());
    } finally {
      classified.unpersist();
    }
  }
}
