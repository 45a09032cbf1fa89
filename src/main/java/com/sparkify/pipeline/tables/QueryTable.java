package com.sparkify.pipeline.tables;

import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One query table, as declared under {@code sparkify.cassandra.tables}: its name, key and other columns, all
 * named as the event log's header names them. Everything else about it is derived here: CQL types from the
 * event schema, the names Cassandra stores (unquoted identifiers are lower-cased), the primary key. The CQL
 * itself is rendered by {@code CassandraSchema}, the rows by {@code TableProjection}.
 *
 * @param shortcut a name for asking the table by {@link Shortcut#by} values in order ({@code query session-item 10 45})
 */
public record QueryTable(
    String name,
    List<String> partitionKey,
    List<String> clusteringKey,
    List<String> columns,
    boolean enabled,
    Optional<Shortcut> shortcut) {

  /**
   * Columns that identify a play (who, when, which session and item, what): a song row lacking one is broken,
   * and rejected as MISSING_KEY:column when a table keys on it. Descriptive columns (names, location, level,
   * length, ...) cannot be keys: an empty one is an ordinary value, and keying on it would reject good rows.
   */
  public static final List<String> KEY_CAPABLE = List.of(
      EventColumns.SESSION_ID, EventColumns.ITEM_IN_SESSION, EventColumns.USER_ID, EventColumns.TS,
      EventColumns.ARTIST, EventColumns.SONG);

  /** A short name and the key columns it takes values for: the whole partition key, then clustering columns. */
  public record Shortcut(String name, List<String> by) {}

  public QueryTable {
    partitionKey = List.copyOf(partitionKey);
    clusteringKey = List.copyOf(clusteringKey);
    columns = List.copyOf(columns);
  }

  /** Partition key, then clustering key. */
  public List<String> primaryKey() {
    List<String> key = new ArrayList<>(partitionKey);
    key.addAll(clusteringKey);
    return key;
  }

  /** Primary key, then the other columns: the table's columns in declaration order. */
  public List<String> allColumns() {
    List<String> all = primaryKey();
    all.addAll(columns);
    return all;
  }

  /** The column's type in the event schema. */
  public static DataType type(String column) {
    return EventColumns.SCHEMA.apply(column).dataType();
  }

  public static String cqlType(String column) {
    DataType type = type(column);
    if (type.equals(DataTypes.IntegerType)) {
      return "int";
    } else if (type.equals(DataTypes.LongType)) {
      return "bigint";
    } else if (type.equals(DataTypes.DoubleType)) {
      return "double";
    }
    return "text";
  }

  /**
   * A value of the column as text (events.csv, a command line) typed as the event schema types it, to bind
   * as the column's CQL type; null stays null.
   *
   * @throws NumberFormatException when a numeric column's text is not a number of its type
   */
  public static Object typed(String column, String text) {
    DataType type = type(column);
    if (text == null || type.equals(DataTypes.StringType)) {
      return text;
    } else if (type.equals(DataTypes.IntegerType)) {
      return Integer.valueOf(text);
    } else if (type.equals(DataTypes.LongType)) {
      return Long.valueOf(text);
    }
    return Double.valueOf(text);
  }

  /** The name Cassandra stores for an unquoted identifier, and the connector matches DataFrame columns to. */
  public static String stored(String column) {
    return column.toLowerCase(Locale.ROOT);
  }

  public static List<String> stored(List<String> columns) {
    return columns.stream().map(QueryTable::stored).toList();
  }
}
