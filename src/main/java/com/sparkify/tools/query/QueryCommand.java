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
import com.sparkify.pipeline.read.CsvRecord;
import com.sparkify.pipeline.read.CsvRecordReader;
import com.sparkify.pipeline.read.EventColumns;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The analysts' two questions, asked of the query tables with bound values:
 * {@code session-item SESSION ITEM} and {@code user-session USER SESSION}.
 */
public final class QueryCommand {
  static final String USAGE =
      """
      Usage: sparkify query session-item SESSION_ID ITEM_IN_SESSION   artist, song, length
             sparkify query user-session USER_ID SESSION_ID          the user's songs in that session, in order
             sparkify query examples [job flags]                     both, for the keys of the first row of the
                                                                     events.csv that the job with these flags wrote
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
      settings = SettingsLoader.load(commandLine);
      if (commandLine.positional().equals(List.of("examples"))) {
        return examples(settings, out);
      }
      query = Query.parse(commandLine.positional());
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("sparkify query: " + e.getMessage());
      System.err.print(USAGE);
      return ExitStatus.BAD_USAGE;
    }
    return ask(settings, List.of(query), out);
  }

  /**
   * The two questions for the keys of the first song row of the run's events.csv: keys that the run surely
   * wrote, whatever its input, day or keyspace. A dry run wrote nothing, so there is nothing to ask.
   */
  private static ExitStatus examples(Settings settings, PrintStream out) {
    if (settings.dryRun()) {
      out.println("(dry run: nothing was written, so no example queries)");
      return ExitStatus.OK;
    }
    Optional<Map<String, String>> first;
    try {
      first = firstRow(settings.output());
    } catch (IOException | RuntimeException e) {
      out.println("(no example queries: " + settings.output() + " cannot be read: " + com.sparkify.pipeline.Failures.rootMessage(e) + ")");
      return ExitStatus.OK;
    }
    if (first.isEmpty()) {
      out.println("(no example queries: " + settings.output() + " has no song row)");
      return ExitStatus.OK;
    }
    Map<String, String> row = first.get();
    return ask(settings, List.of(
        new Query("session-item", Query.integer(row.get(EventColumns.SESSION_ID)), Query.integer(row.get(EventColumns.ITEM_IN_SESSION))),
        new Query("user-session", Query.integer(row.get(EventColumns.USER_ID)), Query.integer(row.get(EventColumns.SESSION_ID)))), out);
  }

  /** The first data row of a CSV file with a header, by column name; empty when it has none. */
  private static Optional<Map<String, String>> firstRow(String csv) throws IOException {
    Path path = new Path(csv);
    FileSystem fs = path.getFileSystem(new Configuration());
    if (!fs.exists(path)) {
      return Optional.empty();
    }
    try (CsvRecordReader reader = new CsvRecordReader(
        new InputStreamReader(fs.open(path), StandardCharsets.UTF_8), 65536)) {
      CsvRecord header = reader.next();
      CsvRecord first = header == null ? null : reader.next();
      if (first == null || first.fields() == null) {
        return Optional.empty();
      }
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.fields().length && i < first.fields().length; i++) {
        row.put(header.fields()[i], first.fields()[i]);
      }
      return Optional.of(row);
    }
  }

  private static ExitStatus ask(Settings settings, List<Query> queries, PrintStream out) {
    CassandraTables tables = new CassandraTables(settings.cassandra(), SparkSessions.conf(settings));
    try (CqlSession session = tables.openSession()) {
      for (int i = 0; i < queries.size(); i++) {
        if (i > 0) {
          out.println();
        }
        queries.get(i).lines(session, tables.schema()).forEach(out::println);
      }
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

    static int integer(String word) {
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
