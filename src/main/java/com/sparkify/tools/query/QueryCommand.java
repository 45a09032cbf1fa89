package com.sparkify.tools.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.SparkSessions;
import com.sparkify.pipeline.SparkifyException;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.typesafe.config.ConfigException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysts' two questions, asked of the query tables with bound values:
 * {@code session-item SESSION ITEM} and {@code user-session USER SESSION}.
 */
public final class QueryCommand {
  static final String USAGE =
      """
      Usage: sparkify query session-item SESSION_ID ITEM_IN_SESSION   artist, song, length
             sparkify query user-session USER_ID SESSION_ID          the user's songs in that session, in order
      Options: --keyspace NAME, --cassandra-host HOST, --config FILE, -Dsparkify.KEY=VALUE (as for the job)
      """;

  private QueryCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out).code());
  }

  static ExitStatus run(String[] args, PrintStream out) {
    Query query;
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        out.print(USAGE);
        return ExitStatus.OK;
      }
      query = Query.parse(commandLine.positional());
      settings = SettingsLoader.load(commandLine);
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("sparkify query: " + e.getMessage());
      System.err.print(USAGE);
      return ExitStatus.BAD_USAGE;
    }
    CassandraTables tables = new CassandraTables(settings.cassandra(), SparkSessions.conf(settings));
    try (CqlSession session = tables.openSession()) {
      query.lines(session, tables.schema()).forEach(out::println);
      return ExitStatus.OK;
    } catch (SparkifyException e) {
      System.err.println("sparkify query: " + e.getMessage());
      return e.status();
    } catch (RuntimeException e) {
      System.err.println("sparkify query: " + com.sparkify.pipeline.Failures.rootMessage(e));
      return ExitStatus.CASSANDRA_UNREACHABLE;
    }
  }

  /** One of the two questions with its two integer arguments. */
  record Query(String kind, int first, int second) {
    static Query parse(List<String> words) {
      if (words.size() != 3 || !(words.get(0).equals("session-item") || words.get(0).equals("user-session"))) {
        throw new IllegalArgumentException("expected session-item SESSION ITEM or user-session USER SESSION");
      }
      return new Query(words.get(0), integer(words.get(1)), integer(words.get(2)));
    }

    private static int integer(String word) {
      try {
        return Integer.parseInt(word);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + word + "' is not an integer id");
      }
    }

    List<String> lines(CqlSession session, CassandraSchema schema) {
      boolean sessionItem = kind.equals("session-item");
      String cql = sessionItem ? schema.sessionItemQuery() : schema.userSessionQuery();
      List<String> header =
          sessionItem
              ? List.of("artist", "song", "length")
              : List.of("itemInSession", "artist", "song", "firstName", "lastName");
      List<List<String>> rows = new ArrayList<>();
      for (Row row : session.execute(session.prepare(cql).bind(first, second))) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
          Object value = row.getObject(i);
          cells.add(value == null ? "" : value.toString());
        }
        rows.add(cells);
      }
      String question =
          sessionItem
              ? "sessionId = " + first + " AND itemInSession = " + second
              : "userId = " + first + " AND sessionId = " + second;
      List<String> lines = new ArrayList<>();
      lines.add(schema.keyspace() + "." + (sessionItem ? schema.sessionItemTable() : schema.userSessionTable())
          + " WHERE " + question + ":");
      if (rows.isEmpty()) {
        lines.add("(no row: nothing was recorded for " + question + ")");
      } else {
        lines.addAll(TextTable.render(header, rows));
      }
      return lines;
    }
  }
}
