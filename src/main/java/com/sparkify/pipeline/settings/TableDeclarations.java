package com.sparkify.pipeline.settings;

import com.sparkify.pipeline.tables.CqlIdentifiers;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.tables.QueryTable;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query tables declared under sparkify.cassandra.tables, checked so that a bad declaration is a
 * configuration error naming its key, before anything runs.
 */
final class TableDeclarations {
  private static final String PREFIX = "sparkify.cassandra.tables";
  private static final Set<String> KEYS = Set.of("partition-key", "clustering-key", "columns", "enabled", "shortcut");
  private static final Pattern SHORTCUT = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private TableDeclarations() {}

  /** Every declared table, by name; at least one of them enabled. */
  static List<QueryTable> parse(ConfigObject tables) {
    List<QueryTable> declared = new ArrayList<>();
    Map<String, String> shortcuts = new HashMap<>();
    Map<String, String> stored = new HashMap<>();
    for (String name : new TreeSet<>(tables.keySet())) {
      QueryTable table = table(name, tables.get(name));
      String spelled = stored.putIfAbsent(table.name(), name);
      if (spelled != null) {
        throw new IllegalArgumentException(PREFIX + "." + name + " and " + PREFIX + "." + spelled
            + " are one table to Cassandra, which folds unquoted names to lower case: " + table.name());
      }
      table.shortcut().ifPresent(shortcut -> {
        String other = shortcuts.putIfAbsent(shortcut.name(), name);
        if (other != null) {
          throw new IllegalArgumentException(key(name, "shortcut.name") + " = '" + shortcut.name()
              + "' is already the shortcut of " + other);
        }
      });
      declared.add(table);
    }
    if (declared.stream().noneMatch(QueryTable::enabled)) {
      throw new IllegalArgumentException(PREFIX + " declares no enabled table: there would be nothing to write");
    }
    return List.copyOf(declared);
  }

  private static QueryTable table(String name, ConfigValue value) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw new IllegalArgumentException(PREFIX + "." + name
          + " must be a table declaration: { partition-key = [...], clustering-key = [...], columns = [...] }");
    }
    String stored = CqlIdentifiers.stored(name, PREFIX + "." + name + " (the table name)");
    Config table = ((ConfigObject) value).toConfig();
    for (String key : ((ConfigObject) value).keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(key(name, key) + " is not a table setting (" + String.join(", ", new TreeSet<>(KEYS)) + ")");
      }
    }
    List<String> partitionKey = columns(table, name, "partition-key");
    if (partitionKey.isEmpty()) {
      throw new IllegalArgumentException(key(name, "partition-key") + " must name at least one column");
    }
    List<String> clusteringKey = columns(table, name, "clustering-key");
    List<String> columns = columns(table, name, "columns");
    Map<String, String> seen = new HashMap<>();
    for (String part : List.of("partition-key", "clustering-key", "columns")) {
      for (String column : columns(table, name, part)) {
        String first = seen.putIfAbsent(column, part);
        if (first != null) {
          throw new IllegalArgumentException(key(name, part) + " names " + column + " again (it is in " + first
              + " already): a column appears once in a table");
        }
        if (!part.equals("columns") && !QueryTable.KEY_CAPABLE.contains(column)) {
          throw new IllegalArgumentException(key(name, part) + ": " + column + " cannot be a key column: it may be empty"
              + " in a song row, and a row with an empty key column is rejected (MISSING_KEY). Key columns: "
              + String.join(", ", QueryTable.KEY_CAPABLE));
        }
      }
    }
    boolean enabled = !table.hasPath("enabled") || table.getBoolean("enabled");
    List<String> primaryKey = new ArrayList<>(partitionKey);
    primaryKey.addAll(clusteringKey);
    return new QueryTable(stored, partitionKey, clusteringKey, columns, enabled, shortcut(table, name, partitionKey, primaryKey));
  }

  private static List<String> columns(Config table, String name, String part) {
    if (!table.hasPath(part)) {
      return List.of();
    }
    // a list in HOCON; from -D or the environment it arrives as text: "[a, b]" or "a, b"
    List<String> columns = table.getValue(part).valueType() == ConfigValueType.STRING
        ? Arrays.stream(table.getString(part).replaceAll("^\\s*\\[|\\]\\s*$", "").split(","))
            .map(String::strip).filter(column -> !column.isEmpty()).toList()
        : table.getStringList(part);
    for (String column : columns) {
      if (!EventColumns.NAMES.contains(column)) {
        throw new IllegalArgumentException(key(name, part) + ": unknown column '" + column + "'; the event log's columns are "
            + String.join(", ", EventColumns.NAMES));
      }
    }
    return columns;
  }

  private static Optional<QueryTable.Shortcut> shortcut(Config table, String name, List<String> partitionKey, List<String> primaryKey) {
    if (!table.hasPath("shortcut")) {
      return Optional.empty();
    }
    String shortcut = table.getString("shortcut.name");
    if (!SHORTCUT.matcher(shortcut).matches()) {
      throw new IllegalArgumentException(key(name, "shortcut.name") + " = '" + shortcut + "': lower-case letters, digits and -");
    }
    List<String> by = table.getStringList("shortcut.by");
    if (by.size() < partitionKey.size() || !by.equals(primaryKey.subList(0, Math.min(by.size(), primaryKey.size())))) {
      throw new IllegalArgumentException(key(name, "shortcut.by") + " = " + by
          + " must be the partition key, then clustering columns, in order: a prefix of " + primaryKey);
    }
    return Optional.of(new QueryTable.Shortcut(shortcut, List.copyOf(by)));
  }

  private static String key(String table, String key) {
    return PREFIX + "." + table + "." + key;
  }
}
