package com.sparkify.pipeline.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The column names of one file, read from its first line. Spark applies a schema by position, so the job
 * needs each file's own header to match columns by name.
 */
public final class CsvHeader {
  private static final char BOM = '\uFEFF';

  private CsvHeader() {}

  public static List<String> read(Configuration hadoop, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(hadoop);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      return line == null ? List.of() : parse(line);
    }
  }

  /** Splits an RFC 4180 header line; a leading byte-order mark is not part of the first name. */
  static List<String> parse(String line) {
    String text = !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
    List<String> names = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          name.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          name.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        names.add(name.toString().trim());
        name.setLength(0);
      } else {
        name.append(c);
      }
    }
    names.add(name.toString().trim());
    return names;
  }
}
