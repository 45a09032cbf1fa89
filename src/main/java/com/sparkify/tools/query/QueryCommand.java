package com.sparkify.tools.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.read.CsvRecord;
import com.sparkify.pipeline.read.CsvRecordReader;
import com.sparkify.pipeline.run.SparkSessions;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.spark.LogLevels;
import com.sparkify.pipeline.tables.QueryTable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Asks the declared query tables, with bound values: {@code TABLE COLUMN=VALUE ...}, a table's shortcut
 * ({@code session-item SESSION ITEM}), the examples the front door prints, or the list of tables.
 */
public final class QueryCommand {
  static final String USAGE =
      """
      Usage: sparkify query TABLE COLUMN=VALUE [COLUMN=VALUE ...]   a declared table's rows for its partition key and,
                                                                   optionally, leading clustering columns
             sparkify query SHORTCUT VALUE [VALUE ...]             session-item SESSION ITEM, user-session USER SESSION
             sparkify query examples [job flags]                   every enabled table, for the keys of the first row
                                                                   of the events.csv that the job with these flags wrote
             sparkify query --list                                 the declared tables with their keys
      Options: --keyspace NAME, --cassandra-host HOST, --config FILE, -Dsparkify.KEY=VALUE (as for the job)
      """;
  private static final String LIST = "--list";
  /** Rows an example shows at most: it illustrates, the partition may be long. */
  private static final int EXAMPLE_ROWS = 10;

  private QueryCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out).code());
  }

  public static ExitStatus run(String[] args, PrintStream out) {
    boolean list = Arrays.asList(args).contains(LIST);
    Settings settings;
    List<Query> queries;
    try {
      CommandLine commandLine = CommandLine.parse(Arrays.stream(args).filter(arg -> !arg.equals(LIST)).toArray(String[]::new));
      if (commandLine.help()) {
        out.print(USAGE);
        return ExitStatus.OK;
      }
      settings = SettingsLoader.load(commandLine);
      LogLevels.apply(settings.logging().level());
      if (list) {
        list(settings, out);
        return ExitStatus.OK;
      }
      if (commandLine.positional().equals(List.of("examples"))) {
        return examples(settings, out);
      }
      queries = List.of(Query.parse(commandLine.positional(), settings.cassandra()));
    } catch (RuntimeException e) {
      if (ExitStatus.of(e) != ExitStatus.BAD_USAGE) {
        throw e;
      }
      System.err.println("sparkify query: " + e.getMessage());
      System.err.print(USAGE);
      return ExitStatus.BAD_USAGE;
    }
    return ask(settings, queries, Integer.MAX_VALUE, out);
  }

  private static void list(Settings settings, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    for (QueryTable table : settings.cassandra().tables()) {
      rows.add(List.of(table.name(), CassandraSchema.primaryKey(table), String.join(", ", table.columns()),
          table.shortcut().map(s -> s.name() + " " + String.join(" ", s.by())).orElse(""), table.enabled() ? "yes" : "no"));
    }
    TextTable.render(List.of("table", "primary key", "columns", "shortcut", "enabled"), rows).forEach(out::println);
  }

  /**
   * Every enabled table, asked for the keys of the first song row of the run's events.csv: keys that the run
   * surely wrote, whatever its input, day or keyspace (by the table's shortcut when it has one, else by its
   * partition key). A dry run wrote nothing, so there is nothing to ask.
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
      out.println("(no example queries: " + settings.output() + " cannot be read: " + Failures.rootMessage(e) + ")");
      return ExitStatus.OK;
    }
    if (first.isEmpty()) {
      out.println("(no example queries: " + settings.output() + " has no song row)");
      return ExitStatus.OK;
    }
    List<Query> queries = new ArrayList<>();
    for (QueryTable table : settings.cassandra().enabledTables()) {
      Map<String, String> key = new LinkedHashMap<>();
      table.shortcut().map(QueryTable.Shortcut::by).orElse(table.partitionKey())
          .forEach(column -> key.put(column, first.get().get(column)));
      queries.add(Query.of(table, key));
    }
    return ask(settings, queries, EXAMPLE_ROWS, out);
  }

  /** The first data row of a CSV file with a header, by column name; empty when it has none. */
  private static Optional<Map<String, String>> firstRow(String csv) throws IOException {
    Path path = new Path(csv);
    FileSystem fs = path.getFileSystem(new Configuration());
    if (!fs.exists(path)) {
      return Optional.empty();
    }
    try (CsvRecordReader reader = new CsvRecordReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8), 65536)) {
      CsvRecord header = reader.next();
      CsvRecord first = header == null ? null : reader.next();
      if (first == null || first.fields() == null) {
        return Optional.empty();
      }
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.fields().length && i < first.fields().length; i++) {
        row.put(header.fields()[i], first.fields()[i] == null ? "" : first.fields()[i]);
      }
      return Optional.of(row);
    }
  }

  private static ExitStatus ask(Settings settings, List<Query> queries, int maxRows, PrintStream out) {
    CassandraTables tables = new CassandraTables(settings.cassandra(), SparkSessions.conf(settings));
    try (CqlSession session = tables.openSession()) {
      for (int i = 0; i < queries.size(); i++) {
        if (i > 0) {
          out.println();
        }
        lines(session, tables.schema(), queries.get(i), maxRows).forEach(out::println);
      }
      return ExitStatus.OK;
    } catch (SparkifyException e) {
      System.err.println("sparkify query: " + e.getMessage());
      return e.status();
    } catch (RuntimeException e) {
      System.err.println("sparkify query: " + Failures.rootMessage(e));
      return ExitStatus.CASSANDRA_UNREACHABLE;
    }
  }

  private static List<String> lines(CqlSession session, CassandraSchema schema, Query query, int maxRows) {
    List<String> shown = query.shown();
    List<List<String>> rows = new ArrayList<>();
    int found = 0;
    for (Row row : session.execute(session.prepare(schema.select(query.table(), query.keyColumns())).bind(query.values().toArray()))) {
      if (++found > maxRows) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String column : shown) {
        Object value = row.getObject(QueryTable.stored(column));
        cells.add(value == null ? "" : value.toString());
      }
      rows.add(cells);
    }
    List<String> lines = new ArrayList<>();
    lines.add(schema.qualified(query.table()) + " WHERE " + query.condition() + ":");
    if (rows.isEmpty()) {
      lines.add("(no row: nothing was recorded for " + query.condition() + ")");
    } else {
      lines.addAll(TextTable.render(shown, rows));
    }
    if (found > maxRows) {
      lines.add("(" + maxRows + " of " + found + " rows shown)");
    }
    return lines;
  }
}
