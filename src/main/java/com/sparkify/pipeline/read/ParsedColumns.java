package com.sparkify.pipeline.read;

/** The columns the reader adds to the 17 text columns of each row, to account for it. */
public final class ParsedColumns {
  /** The file the row came from. */
  public static final String FILE = "_file";
  /** The physical line the row starts on, 1-based, header included. */
  public static final String LINE = "_line";
  /** The row's original text, for the rejects file. */
  public static final String RAW = "_raw";
  /** A problem the reader found (BAD_QUOTE, FIELD_COUNT, BAD_ENCODING, READ_ERROR), or null. */
  public static final String PROBLEM = "_problem";
  /** Whether a line of the row was not UTF-8 and was decoded with sparkify.read.fallback-encoding. */
  public static final String FALLBACK = "_fallback";

  /** Whether the reader repaired mojibake in one of the row's text fields ({@link Mojibake}). */
  public static final String REPAIRED = "_repaired";

  private ParsedColumns() {}
}
