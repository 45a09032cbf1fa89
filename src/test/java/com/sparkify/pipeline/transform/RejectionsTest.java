package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class RejectionsTest {
  private static final Row GOOD = EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796");

  /** GOOD with one of its 17 text fields replaced. */
  private static Row with(String column, String value) {
    Object[] values = new Object[GOOD.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = GOOD.get(i);
    }
    values[Arrays.asList(com.sparkify.pipeline.tables.EventColumns.NAMES.toArray()).indexOf(column)] = value;
    return RowFactory.create(values);
  }

  private static List<String> reasons(Row... rows) {
    return Rejections.withReason(EventRows.parsed(rows), Tables.seedKeys(), Tables.tsRange()).collectAsList().stream()
        .map(r -> r.<String>getAs(Rejections.REASON))
        .toList();
  }

  @Test
  void aUsableRowHasNoReasonAndKeepsNoOriginalText() {
    Row row = Rejections.withReason(EventRows.parsed(GOOD), Tables.seedKeys(), Tables.tsRange()).first();
    assertNull(row.getAs(Rejections.REASON));
    assertNull(row.getAs(ParsedColumns.RAW));
  }

  @Test
  void namesTheFirstProblemOfEachRow() {
    assertEquals(
        Arrays.asList(
            "BAD_INT:sessionId", "BAD_INT:itemInSession", "BAD_INT:userId", "BAD_INT:status", "BAD_INT:sessionId",
            "BAD_NUMBER:length", "BAD_TS", "BAD_NUMBER:registration",
            "MISSING_KEY:sessionId", "MISSING_KEY:itemInSession", "MISSING_KEY:userId", null, "BAD_INT:itemInSession"),
        reasons(
            with("sessionId", "ten"),
            with("itemInSession", "4.5"),
            with("userId", "99999999999"),
            with("status", "OK"),
            with("sessionId", "1e3"),
            with("length", "long"),
            with("ts", "yesterday"),
            with("registration", "1,5"),
            with("sessionId", null),
            with("itemInSession", "  "),
            with("userId", null),
            EventRows.pageView("Logout", "10", "3", null),
            EventRows.pageView("Home", "10", "x", "3")));
  }

  @Test
  void theReadersProblemComesFirstAndKeepsTheOriginalText() {
    Row row = Rejections.withReason(EventRows.parsed(with("sessionId", "ten"))
            .withColumn(ParsedColumns.PROBLEM, org.apache.spark.sql.functions.lit("FIELD_COUNT")), Tables.seedKeys(), Tables.tsRange())
        .first();
    assertEquals("FIELD_COUNT", row.getAs(Rejections.REASON));
    assertEquals("raw line 2", row.getAs(ParsedColumns.RAW));
  }

  @Test
  void spacesAroundNumbersAndSpreadsheetNotationAreFine() {
    assertEquals(Arrays.asList(null, null), reasons(with("sessionId", " 10 "), with("ts", "1.54111E+12")));
  }

  private static final String TS_FROM = "946684800000"; // 2000-01-01T00:00:00Z

  @Test
  void aTimeIsAWholeNumberOfMillisecondsInTheRangeHoweverWritten() {
    long dayAfterTomorrow = System.currentTimeMillis() + 2 * 86_400_000L;
    assertEquals(
        Arrays.asList(null, null, null, null, null,
            "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS", "BAD_TS",
            "BAD_TS", "BAD_TS"),
        reasons(
            with("ts", "1.54138E+12"),
            with("ts", " 1541106106796\t"),
            with("ts", "1541106106796.0"),
            with("ts", TS_FROM),
            with("ts", "1.54111e12"),
            with("ts", null),
            with("ts", " "),
            with("ts", "NaN"),
            with("ts", "Infinity"),
            with("ts", "1e300"),
            with("ts", "-5"),
            with("ts", "0"),
            with("ts", "1541106106796.5"),
            with("ts", "1541106106796000"),
            with("ts", Long.toString(Long.parseLong(TS_FROM) - 1)),
            with("ts", Long.toString(dayAfterTomorrow)),
            with("ts", "1,541106106796E+12"),
            with("ts", "tomorrow")));
  }

  @Test
  void aPageViewNeedsATimeToo() {
    Row noTime = EventRows.pageView("Home", "10", "3", "3");
    Object[] values = new Object[noTime.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = noTime.get(i);
    }
    values[com.sparkify.pipeline.tables.EventColumns.NAMES.indexOf("ts")] = "NaN";
    assertEquals(Arrays.asList((String) null, "BAD_TS"), reasons(noTime, RowFactory.create(values)));
  }

  @Test
  void theRangeComesFromTheSettings() {
    Settings.TsRange november = Tables.settings(
        "-Dsparkify.read.ts-range.from=2018-11-01T00:00:00Z", "-Dsparkify.read.ts-range.to=2018-12-01T00:00:00Z").read().tsRange();
    assertEquals(Arrays.asList(null, "BAD_TS", "BAD_TS"),
        Rejections.withReason(EventRows.parsed(with("ts", "1.54111E+12"), with("ts", "1.54092E+12"), with("ts", "1543622400001")),
                Tables.seedKeys(), november)
            .collectAsList().stream().map(r -> r.<String>getAs(Rejections.REASON)).toList());
  }
}
