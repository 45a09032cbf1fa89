package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.read.RejectReason;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Gives each row of text the reason it cannot be used, or null: the reader's problem (BAD_QUOTE,
 * FIELD_COUNT, READ_ERROR), then BAD_INT:column, BAD_NUMBER:column and BAD_TS in the columns' order, then
 * MISSING_KEY:column for sessionId and itemInSession on any row, and on a song row for any other key column of
 * the query tables (userId for the two seed tables). The first reason found is the row's reason.
 */
public final class Rejections {
  public static final String REASON = "_reason";

  private Rejections() {}

  /** Every event has a session and its place in it; page views too. */
  public static final List<String> EVENT_KEY = List.of(EventColumns.SESSION_ID, EventColumns.ITEM_IN_SESSION);

  /**
   * @param songKeys the columns a song row must have: the key columns of the tables it is written to
   * @param tsRange the event times a row may have; every row must have one, page views too
   */
  public static Dataset<Row> withReason(Dataset<Row> text, Collection<String> songKeys, Settings.TsRange tsRange) {
    List<Column> reasons = new ArrayList<>();
    reasons.add(col(ParsedColumns.PROBLEM));
    for (StructField field : EventColumns.SCHEMA.fields()) {
      if (field.name().equals(EventColumns.TS)) {
        reasons.add(when(not(isTime(tsRange)), lit(RejectReason.BAD_TS.name())));
      } else if (field.dataType().equals(DataTypes.IntegerType)) {
        reasons.add(when(present(field.name()).and(not(isInteger(field.name()))), lit(RejectReason.BAD_INT.code(field.name()))));
      } else if (!field.dataType().equals(DataTypes.StringType)) {
        reasons.add(when(present(field.name()).and(number(field.name()).isNull()), lit(RejectReason.BAD_NUMBER.code(field.name()))));
      }
    }
    for (String key : EVENT_KEY) {
      reasons.add(when(not(present(key)), lit(RejectReason.MISSING_KEY.code(key))));
    }
    // in the schema's order, so that a row lacking two keys always gets the same reason
    for (String key : EventColumns.NAMES) {
      if (songKeys.contains(key) && !EVENT_KEY.contains(key)) {
        reasons.add(when(not(SongRows.withoutArtist()).and(not(presentKey(key))), lit(RejectReason.MISSING_KEY.code(key))));
      }
    }
    Column reason = coalesce(reasons.toArray(Column[]::new));
    return text.withColumn(REASON, reason)
        // only a rejected row's original text is kept: it goes to the rejects file, the others' would only fill the cache
        .withColumn(ParsedColumns.RAW, when(col(REASON).isNotNull(), col(ParsedColumns.RAW)));
  }

  private static Column present(String column) {
    return col(column).isNotNull().and(trim(col(column)).notEqual(""));
  }

  /** A text key of white space only is a value (kept as read); Cassandra refuses only an empty one. */
  private static Column presentKey(String column) {
    return EventColumns.SCHEMA.apply(column).dataType().equals(DataTypes.StringType)
        ? col(column).isNotNull().and(col(column).notEqual(""))
        : present(column);
  }

  // Spark's cast to int takes "12.7" as 12; a key that is not a whole number is a broken row. (A decimal point
  // is the only thing that cast lets through; a regular expression here would cost one match per value.)
  private static Column isInteger(String column) {
    return trim(col(column)).cast(DataTypes.IntegerType).isNotNull().and(not(col(column).contains(".")));
  }

  /**
   * A whole number of milliseconds in the range, however written (1.54138E+12 too). Milliseconds fit a double
   * exactly; NaN and infinities fail the comparisons, and an empty or unparsable value is null, hence false.
   */
  private static Column isTime(Settings.TsRange range) {
    Column millis = number(EventColumns.TS);
    return millis.isNotNull()
        .and(millis.geq(range.fromMillis()))
        .and(millis.leq(range.toMillis()))
        .and(millis.mod(1).equalTo(0));
  }

  private static Column number(String column) {
    return trim(col(column)).cast(DataTypes.DoubleType);
  }
}
