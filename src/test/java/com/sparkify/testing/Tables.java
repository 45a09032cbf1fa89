package com.sparkify.testing;

import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** Settings from the arguments given and reference.conf only, and the query tables declared there. */
public final class Tables {
  public static final String SESSION_ITEM = "events_by_session_item_index";
  public static final String USER_SESSION = "events_by_user_session_item_index";
  /** The README's third table, "who listened to song S?", as a user declares it in a settings file. */
  public static final String USERS_BY_SONG_CONF = """
      sparkify.cassandra.tables.users_by_song {
        partition-key = [song]
        clustering-key = [userId]
        columns = [firstName, lastName]
      }
      """;

  private Tables() {}

  /** Nothing of the environment, the JVM's properties or the working copy's conf/application.conf. */
  public static Settings settings(String... args) {
    return SettingsLoader.load(CommandLine.parse(args), Map.of(), new Properties(), Optional.empty());
  }

  public static QueryTable seed(String name) {
    return settings().cassandra().table(name).orElseThrow();
  }

  /** The key columns of the given tables: what a song row must have. */
  public static Set<String> keys(Collection<QueryTable> tables) {
    Set<String> keys = new HashSet<>();
    tables.forEach(table -> keys.addAll(table.primaryKey()));
    return keys;
  }

  /** The key columns of the seed tables. */
  public static Set<String> seedKeys() {
    return keys(settings().cassandra().enabledTables());
  }

  /** The default event times: from 2000 to one day after now. */
  public static Settings.TsRange tsRange() {
    return settings().read().tsRange();
  }

  public static List<QueryTable> seeds() {
    return settings().cassandra().enabledTables();
  }
}
