package com.sparkify.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 as Apache Commons CSV reads and writes it: neither Spark's reader nor the job's own, so that a
 * test of what the job writes does not share the job's mistakes. Nothing is trimmed; an empty field is "".
 */
public final class StrictCsv {
  private static final CSVFormat RFC_4180 = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private StrictCsv() {}

  /** Every record of the file, the header first. */
  public static List<List<String>> read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<List<String>> records = new ArrayList<>();
      for (CSVRecord record : RFC_4180.parse(in)) {
        records.add(record.toList());
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record as RFC 4180 text, quoted where the format needs it, without the line break. */
  public static String format(List<String> fields) {
    try {
      StringBuilder out = new StringBuilder();
      try (CSVPrinter printer = new CSVPrinter(out, RFC_4180)) {
        printer.printRecord(fields);
      }
      return out.substring(0, out.length() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
