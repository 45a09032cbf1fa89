package com.sparkify.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TextRepair;
import com.sparkify.pipeline.transform.TypedEvents;
import com.sparkify.testing.EventRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class RowCountsTest {

  @Test
  void countsEveryKindOfRowDuringTheActionThatCachesThem() {
    RowCounts counts = new RowCounts();
    Dataset<Row> classified = counts.observe(TypedEvents.from(TextRepair.apply(Rejections.withReason(EventRows.parsed(
            EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
            EventRows.song("CafÃ© Tacvba", "Eres", "240.0", "10", "1", "3", "1541106106797"),
            EventRows.pageView("Home", "10", "2", "3"),
            EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798"))), true)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertEquals(4, classified.count());
      assertEquals(new RowCounts.Counts(4, 1, 1, 1, 0), counts.get());
      assertEquals(2, SongRows.keep(classified).count());
    } finally {
      classified.unpersist();
    }
  }
}
