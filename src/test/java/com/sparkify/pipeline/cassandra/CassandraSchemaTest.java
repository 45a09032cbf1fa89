package com.sparkify.pipeline.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.tables.CqlIdentifiers;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

  private static CassandraSchema schema(String... args) {
    return new CassandraSchema(SettingsLoader.load(CommandLine.parse(args), Map.of(), new Properties(), Optional.empty()).cassandra());
  }

  @Test
  void createsTheSeedTablesWithExactlyTheIssuedKeysAndUnquotedNames() {
    CassandraSchema schema = schema();
    assertEquals(
        List.of(
            "CREATE TABLE IF NOT EXISTS sparkify.events_by_session_item_index (sessionId int, itemInSession int,"
                + " artist text, song text, length double, PRIMARY KEY (sessionId, itemInSession))",
            "CREATE TABLE IF NOT EXISTS sparkify.events_by_user_session_item_index (userId int, sessionId int,"
                + " itemInSession int, artist text, song text, firstName text, lastName text,"
                + " PRIMARY KEY ((userId, sessionId), itemInSession))"),
        schema.tables().stream().map(schema::createTable).toList());
  }

  @Test
  void aDeclaredTableGetsItsDdlInsertAndSelectFromItsDeclaration() {
    CassandraSchema schema = schema("-Dsparkify.cassandra.tables.plays_by_time.partition-key=[artist]",
        "-Dsparkify.cassandra.tables.plays_by_time.clustering-key=[ts, userId]",
        "-Dsparkify.cassandra.tables.plays_by_time.columns=[song, length, registration]");
    QueryTable table = schema.tables().stream().filter(t -> t.name().equals("plays_by_time")).findFirst().orElseThrow();
    assertEquals("CREATE TABLE IF NOT EXISTS sparkify.plays_by_time (artist text, ts bigint, userId int, song text,"
        + " length double, registration bigint, PRIMARY KEY (artist, ts, userId))", schema.createTable(table));
    assertEquals("INSERT INTO sparkify.plays_by_time (artist, ts, userId, song, length, registration) VALUES (?, ?, ?, ?, ?, ?)",
        schema.insert(table));
    assertEquals("SELECT artist, ts, userId, song, length, registration FROM sparkify.plays_by_time WHERE artist = ? AND ts = ?",
        schema.select(table, List.of("artist", "ts")));
  }

  @Test
  void keyspaceReplicationFollowsTheSettings() {
    assertEquals(
        "CREATE KEYSPACE IF NOT EXISTS sparkify WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
        schema().createKeyspace());
    assertEquals(
        "CREATE KEYSPACE IF NOT EXISTS prod WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}",
        schema("--keyspace", "prod",
            "-Dsparkify.cassandra.replication.class=NetworkTopologyStrategy",
            "-Dsparkify.cassandra.replication.data-centers.dc2=2",
            "-Dsparkify.cassandra.replication.data-centers.dc1=3").createKeyspace());
  }

  @Test
  void queriesBindTheirValues() {
    CassandraSchema schema = schema();
    QueryTable sessionItem = schema.tables().get(0);
    QueryTable userSession = schema.tables().get(1);
    assertEquals("SELECT sessionId, itemInSession, artist, song, length FROM sparkify.events_by_session_item_index"
        + " WHERE sessionId = ? AND itemInSession = ?", schema.select(sessionItem, List.of("sessionId", "itemInSession")));
    assertEquals("SELECT userId, sessionId, itemInSession, artist, song, firstName, lastName FROM"
        + " sparkify.events_by_user_session_item_index WHERE userId = ? AND sessionId = ?",
        schema.select(userSession, List.of("userId", "sessionId")));
    assertEquals("SELECT sessionId, itemInSession, artist, song, length, WRITETIME(artist), WRITETIME(song),"
        + " WRITETIME(length) FROM sparkify.events_by_session_item_index WHERE sessionId IN (?)",
        schema.selectPartitionsWithWriteTimes(sessionItem, 1));
    // a multi-column IN is for clustering columns only: the partitions of one query share their leading columns
    assertEquals("SELECT userId, sessionId, itemInSession, artist, song, firstName, lastName, WRITETIME(artist),"
        + " WRITETIME(song), WRITETIME(firstName), WRITETIME(lastName) FROM sparkify.events_by_user_session_item_index"
        + " WHERE userId = ? AND sessionId IN (?, ?, ?)", schema.selectPartitionsWithWriteTimes(userSession, 3));
  }

  @Test
  void identifiersAreCheckedAgainstTheUnquotedGrammar() {
    assertEquals("events_2018", CqlIdentifiers.requireValid("events_2018", "k"));
    for (String bad : new String[] {"", "2018events", "ev-ents", "a b", "x\"y", "a".repeat(49), "ks;DROP"}) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> CqlIdentifiers.requireValid(bad, "k"), bad);
    }
  }
}
