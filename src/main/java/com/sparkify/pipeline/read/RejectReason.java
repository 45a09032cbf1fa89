package com.sparkify.pipeline.read;

/**
 * Why a row is rejected, as the rejects file and the report name it. The per-column reasons carry the column:
 * {@code BAD_INT:sessionId}.
 */
public enum RejectReason {
  /** A quote inside an unquoted field, text after a closing quote, or a quote never closed in time. */
  BAD_QUOTE,
  /** A physical line outside quotes longer than maxRecordChars (a binary file, CR-only line ends). */
  TOO_LONG,
  /** More or fewer fields than the file's header. */
  FIELD_COUNT,
  /**
   * A line that is not UTF-8 and does not decode with sparkify.read.fallback-encoding either (or there is none):
   * its text would reach the outputs with U+FFFD where the bytes were.
   */
  BAD_ENCODING,
  /** Where a file broke off (a gzip cut short, a corrupt stream): the file is rejected whole. */
  READ_ERROR,
  /** A column of whole numbers holding something else. */
  BAD_INT,
  /** A numeric column that does not parse. */
  BAD_NUMBER,
  /**
   * A ts that is not a whole number of milliseconds within sparkify.read.ts-range (empty, NaN, 1e300, negative,
   * fractional, microseconds): it would become a write time no later run could overwrite.
   */
  BAD_TS,
  /** A key column that is empty. */
  MISSING_KEY;

  /** The code of a per-column reason. */
  public String code(String column) {
    return name() + ":" + column;
  }
}
