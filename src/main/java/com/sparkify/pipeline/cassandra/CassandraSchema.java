package com.sparkify.pipeline.cassandra;

import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * All CQL of the project, rendered from the settings: the keyspace and, for each declared query table, its
 * DDL, INSERT and SELECT. The identifiers in it were validated when the settings were built (DDL cannot
 * bind them); values are always bind markers.
 */
public final class CassandraSchema {
  private final String keyspace;
  private final Settings.Replication replication;
  private final List<QueryTable> tables;

  public CassandraSchema(Settings.Cassandra settings) {
    this.keyspace = settings.keyspace();
    this.replication = settings.replication();
    this.tables = settings.enabledTables();
  }

  /** The tables a run creates and writes. */
  public List<QueryTable> tables() {
    return tables;
  }

  public String keyspace() {
    return keyspace;
  }

  public String createKeyspace() {
    return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replicationMap();
  }

  public String dropKeyspace() {
    return "DROP KEYSPACE IF EXISTS " + keyspace;
  }

  /** Unquoted identifiers, so analysts can write sessionId and Cassandra resolves it to sessionid. */
  public String createTable(QueryTable table) {
    return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " ("
        + table.allColumns().stream().map(column -> column + " " + QueryTable.cqlType(column)).collect(Collectors.joining(", "))
        + ", PRIMARY KEY " + primaryKey(table) + ")";
  }

  /** "((userId, sessionId), itemInSession)": a compound partition key in its own parentheses. */
  public static String primaryKey(QueryTable table) {
    String partition = String.join(", ", table.partitionKey());
    if (table.partitionKey().size() > 1) {
      partition = "(" + partition + ")";
    }
    return "(" + partition + (table.clusteringKey().isEmpty() ? "" : ", " + String.join(", ", table.clusteringKey())) + ")";
  }

  /** Every column of one row, bound in {@link QueryTable#allColumns()} order. For loaders that bypass Spark. */
  public String insert(QueryTable table) {
    return "INSERT INTO " + qualified(table) + " (" + String.join(", ", table.allColumns()) + ") VALUES ("
        + table.allColumns().stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
  }

  /**
   * As {@link #insert}, with the write time (microseconds) bound last: what SSTables are written with, so that a
   * row gets the write time the connector gives it in the CQL write mode.
   */
  public String insertWithWriteTime(QueryTable table) {
    return insert(table) + " USING TIMESTAMP ?";
  }

  /**
   * The rows for values of the given key columns (the partition key, then a clustering prefix), bound in that
   * order; every column, in clustering order.
   */
  public String select(QueryTable table, List<String> keyColumns) {
    return "SELECT " + String.join(", ", table.allColumns()) + " FROM " + qualified(table) + " WHERE "
        + keyColumns.stream().map(column -> column + " = ?").collect(Collectors.joining(" AND "));
  }

  /**
   * The rows of {@code partitions} partitions that share every partition key column but the last, for reading
   * back what a run wrote: every column in {@link QueryTable#allColumns()} order, then the write time of each
   * non-key column in {@link QueryTable#columns()} order. Bound: the shared columns in order, then the last
   * column's value of each partition (its {@code IN}; Cassandra allows a multi-column {@code IN} on clustering
   * columns only).
   */
  public String selectPartitionsWithWriteTimes(QueryTable table, int partitions) {
    List<String> selected = new ArrayList<>(table.allColumns());
    table.columns().forEach(column -> selected.add("WRITETIME(" + column + ")"));
    List<String> key = table.partitionKey();
    List<String> relations = new ArrayList<>();
    key.subList(0, key.size() - 1).forEach(column -> relations.add(column + " = ?"));
    relations.add(key.get(key.size() - 1) + " IN (" + String.join(", ", Collections.nCopies(partitions, "?")) + ")");
    return "SELECT " + String.join(", ", selected) + " FROM " + qualified(table) + " WHERE " + String.join(" AND ", relations);
  }

  public String qualified(QueryTable table) {
    return keyspace + "." + table.name();
  }

  private String replicationMap() {
    if (replication.strategy().equals("NetworkTopologyStrategy")) {
      return replication.dataCenters().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(dc -> "'" + dc.getKey() + "': " + dc.getValue())
          .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }
    return "{'class': 'SimpleStrategy', 'replication_factor': " + replication.replicationFactor() + "}";
  }
}
