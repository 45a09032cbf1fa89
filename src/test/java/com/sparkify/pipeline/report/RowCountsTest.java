package com.sparkify.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TypedEvents;
import com.sparkify.testing.EventRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class RowCountsTest {

  @Test
  void countsEveryKindOfRowDuringTheActionThatCachesTheSongRows() {
    RowCounts counts = new RowCounts();
    Dataset<Row> songRows = SongRows.keep(counts.observe(TypedEvents.from(EventRows.text(
            EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
            EventRows.song("Muse", "Starlight", "240.0", "10", "1", "3", "1541106106797"),
            EventRows.pageView("Home", "10", "2", "3"),
            EventRows.song("Björk", "Jóga", "305.0", "11", "0", "", "1541106106798")))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      assertEquals(2, songRows.count());
      assertEquals(new RowCounts.Counts(4, 1, 1), counts.get());
    } finally {
      songRows.unpersist();
    }
  }
}
