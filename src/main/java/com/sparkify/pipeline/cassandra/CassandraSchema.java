package com.sparkify.pipeline.cassandra;

import com.sparkify.pipeline.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * All CQL of the project: the keyspace, the two query tables and the example queries. The identifiers in
 * it were validated when the settings were built (DDL cannot bind them); values in queries are bind markers.
 */
public final class CassandraSchema {
  private final String keyspace;
  private final Settings.Replication replication;
  private final String sessionItemTable;
  private final String userSessionTable;

  public CassandraSchema(Settings.Cassandra settings) {
    this.keyspace = settings.keyspace();
    this.replication = settings.replication();
    this.sessionItemTable = settings.sessionItemTable();
    this.userSessionTable = settings.userSessionTable();
  }

  public String keyspace() {
    return keyspace;
  }

  public String sessionItemTable() {
    return sessionItemTable;
  }

  public String userSessionTable() {
    return userSessionTable;
  }

  public String createKeyspace() {
    return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replicationMap();
  }

  public String dropKeyspace() {
    return "DROP KEYSPACE IF EXISTS " + keyspace;
  }

  /** Unquoted identifiers, so analysts can write sessionId and Cassandra resolves it to sessionid. */
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + keyspace + "." + sessionItemTable
            + " (sessionId int, itemInSession int, artist text, song text, length double,"
            + " PRIMARY KEY (sessionId, itemInSession))",
        "CREATE TABLE IF NOT EXISTS " + keyspace + "." + userSessionTable
            + " (userId int, sessionId int, itemInSession int, artist text, song text,"
            + " firstName text, lastName text, PRIMARY KEY ((userId, sessionId), itemInSession))");
  }

  /** What played at session S, item I? Binds sessionId, itemInSession. */
  public String sessionItemQuery() {
    return "SELECT artist, song, length FROM " + keyspace + "." + sessionItemTable
        + " WHERE sessionId = ? AND itemInSession = ?";
  }

  /** What did user U play in session S, in order? Binds userId, sessionId. */
  public String userSessionQuery() {
    return "SELECT itemInSession, artist, song, firstName, lastName FROM " + keyspace + "." + userSessionTable
        + " WHERE userId = ? AND sessionId = ? ORDER BY itemInSession";
  }

  /** One session-item row; binds sessionId, itemInSession, artist, song, length. For loaders that bypass Spark. */
  public String insertSessionItem() {
    return "INSERT INTO " + keyspace + "." + sessionItemTable
        + " (sessionId, itemInSession, artist, song, length) VALUES (?, ?, ?, ?, ?)";
  }

  /** One user-session row; binds userId, sessionId, itemInSession, artist, song, firstName, lastName. */
  public String insertUserSession() {
    return "INSERT INTO " + keyspace + "." + userSessionTable
        + " (userId, sessionId, itemInSession, artist, song, firstName, lastName) VALUES (?, ?, ?, ?, ?, ?, ?)";
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
