package com.sparkify.pipeline.read;

import java.io.Serializable;

/**
 * An accepted event log and where its header put each of the 17 columns, so that rows are matched by
 * header name whatever the order of a file's columns.
 *
 * @param columns for each column of {@link EventColumns#NAMES}, its index in this file's rows
 * @param fieldCount how many fields each row of this file must have
 */
public record EventFile(String path, int[] columns, int fieldCount) implements Serializable {}
