package com.sparkify.pipeline;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.consolidate.ConsolidatedCsv;
import com.sparkify.pipeline.consolidate.RejectsCsv;
import com.sparkify.pipeline.consolidate.SingleCsvFile;
import com.sparkify.pipeline.consolidate.StagingFolders;
import com.sparkify.pipeline.read.EventFiles;
import com.sparkify.pipeline.read.EventParser;
import com.sparkify.pipeline.read.FileReport;
import com.sparkify.pipeline.read.InputFiles;
import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.report.LogLevels;
import com.sparkify.pipeline.report.ProgressLog;
import com.sparkify.pipeline.report.RowCounts;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.report.StageTimer;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.transform.KeyConflicts;
import com.sparkify.pipeline.transform.QueryTables;
import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TypedEvents;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the pipeline, built once with its settings: read the daily logs, sort every row into song
 * row, page view or reject, write events.csv, the rejects file and the two Cassandra query tables, and
 * report. The input is parsed once; the cached rows feed every output, and no stage collects them to the
 * driver.
 */
public final class SparkifyJob {
  private static final Logger LOG = LoggerFactory.getLogger(SparkifyJob.class);
  private static final int CONFLICT_EXAMPLES = 3;
  /** The stage that writes both tables at once, as timings_s names it. */
  public static final String WRITE_TABLES = "write both tables";

  private final SparkSession spark;
  private final Settings settings;

  public SparkifyJob(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public static void main(String[] args) {
    ExitStatus status = run(args);
    // A cluster-mode driver that calls System.exit(0) is taken on YARN for one that died early, and retried.
    if (status != ExitStatus.OK || !"cluster".equals(new SparkConf().get("spark.submit.deployMode", "client"))) {
      System.exit(status.code());
    }
  }

  /** Runs the job for a command line and says how it ended; the one-line reason of a failure goes to stderr. */
  static ExitStatus run(String[] args) {
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        System.out.print(Usage.text());
        return ExitStatus.OK;
      }
      if (!commandLine.positional().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument '" + commandLine.positional().get(0) + "' (see --help)");
      }
      settings = SettingsLoader.load(commandLine);
    } catch (IllegalArgumentException | ConfigException e) {
      return fail(ExitStatus.BAD_USAGE, e.getMessage());
    }
    LogLevels.apply(settings.logging().level());
    SparkSession spark = null;
    try {
      spark = SparkSessions.create(settings);
      RunReport report = new SparkifyJob(spark, settings).run();
      report.lines().forEach(System.out::println);
      System.out.println(report.oneLine() + (settings.dryRun() ? "" : " report=" + settings.report()));
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

  /**
   * Runs the job; the report is written whatever happens (but for a dry run, which writes nothing), and
   * returned when the run succeeded.
   */
  public RunReport run() {
    StageTimer timer = new StageTimer(spark.sparkContext()::setJobDescription);
    RunReport report = new RunReport(settings.input(), settings.day().map(day -> day.date().toString()).orElse(null),
        settings.output(), settings.rejects());
    try (ProgressLog progress = ProgressLog.start(spark.sparkContext(), settings.logging().progressInterval())) {
      execute(timer, report);
      report.finish(ExitStatus.OK, null, timer.stages());
      return report;
    } catch (SparkifyException e) {
      report.finish(e.status(), e.getMessage(), timer.stages());
      throw e;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      report.finish(ExitStatus.INTERNAL_ERROR, Failures.rootMessage(e), timer.stages());
      throw e;
    } finally {
      if (!settings.dryRun()) {
        writeReport(report);
      }
    }
  }

  private void execute(StageTimer timer, RunReport report) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // a missing or empty input folder is found before anything is created in Cassandra
    InputFiles.Listing listing =
        InputFiles.list(hadoop, settings.input(), ownOutputs(), settings.day().map(Settings.Day::fileName));
    if (!settings.dryRun()) {
      prepareOutputs(hadoop, report);
    }
    CassandraTables tables = new CassandraTables(settings.cassandra(), spark.sparkContext().getConf());
    // before the input is read, so that an unreachable Cassandra fails the run in seconds, not after the parse
    if (settings.dryRun()) {
      report.dryRun(timer.time("connect to Cassandra, check tables", tables::missing));
    } else {
      timer.time("connect to Cassandra, create tables", tables::create);
    }
    EventFiles.Inspection inspection =
        timer.time("check file headers", () -> EventFiles.inspect(hadoop, listing.files(), settings.read().maxRecordChars()));
    List<FileReport> files = new ArrayList<>(inspection.reports());
    listing.ignored().forEach(f -> files.add(new FileReport(f, FileReport.Status.IGNORED, "not *.csv or *.csv.gz", List.of())));
    report.files(files, Map.of());
    if (inspection.accepted().isEmpty()) {
      throw new SparkifyException(ExitStatus.INPUT_PROBLEM,
          "no readable event log in " + settings.input() + ": " + inspection.reports().size() + " file(s) rejected, see "
              + settings.report());
    }

    RowCounts counts = new RowCounts();
    SingleCsvFile rejects = null;
    Dataset<Row> classified =
        counts
            .observe(
                TypedEvents.from(Rejections.withReason(EventParser.parse(
                    spark, inspection.accepted(), settings.read().maxRecordChars(), settings.read().repairMojibake()))))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      timer.time("read " + inspection.accepted().size() + " files", classified::count);
      RowCounts.Counts input = counts.get();
      Breakdown breakdown = Breakdown.of(classified);
      report.files(files, breakdown.perFile());
      report.rows(input, breakdown.byReason());
      if (!settings.dryRun()) {
        rejects = timer.time("write " + settings.rejects(), () -> RejectsCsv.stage(classified, settings.rejects()));
      }
      if (!settings.maxRejects().allows(input.rejected(), input.read())) {
        // the rejects are what the user needs to look at now; events.csv stays the last good run's
        commit(rejects, settings.rejects(), report);
        throw new SparkifyException(ExitStatus.TOO_MANY_REJECTS,
            input.rejected() + " of " + input.read() + " rows rejected, over the budget of " + settings.maxRejects()
                + " (--max-rejects)" + (settings.dryRun() ? "" : "; see " + settings.rejects())
                + ". Nothing was written to Cassandra");
      }
      Dataset<Row> songRows = SongRows.keep(classified);
      if (settings.dryRun()) {
        report.consolidated(input.read() - input.withoutArtist() - input.rejected());
        timer.time("find primary-key conflicts", () -> keyConflicts(report, projections(tables, songRows)));
      } else {
        writeSongRows(timer, report, tables, songRows, input, rejects);
      }
    } finally {
      if (rejects != null) {
        rejects.close();
      }
      classified.unpersist();
    }
  }

  /**
   * events.csv and both tables are written from the cache at once, so that the single events.csv writer and
   * the latency-bound Cassandra writes overlap; the key-conflict report comes after the writes, because beside
   * them its shuffle starved them of CPU (400k rows on 2 cores: writes 20 s and report 21 s side by side,
   * 14.5 s and 2.6 s one after the other). events.csv is committed last, so a run that fails anywhere leaves
   * the previous one in place.
   */
  private void writeSongRows(StageTimer timer, RunReport report, CassandraTables tables, Dataset<Row> songRows,
      RowCounts.Counts input, SingleCsvFile rejects) {
    Map<String, Dataset<Row>> projections = projections(tables, songRows);
    // the threads only submit Spark jobs and wait; Spark runs them side by side on the executors
    ExecutorService pool = Executors.newFixedThreadPool(1 + projections.size());
    Future<SingleCsvFile> staged =
        pool.submit(() -> timer.time("write " + settings.output(), () -> ConsolidatedCsv.stage(songRows, settings.output())));
    boolean handedOver = false;
    try {
      timer.time(WRITE_TABLES, () -> {
        Map<String, Future<Long>> writes = new LinkedHashMap<>();
        projections.forEach((table, rows) -> writes.put(table, pool.submit(() -> {
          spark.sparkContext().setJobDescription("write " + table);
          return tables.write(rows, table);
        })));
        long rows = 0;
        for (Map.Entry<String, Future<Long>> write : writes.entrySet()) {
          long written = await(write.getValue());
          report.written(write.getKey(), written);
          rows += written;
        }
        return rows;
      });
      timer.time("find primary-key conflicts", () -> keyConflicts(report, projections));
      handedOver = true;
      try (SingleCsvFile eventsCsv = await(staged)) {
        report.consolidated(eventsCsv.rows());
        checkBalance(input, eventsCsv.rows(), report.rowsWritten());
        // one after the other, at the very end: a run that fails before leaves both files of the last good run
        commit(rejects, settings.rejects(), report);
        commit(eventsCsv, settings.output(), report);
      }
    } finally {
      if (!handedOver) {
        discard(staged);
      }
      pool.shutdownNow();
    }
  }

  private static Map<String, Dataset<Row>> projections(CassandraTables tables, Dataset<Row> songRows) {
    Map<String, Dataset<Row>> projections = new LinkedHashMap<>();
    projections.put(tables.schema().sessionItemTable(), QueryTables.sessionItem(songRows));
    projections.put(tables.schema().userSessionTable(), QueryTables.userSession(songRows));
    return projections;
  }

  private static void commit(SingleCsvFile file, String output, RunReport report) {
    if (file != null) {
      file.commit();
      report.committed(output);
    }
  }

  /**
   * Before anything is staged: what the outputs in place came from, how they will be replaced, and the
   * staging folders that runs killed before left beside them.
   */
  private void prepareOutputs(Configuration hadoop, RunReport report) {
    try {
      Path output = new Path(settings.output());
      FileSystem fs = output.getFileSystem(hadoop);
      report.outputsBefore(fs, new Path(settings.report()), List.of(settings.output(), settings.rejects()));
      SingleCsvFile.Commit commit = SingleCsvFile.Commit.of(fs.getUri().getScheme());
      report.outputCommit(commit.name().toLowerCase(Locale.ROOT));
      if (commit == SingleCsvFile.Commit.COPY) {
        LOG.warn("{} is on {}, where a rename copies and deletes: readers may see events.csv half replaced while"
            + " the run ends", settings.output(), fs.getUri().getScheme());
      }
      List<String> removed = new ArrayList<>();
      for (String target : List.of(settings.output(), settings.rejects())) {
        Path path = new Path(target);
        FileSystem targetFs = path.getFileSystem(hadoop);
        removed.addAll(StagingFolders.sweep(targetFs, targetFs.makeQualified(path), settings.stagingStaleAfter()));
      }
      report.stagingRemoved(removed);
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "preparing " + settings.output() + " failed: " + e.getMessage(), e);
    }
  }

  /** After a failure elsewhere: wait for the events.csv writer and throw its staged file away. */
  private static void discard(Future<SingleCsvFile> staged) {
    try {
      await(staged).close();
    } catch (RuntimeException e) {
      // it failed too; the first failure is the one reported
    }
  }

  /** The result of work done on another thread, its failure rethrown as it was. */
  private static <T> T await(Future<T> work) {
    try {
      return work.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    }
  }

  private void keyConflicts(RunReport report, Map<String, Dataset<Row>> projections) {
    projections.forEach((table, rows) -> {
      boolean sessionItem = table.equals(settings.cassandra().sessionItemTable());
      List<String> key = sessionItem ? QueryTables.SESSION_ITEM_KEY : QueryTables.USER_SESSION_KEY;
      List<String> content = sessionItem ? QueryTables.SESSION_ITEM_CONTENT : QueryTables.USER_SESSION_CONTENT;
      Dataset<Row> conflicts = KeyConflicts.of(rows, key, content).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long keys = conflicts.count();
        Dataset<Row> firstKeys = conflicts.orderBy(key.stream().map(functions::col).toArray(Column[]::new)).limit(CONFLICT_EXAMPLES);
        report.keyConflicts(table, keys, keys == 0 ? List.of() : examples(KeyConflicts.variants(rows, firstKeys, key, content), key));
      } finally {
        conflicts.unpersist();
      }
    });
  }

  /** "sessionid=9002, iteminsession=0: (Muse, First, 200.5) | (Muse, Second, 200.5)", one line per key. */
  private static List<String> examples(Dataset<Row> variants, List<String> key) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Row row : variants.collectAsList()) {
      List<String> keyText = new ArrayList<>();
      List<String> contentText = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        (i < key.size() ? keyText : contentText).add(i < key.size() ? key.get(i) + "=" + row.get(i) : String.valueOf(row.get(i)));
      }
      byKey.computeIfAbsent(String.join(", ", keyText), k -> new ArrayList<>()).add("(" + String.join(", ", contentText) + ")");
    }
    List<String> lines = new ArrayList<>();
    byKey.forEach((k, contents) -> lines.add(k + ": " + String.join(" | ", contents)));
    return lines;
  }

  /** Every row read is in exactly one place, and each table got every song row. */
  private static void checkBalance(RowCounts.Counts input, long consolidated, Map<String, Long> written) {
    long accounted = consolidated + input.withoutArtist() + input.rejected();
    List<String> problems = new ArrayList<>();
    if (accounted != input.read()) {
      problems.add("rows read " + input.read() + " != consolidated " + consolidated + " + without artist "
          + input.withoutArtist() + " + rejected " + input.rejected());
    }
    written.forEach((table, rows) -> {
      if (rows != consolidated) {
        problems.add(table + " received " + rows + " rows, events.csv has " + consolidated);
      }
    });
    if (!problems.isEmpty()) {
      throw new SparkifyException(ExitStatus.INTERNAL_ERROR,
          "row counts do not balance, events.csv left as it was: " + String.join("; ", problems));
    }
  }

  /** Names of what the job writes into folders it may also read: never input. */
  private Set<String> ownOutputs() {
    return new HashSet<>(List.of(
        new Path(settings.output()).getName(),
        new Path(settings.rejects()).getName(),
        new Path(settings.report()).getName(),
        ConsolidatedCsv.DEFAULT_NAME,
        ConsolidatedCsv.DEFAULT_NAME.replace(".csv", RejectsCsv.SUFFIX),
        ConsolidatedCsv.DEFAULT_NAME.replace(".csv", ".report.json")));
  }

  private void writeReport(RunReport report) {
    try {
      report.write(spark.sparkContext().hadoopConfiguration(), settings.report());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the run report {}: {}", settings.report(), Failures.rootMessage(e));
    }
  }

  /** Rows per file and per reject reason, from the cached rows: a small aggregate, not the data set. */
  private record Breakdown(Map<String, long[]> perFile, Map<String, Long> byReason) {
    static Breakdown of(Dataset<Row> classified) {
      Map<String, long[]> perFile = new LinkedHashMap<>();
      Map<String, Long> byReason = new TreeMap<>();
      for (Row row : classified.groupBy(col(ParsedColumns.FILE), col(Rejections.REASON)).count().collectAsList()) {
        long rows = row.getLong(2);
        long[] file = perFile.computeIfAbsent(row.getString(0), f -> new long[2]);
        file[0] += rows;
        if (!row.isNullAt(1)) {
          file[1] += rows;
          byReason.merge(row.getString(1), rows, Long::sum);
        }
      }
      return new Breakdown(perFile, byReason);
    }
  }
}
