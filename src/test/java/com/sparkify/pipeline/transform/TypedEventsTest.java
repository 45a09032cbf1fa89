package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class TypedEventsTest {

  @Test
  void givesEveryColumnItsType() {
    Dataset<Row> typed = TypedEvents.from(EventRows.text(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796")));
    assertEquals(EventColumns.SCHEMA, typed.schema());
    Row row = typed.first();
    assertEquals(304.8, (double) row.getAs("length"));
    assertEquals(10, (int) row.getAs("sessionId"));
    assertEquals(0, (int) row.getAs("itemInSession"));
    assertEquals(3, (int) row.getAs("userId"));
    assertEquals(1541106106796L, (long) row.getAs("ts"));
    assertEquals(200, (int) row.getAs("status"));
  }

  @Test
  void readsSpreadsheetScientificNotationAsEpochMilliseconds() {
    Row row = TypedEvents.from(EventRows.text(EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1.54111E+12")))
        .first();
    assertEquals(1541110000000L, (long) row.getAs("ts"));
    assertEquals(1540920000000L, (long) row.getAs("registration"));
  }

  @Test
  void valuesThatDoNotParseBecomeNull() {
    Dataset<Row> typed = TypedEvents.from(EventRows.text(
        EventRows.song("Muse", "Uprising", "long", "ten", "", "3", "soon")));
    SharedSpark.assertSameRows(
        SharedSpark.spark().createDataFrame(
            List.of(RowFactory.create(null, null, null, null)),
            typed.select("length", "sessionId", "itemInSession", "ts").schema()),
        typed.select("length", "sessionId", "itemInSession", "ts"));
  }
}
