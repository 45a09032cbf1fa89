package com.sparkify.pipeline.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** A few conflicting keys with the contents that claim them, as the report shows them. */
public final class ConflictExamples {
  private ConflictExamples() {}

  /**
   * "sessionid=9002, iteminsession=0: (Muse, First, 200.5) | (Muse, Second, 200.5)", one line per key.
   *
   * @param variants rows of the key columns, then the content columns, grouped by key
   */
  public static List<String> lines(List<Row> variants, List<String> key) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Row row : variants) {
      List<String> keyText = new ArrayList<>();
      List<String> contentText = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        if (i < key.size()) {
          keyText.add(key.get(i) + "=" + row.get(i));
        } else {
          contentText.add(String.valueOf(row.get(i)));
        }
      }
      byKey.computeIfAbsent(String.join(", ", keyText), k -> new ArrayList<>()).add("(" + String.join(", ", contentText) + ")");
    }
    List<String> lines = new ArrayList<>();
    byKey.forEach((k, contents) -> lines.add(k + ": " + String.join(" | ", contents)));
    return lines;
  }
}
