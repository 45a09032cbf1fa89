package com.sparkify.tools.query;

import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One question to one declared table: values for its partition key and, optionally, a prefix of its
 * clustering key, typed as the event schema types the columns (so they bind as CQL int, bigint, double, text).
 */
record Query(QueryTable table, List<String> keyColumns, List<Object> values) {

  /** {@code TABLE COLUMN=VALUE ...}, or a shortcut with its values in order ({@code session-item 10 45}). */
  static Query parse(List<String> words, Settings.Cassandra cassandra) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("name a table (see --list) or a shortcut");
    }
    String name = words.get(0);
    List<String> rest = words.subList(1, words.size());
    for (QueryTable table : cassandra.tables()) {
      if (table.shortcut().isPresent() && table.shortcut().get().name().equals(name)) {
        List<String> by = table.shortcut().get().by();
        if (rest.size() != by.size()) {
          throw new IllegalArgumentException(name + " takes " + by.size() + " values: " + String.join(" ", by));
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
          given.put(by.get(i), rest.get(i));
        }
        return of(table, given);
      }
    }
    QueryTable table = cassandra.table(name).orElseThrow(() -> new IllegalArgumentException(
        "no declared table or shortcut '" + name + "' (tables: "
            + cassandra.tables().stream().map(QueryTable::name).collect(Collectors.joining(", ")) + ")"));
    Map<String, String> given = new LinkedHashMap<>();
    for (String word : rest) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected COLUMN=VALUE, got '" + word + "'");
      }
      String column = table.primaryKey().stream().filter(c -> c.equalsIgnoreCase(word.substring(0, eq))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(word.substring(0, eq) + " is not a key column of " + name
              + " (" + String.join(", ", table.primaryKey()) + ")"));
      given.put(column, word.substring(eq + 1));
    }
    return of(table, given);
  }

  /** Values by column, for the whole partition key and a clustering prefix. */
  static Query of(QueryTable table, Map<String, String> given) {
    List<String> keyColumns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (String column : table.primaryKey()) {
      if (!given.containsKey(column)) {
        break;
      }
      keyColumns.add(column);
      values.add(typed(column, given.get(column)));
    }
    if (keyColumns.size() < table.partitionKey().size() || keyColumns.size() != given.size()) {
      throw new IllegalArgumentException(table.name() + " is asked by its partition key (" + String.join(", ", table.partitionKey())
          + ") and then optionally its clustering columns in order (" + String.join(", ", table.clusteringKey()) + "); got "
          + String.join(", ", given.keySet()));
    }
    return new Query(table, List.copyOf(keyColumns), List.copyOf(values));
  }

  private static Object typed(String column, String text) {
    try {
      return QueryTable.typed(column, text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " = '" + text + "' is not a " + QueryTable.cqlType(column));
    }
  }

  /** The columns shown: every column but the key columns given, whose values are in the title. */
  List<String> shown() {
    return table.allColumns().stream().filter(column -> !keyColumns.contains(column)).toList();
  }

  /** "sessionId = 10 AND itemInSession = 45" */
  String condition() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < keyColumns.size(); i++) {
      parts.add(keyColumns.get(i) + " = " + values.get(i));
    }
    return String.join(" AND ", parts);
  }
}
