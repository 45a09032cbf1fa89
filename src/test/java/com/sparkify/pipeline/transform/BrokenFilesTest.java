package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.report.Breakdown;
import com.sparkify.pipeline.report.RowCounts;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BrokenFilesTest {
  private static Row song(String artist, String item) {
    return EventRows.song(artist, "Song " + item, "200.5", "10", item, "3", "1.54111E+12");
  }

  /** A whole day, and a gzip cut short: two rows, a page view and a broken row, then where it broke (line 6). */
  private static Dataset<Row> classified() {
    Dataset<Row> whole = EventRows.parsed("2018-11-01-events.csv", song("Muse", "0"), song("\"Weird Al\" Yankovic", "1"));
    Dataset<Row> cut = EventRows.parsed("2018-11-02-events.csv.gz", song("Beyoncé", "0"), song("Björk", "1"),
            EventRows.pageView("Home", "10", "2", "3"), song("Sigur Rós", "x"), EventRows.pageView("Home", "10", "4", "3"))
        .withColumn(ParsedColumns.RAW, when(col(ParsedColumns.LINE).equalTo(6), lit("Unexpected end of input stream"))
            .otherwise(col(ParsedColumns.RAW)))
        .withColumn(ParsedColumns.PROBLEM, when(col(ParsedColumns.LINE).equalTo(6), lit("READ_ERROR")));
    return TypedEvents.from(Rejections.withReason(whole.union(cut), Tables.seedKeys(), Tables.tsRange()));
  }

  @Test
  void theBreakdownNamesTheFilesThatBrokeWithWhereAndWhy() {
    Breakdown breakdown = Breakdown.of(classified());
    assertEquals(Map.of("2018-11-02-events.csv.gz", "READ_ERROR at line 6: Unexpected end of input stream"), breakdown.readErrors());
    assertEquals(Map.of("BAD_INT:itemInSession", 1L, "READ_ERROR", 1L), breakdown.byReason());
  }

  @Test
  void aBrokenFileIsLeftOutWholeButForTheRowThatSaysWhereItBroke() {
    Dataset<Row> usable = BrokenFiles.leaveOut(classified(), Set.of("2018-11-02-events.csv.gz"));
    assertEquals(List.of("2018-11-01-events.csv 2 null", "2018-11-01-events.csv 3 null", "2018-11-02-events.csv.gz 6 READ_ERROR"),
        usable.orderBy(ParsedColumns.FILE, ParsedColumns.LINE).collectAsList().stream()
            .map(r -> r.getAs(ParsedColumns.FILE) + " " + r.getAs(ParsedColumns.LINE) + " " + r.getAs(Rejections.REASON)).toList());
    // the report's balance holds on what is left: 3 read = 2 song rows + 0 page views + 1 rejected
    assertEquals(new RowCounts.Counts(3, 1, 0, 0, 0), RowCounts.counts(usable));
    Breakdown left = Breakdown.of(usable);
    assertEquals(Map.of("READ_ERROR", 1L), left.byReason());
    assertEquals(List.of(1L, 1L, 0L), java.util.Arrays.stream(left.perFile().get("2018-11-02-events.csv.gz")).boxed().toList());
  }
}
