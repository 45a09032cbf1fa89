package com.sparkify.pipeline;

import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.consolidate.ConsolidatedCsv;
import com.sparkify.pipeline.read.EventReader;
import com.sparkify.pipeline.read.InputFiles;
import com.sparkify.pipeline.report.RowCounts;
import com.sparkify.pipeline.report.RunSummary;
import com.sparkify.pipeline.report.StageTimer;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.typesafe.config.ConfigException;
import com.sparkify.pipeline.transform.QueryTables;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TypedEvents;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the pipeline, built once with its settings: read the daily logs, keep the song rows, write
 * events.csv and the two Cassandra query tables, and summarise. The input is parsed once; the cached song
 * rows feed events.csv and both tables, and no stage collects them to the driver.
 */
public final class SparkifyJob {
  private static final Logger LOG = LoggerFactory.getLogger(SparkifyJob.class);

  static final String USAGE =
      """
      Usage: sparkify [--input DIR] [--output FILE] [--keyspace NAME] [--cassandra-host HOST]
                      [--config FILE] [-Dsparkify.<key>=<value> ...]

      Reads every *.csv in the input folder, drops the rows without an artist, writes one events.csv and the
      Cassandra tables events_by_session_item_index and events_by_user_session_item_index.

        --input DIR            sparkify.input                 (default data)
        --output FILE          sparkify.output                (default data/events.csv)
        --keyspace NAME        sparkify.cassandra.keyspace    (default sparkify)
        --cassandra-host HOST  sparkify.cassandra.host        (default 127.0.0.1)
        --config FILE          settings file                  (default conf/application.conf, if present)
        -Dsparkify.KEY=VALUE   any setting of reference.conf, e.g. -Dsparkify.cassandra.port=9142

      Exit status: 0 success, 1 internal error, 2 bad usage or configuration, 3 input problem,
      5 Cassandra unreachable, 6 write failed.
      """;

  private final SparkSession spark;
  private final Settings settings;

  public SparkifyJob(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public static void main(String[] args) {
    System.exit(run(args).code());
  }

  /** Runs the job for a command line and says how it ended; the one-line reason of a failure goes to stderr. */
  static ExitStatus run(String[] args) {
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        System.out.print(USAGE);
        return ExitStatus.OK;
      }
      if (!commandLine.positional().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument '" + commandLine.positional().get(0) + "' (see --help)");
      }
      settings = SettingsLoader.load(commandLine);
    } catch (IllegalArgumentException | ConfigException e) {
      return fail(ExitStatus.BAD_USAGE, e.getMessage());
    }
    SparkSession spark = null;
    try {
      spark = SparkSessions.create(settings);
      RunSummary summary = new SparkifyJob(spark, settings).run();
      summary.lines().forEach(System.out::println);
      return ExitStatus.OK;
    } catch (SparkifyException e) {
      LOG.debug("run failed", e);
      return fail(e.status(), e.getMessage());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      LOG.error("run failed", e);
      return fail(ExitStatus.INTERNAL_ERROR, Failures.rootMessage(e));
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private static ExitStatus fail(ExitStatus status, String reason) {
    System.err.println("sparkify: " + reason + " [exit " + status.code() + ": " + status.meaning() + "]");
    return status;
  }

  public RunSummary run() {
    StageTimer timer = new StageTimer();
    CassandraTables tables = new CassandraTables(settings.cassandra(), spark.sparkContext().getConf());
    // before the input, so that an unreachable Cassandra fails the run in seconds, not after the parse
    timer.time("connect to Cassandra, create tables", tables::create);

    List<Path> files =
        InputFiles.list(
            spark.sparkContext().hadoopConfiguration(),
            settings.input(),
            // this run's consolidated file, and the one that runs with the default --output leave in data/
            new HashSet<>(List.of(new Path(settings.output()).getName(), ConsolidatedCsv.DEFAULT_NAME)));
    RowCounts counts = new RowCounts();
    Dataset<Row> songRows =
        SongRows.keep(counts.observe(TypedEvents.from(EventReader.read(spark, files))))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long consolidated = timer.time("read " + files.size() + " files, keep song rows", songRows::count);
      timer.time("write " + settings.output(), () -> ConsolidatedCsv.write(songRows, settings.output()));
      Map<String, Long> written = new LinkedHashMap<>();
      String sessionItem = tables.schema().sessionItemTable();
      String userSession = tables.schema().userSessionTable();
      written.put(sessionItem, timer.time("write " + sessionItem, () -> tables.write(QueryTables.sessionItem(songRows), sessionItem)));
      written.put(userSession, timer.time("write " + userSession, () -> tables.write(QueryTables.userSession(songRows), userSession)));
      RowCounts.Counts input = counts.get();
      return new RunSummary(
          files.size(), input.read(), input.withoutArtist(), input.missingKey(), consolidated, written, timer.stages());
    } finally {
      songRows.unpersist();
    }
  }
}
