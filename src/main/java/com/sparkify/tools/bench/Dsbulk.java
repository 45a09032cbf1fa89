package com.sparkify.tools.bench;

import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.tools.MavenClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** DataStax Bulk Loader 1.10 as its own JVM, loading the job's events.csv into one table per run. */
final class Dsbulk {
  private final List<String> classpath;
  private final Settings.Cassandra cassandra;
  private final Path work;

  Dsbulk(Path projectDir, Path work, Settings.Cassandra cassandra) throws IOException, InterruptedException {
    this.classpath = MavenClasspath.of(projectDir.resolve("scripts/bench/pom.xml"), work.resolve("dsbulk.classpath"), "DSBulk");
    this.cassandra = cassandra;
    this.work = work;
  }

  /**
   * Every table, one load each, as DSBulk users do; each load parses the CSV again. One after the other, or
   * all at once ({@code sideBySide}), as a user with cores to spare would.
   */
  List<MeasuredProcess> loadAll(CassandraSchema schema, Path eventsCsv, String label, List<String> tuning, boolean sideBySide)
      throws IOException, InterruptedException {
    List<CompletableFuture<MeasuredProcess>> loads = new ArrayList<>();
    for (QueryTable table : schema.tables()) {
      CompletableFuture<MeasuredProcess> load = CompletableFuture.supplyAsync(() -> {
        try {
          return load(schema.keyspace(), table.name(), mapping(table), eventsCsv, label, tuning);
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      if (!sideBySide) {
        load.join();
      }
      loads.add(load);
    }
    return loads.stream().map(CompletableFuture::join).toList();
  }

  /** events.csv's header names to the table's stored names: "sessionId = sessionid, ...". */
  static String mapping(QueryTable table) {
    return table.allColumns().stream().map(column -> column + " = " + QueryTable.stored(column))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private MeasuredProcess load(String keyspace, String table, String mapping, Path eventsCsv, String label, List<String> tuning)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", String.join(File.pathSeparator, classpath),
        "com.datastax.oss.dsbulk.runner.DataStaxBulkLoader", "load",
        "-url", eventsCsv.toString(), "-k", keyspace, "-t", table,
        // DSBulk parses option values itself: \" is one double quote, RFC 4180's escape. Its other CSV defaults
        // already keep values as events.csv has them: no trimming, line endings in quotes kept, an unquoted
        // empty field null and a quoted "" empty (nullValue and emptyValue AUTO)
        "-header", "true", "-escape", "\\\"", "-m", mapping,
        "-h", cassandra.host(), "-port", Integer.toString(cassandra.port()), "-dc", cassandra.localDc(),
        "-logDir", work.resolve("dsbulk-logs").toString()));
    command.addAll(tuning);
    Map<String, String> env = Map.of();
    if (!cassandra.username().isEmpty()) {
      // the password reaches DSBulk through its environment and a substitution in its config, never argv
      Path conf = work.resolve("dsbulk-auth.conf");
      Files.writeString(conf, "datastax-java-driver.advanced.auth-provider {\n  class = PlainTextAuthProvider\n"
          + "  username = \"" + cassandra.username() + "\"\n  password = ${DSBULK_PASSWORD}\n}\n");
      command.addAll(List.of("-f", conf.toString()));
      env = Map.of("DSBULK_PASSWORD", cassandra.password().reveal());
    }
    return MeasuredProcess.run(command, env, work.resolve("logs/dsbulk-" + label + "-" + table + ".log"))
        .requireSuccess("DSBulk (" + label + ") loading " + table);
  }
}
