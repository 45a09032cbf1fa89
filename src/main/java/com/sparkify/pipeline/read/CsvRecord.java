package com.sparkify.pipeline.read;

/**
 * One record of a CSV file as {@link CsvRecordReader} found it.
 *
 * @param line the 1-based physical line the record starts on, so a reject can point at it
 * @param fields the unescaped values (an empty unquoted field is null, a quoted empty one ""); null when
 *     the record has a problem
 * @param raw the record's original text without its final line terminator; for a record with a problem it
 *     may be cut short at the reader's maxRecordChars
 * @param problem why the record is malformed, or null when it is well-formed
 */
public record CsvRecord(long line, String[] fields, String raw, RejectReason problem) {}
