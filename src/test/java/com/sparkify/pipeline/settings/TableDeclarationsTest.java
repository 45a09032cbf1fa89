package com.sparkify.pipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.tables.QueryTable;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query tables declared in configuration: the seed tables, a user's table, and every bad declaration. */
class TableDeclarationsTest {
  @TempDir Path dir;

  private Settings load(String userFile) {
    try {
      Path file = Files.writeString(dir.resolve("application.conf"), userFile);
      return SettingsLoader.load(CommandLine.parse("--config", file.toString()), Map.of(), new Properties(), Optional.empty());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The configuration error for a declaration, which must name the key at fault. */
  private String error(String userFile, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(userFile));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    return e.getMessage();
  }

  @Test
  void referenceConfDeclaresTheTwoSeedTables() {
    List<QueryTable> tables = load("").cassandra().tables();
    assertEquals(List.of(
        new QueryTable("events_by_session_item_index", List.of("sessionId"), List.of("itemInSession"),
            List.of("artist", "song", "length"), true,
            Optional.of(new QueryTable.Shortcut("session-item", List.of("sessionId", "itemInSession")))),
        new QueryTable("events_by_user_session_item_index", List.of("userId", "sessionId"), List.of("itemInSession"),
            List.of("artist", "song", "firstName", "lastName"), true,
            Optional.of(new QueryTable.Shortcut("user-session", List.of("userId", "sessionId"))))), tables);
  }

  @Test
  void aUserAddsATableAndDisablesAnother() {
    Settings settings = load("""
        sparkify.cassandra.tables.users_by_song {
          partition-key = [song]
          clustering-key = [userId]
          columns = [firstName, lastName]
        }
        sparkify.cassandra.tables.events_by_session_item_index.enabled = false
        """);
    assertEquals(List.of("events_by_user_session_item_index", "users_by_song"),
        settings.cassandra().enabledTables().stream().map(QueryTable::name).toList());
    QueryTable usersBySong = settings.cassandra().table("users_by_song").orElseThrow();
    assertEquals(List.of("song", "userId", "firstName", "lastName"), usersBySong.allColumns());
    assertFalse(settings.cassandra().table("events_by_session_item_index").orElseThrow().enabled());
  }

  @Test
  void aTableNameWithCapitalsIsTheLowerCaseNameCassandraStoresAndTwoSpellingsOfOneNameAreAnError() {
    Settings settings = load("""
        sparkify.cassandra.tables.Users_By_Song { partition-key = [song], clustering-key = [userId], columns = [firstName] }
        """);
    assertTrue(settings.cassandra().table("users_by_song").orElseThrow().enabled());
    String twice = error("""
        sparkify.cassandra.tables.Users_By_Song { partition-key = [song], clustering-key = [userId], columns = [firstName] }
        sparkify.cassandra.tables.users_by_song { partition-key = [song], clustering-key = [userId], columns = [lastName] }
        """, "sparkify.cassandra.tables.Users_By_Song");
    assertTrue(twice.contains("users_by_song"), twice);
  }

  @Test
  void anUnknownColumnIsAnError() {
    String message = error("sparkify.cassandra.tables.t { partition-key = [sessionID] }", "sparkify.cassandra.tables.t.partition-key");
    assertTrue(message.contains("unknown column 'sessionID'") && message.contains("sessionId"), message);
  }

  @Test
  void aColumnNamedTwiceIsAnError() {
    error("sparkify.cassandra.tables.t { partition-key = [sessionId], columns = [song, sessionId] }",
        "sparkify.cassandra.tables.t.columns");
    error("sparkify.cassandra.tables.t { partition-key = [sessionId], clustering-key = [ts, ts] }",
        "sparkify.cassandra.tables.t.clustering-key");
  }

  @Test
  void anEmptyPartitionKeyIsAnError() {
    error("sparkify.cassandra.tables.t { partition-key = [], columns = [song] }", "sparkify.cassandra.tables.t.partition-key");
    error("sparkify.cassandra.tables.t { columns = [song] }", "sparkify.cassandra.tables.t.partition-key");
  }

  @Test
  void anInvalidIdentifierIsAnError() {
    error("sparkify.cassandra.tables.\"users-by-song\" { partition-key = [song] }", "sparkify.cassandra.tables.users-by-song");
    error("sparkify.cassandra.tables.1table { partition-key = [song] }", "sparkify.cassandra.tables.1table");
  }

  @Test
  void aKeyColumnThatMayBeEmptyInASongRowIsAnError() {
    String message = error("sparkify.cassandra.tables.t { partition-key = [lastName], columns = [song] }",
        "sparkify.cassandra.tables.t.partition-key");
    assertTrue(message.contains("MISSING_KEY") && message.contains("sessionId, itemInSession, userId, ts, artist, song"), message);
    error("sparkify.cassandra.tables.t { partition-key = [song], clustering-key = [location] }",
        "sparkify.cassandra.tables.t.clustering-key");
  }

  @Test
  void aMistypedSettingOrAShapelessTableIsAnError() {
    error("sparkify.cassandra.tables.t { partition_key = [song] }", "sparkify.cassandra.tables.t.partition_key");
    error("sparkify.cassandra.tables.t = \"events\"", "sparkify.cassandra.tables.t");
  }

  @Test
  void shortcutsMustTakeTheWholePartitionKeyFirstAndBeUnique() {
    error("sparkify.cassandra.tables.t { partition-key = [userId, sessionId], shortcut { name = by-user, by = [userId] } }",
        "sparkify.cassandra.tables.t.shortcut.by");
    error("sparkify.cassandra.tables.t { partition-key = [song], shortcut { name = session-item, by = [song] } }",
        "sparkify.cassandra.tables.t.shortcut.name");
  }

  @Test
  void noEnabledTableIsAnError() {
    error("""
        sparkify.cassandra.tables.events_by_session_item_index.enabled = false
        sparkify.cassandra.tables.events_by_user_session_item_index.enabled = false
        """, "sparkify.cassandra.tables");
  }
}
