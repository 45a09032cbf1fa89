package com.sparkify.pipeline.run;

import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.cassandra.ReadBack;
import com.sparkify.pipeline.cassandra.sstable.SSTableWrites;
import com.sparkify.pipeline.consolidate.ConsolidatedCsv;
import com.sparkify.pipeline.consolidate.FileReplace;
import com.sparkify.pipeline.consolidate.OutputLock;
import com.sparkify.pipeline.consolidate.RejectsCsv;
import com.sparkify.pipeline.consolidate.SingleCsvFile;
import com.sparkify.pipeline.consolidate.StagingFolders;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.read.EventFiles;
import com.sparkify.pipeline.read.EventParser;
import com.sparkify.pipeline.read.FileReport;
import com.sparkify.pipeline.read.InputFiles;
import com.sparkify.pipeline.report.Balance;
import com.sparkify.pipeline.report.Breakdown;
import com.sparkify.pipeline.report.ConflictExamples;
import com.sparkify.pipeline.report.RowCounts;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.report.StageTimer;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.spark.ProgressLog;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.pipeline.transform.BrokenFiles;
import com.sparkify.pipeline.transform.KeyConflicts;
import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TableProjection;
import com.sparkify.pipeline.transform.TypedEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
 * row, page view or reject, write events.csv, the rejects file and the query tables, and report. The input
 * is parsed once; the cached rows feed every output, and no stage collects them to the driver.
 */
public final class PipelineRun {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
  private static final int CONFLICT_EXAMPLES = 3;
  /** The stage that writes the query tables side by side, as timings_s names it. */
  public static final String WRITE_TABLES = "write the query tables";
  /** The stage that reads the tables back (--verify). */
  public static final String VERIFY_TABLES = "read the query tables back";

  private final SparkSession spark;
  private final Settings settings;

  public PipelineRun(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * Runs the job; the report is written whatever happens (but for a dry run, which writes nothing), and
   * returned when the run succeeded.
   */
  public RunReport run() {
    // before anything is read or written, the report included: a second run on the same output stops here and
    // leaves the files of the run that holds it alone
    try (OutputLock lock = settings.dryRun() ? OutputLock.none() : lock()) {
      return run(lock);
    }
  }

  private RunReport run(OutputLock lock) {
    StageTimer timer = new StageTimer(spark.sparkContext()::setJobDescription);
    RunReport report = new RunReport(settings.input(), settings.day().map(day -> day.date().toString()).orElse(null),
        settings.output(), settings.rejects());
    report.outputLock(lock.state());
    try (ProgressLog progress = ProgressLog.start(spark.sparkContext(), settings.logging().progressInterval())) {
      execute(timer, report);
      report.finish(ExitStatus.OK, null, timer.stages());
      return report;
    } catch (RuntimeException e) { // Spark throws its checked SparkException undeclared, hence also below
      report.finish(ExitStatus.of(e), Failures.reason(e), timer.stages());
      throw e;
    } catch (Exception e) {
      report.finish(ExitStatus.of(e), Failures.reason(e), timer.stages());
      throw new IllegalStateException(e);
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
        timer.time("check file headers", () -> EventFiles.inspect(hadoop, listing.files(), settings.read().maxRecordChars(),
            settings.read().fallbackEncoding()));
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
    Set<String> songKeys = new HashSet<>();
    settings.cassandra().enabledTables().forEach(table -> songKeys.addAll(table.primaryKey()));
    Dataset<Row> classified =
        counts
            .observe(
                TypedEvents.from(Rejections.withReason(EventParser.parse(spark, inspection.accepted(),
                    settings.read().maxRecordChars(), settings.read().repairMojibake(), settings.read().fallbackEncoding()),
                    songKeys, settings.read().tsRange())))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // the one pass over the input fills the cache and counts rows per file and reason as it goes (a count of
      // its own would be one more Spark job, which on a small input costs more than the counting)
      Breakdown read = timer.time("read " + inspection.accepted().size() + " files",
          () -> EventParser.reading(() -> Breakdown.of(classified)));
      // a file that broke off is rejected whole: its rows are left out of every output, taken from the cache
      Dataset<Row> usable = read.readErrors().isEmpty() ? classified : BrokenFiles.leaveOut(classified, read.readErrors().keySet());
      Breakdown breakdown = usable == classified ? read : Breakdown.of(usable);
      RowCounts.Counts input = usable == classified ? counts.get() : RowCounts.counts(usable);
      files.replaceAll(file -> read.readErrors().containsKey(file.file())
          ? new FileReport(file.file(), FileReport.Status.REJECTED, read.readErrors().get(file.file()), List.of()) : file);
      report.files(files, breakdown.perFile());
      report.rows(input, breakdown.byReason());
      if (read.readErrors().size() == inspection.accepted().size()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "no event log in " + settings.input()
            + " could be read to its end: see " + settings.report());
      }
      if (!settings.dryRun()) {
        rejects = timer.time("write " + settings.rejects(), () -> RejectsCsv.stage(usable, settings.rejects(), input.rejected()));
      }
      if (!settings.maxRejects().allows(input.rejected(), input.read())) {
        // the rejects are what the user needs to look at now; events.csv stays the last good run's
        commit(rejects, settings.rejects(), report);
        throw new SparkifyException(ExitStatus.TOO_MANY_REJECTS,
            input.rejected() + " of " + input.read() + " rows rejected, over the budget of " + settings.maxRejects()
                + " (--max-rejects)" + (settings.dryRun() ? "" : "; see " + settings.rejects())
                + ". Nothing was written to Cassandra");
      }
      Dataset<Row> songRows = SongRows.keep(usable);
      if (settings.dryRun()) {
        report.consolidated(input.read() - input.withoutArtist() - input.rejected());
        timer.time("find primary-key conflicts", () -> keyConflicts(report, songRows));
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
   * events.csv and the tables are written from the cache at once, so that the single events.csv writer and
   * the latency-bound Cassandra writes overlap; the key-conflict report comes after the writes, because beside
   * them its shuffle starved them of CPU (400k rows on 2 cores: writes 20 s and report 21 s side by side,
   * 14.5 s and 2.6 s one after the other). events.csv is committed last, so a run that fails anywhere leaves
   * the previous one in place.
   */
  private void writeSongRows(StageTimer timer, RunReport report, CassandraTables tables, Dataset<Row> songRows,
      RowCounts.Counts input, SingleCsvFile rejects) {
    List<QueryTable> enabled = settings.cassandra().enabledTables();
    // the threads only submit Spark jobs and wait; Spark runs them side by side on the executors
    ExecutorService pool = Executors.newFixedThreadPool(1 + enabled.size());
    // one job group for the side-by-side writes: when one fails the others are cancelled, instead of going on
    // (retrying against a lost node) behind the failed run's back
    String group = "sparkify-writes-" + UUID.randomUUID();
    Future<SingleCsvFile> staged = pool.submit(() -> {
      spark.sparkContext().setJobGroup(group, "write " + settings.output(), true);
      return timer.time("write " + settings.output(), () -> ConsolidatedCsv.stage(songRows, settings.output()));
    });
    boolean handedOver = false;
    boolean tablesWritten = false;
    Settings.WriteMode mode = settings.cassandra().writeMode();
    report.writeMode(mode.name().toLowerCase(Locale.ROOT));
    SSTableWrites sstables = mode == Settings.WriteMode.SSTABLE ? new SSTableWrites(settings.cassandra(), group) : null;
    long songRowCount = input.read() - input.withoutArtist() - input.rejected();
    try {
      timer.time(WRITE_TABLES, () -> {
        Map<QueryTable, Future<Long>> writes = new LinkedHashMap<>();
        // filled by the writing threads, put in the report by this one: the report is not made for threads
        Map<QueryTable, RunReport.SSTablesLine> loads = new ConcurrentHashMap<>();
        enabled.forEach(table -> writes.put(table, pool.submit(() -> {
          spark.sparkContext().setJobGroup(group, "write " + table.name(), true);
          if (sstables == null) {
            return tables.write(TableProjection.of(table, songRows), table);
          }
          RunReport.SSTablesLine load =
              sstables.write(songRows, table, songRowCount, spark.sparkContext().defaultParallelism());
          loads.put(table, load);
          return load.rows();
        })));
        long rows = 0;
        for (Map.Entry<QueryTable, Future<Long>> write : writes.entrySet()) {
          long written = await(write.getValue());
          report.written(write.getKey().name(), written);
          RunReport.SSTablesLine load = loads.get(write.getKey());
          if (load != null) {
            report.sstables(write.getKey().name(), load);
          }
          rows += written;
        }
        return rows;
      });
      tablesWritten = true;
      timer.time("find primary-key conflicts", () -> keyConflicts(report, songRows));
      if (settings.verify()) {
        timer.time(VERIFY_TABLES, () -> verify(report, songRows));
      }
      handedOver = true;
      try (SingleCsvFile eventsCsv = await(staged)) {
        report.consolidated(eventsCsv.rows());
        Balance.check(input, eventsCsv.rows(), report.rowsWritten());
        // one after the other, at the very end: a run that fails before leaves both files of the last good run
        commit(rejects, settings.rejects(), report);
        commit(eventsCsv, settings.output(), report);
      }
    } finally {
      if (!tablesWritten) {
        spark.sparkContext().cancelJobGroup(group);
      }
      if (!handedOver) {
        discard(staged);
      }
      pool.shutdownNow();
      if (sstables != null) {
        sstables.close();
      }
    }
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

  private OutputLock lock() {
    Path output = new Path(settings.output());
    try {
      FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return OutputLock.acquire(fs, fs.makeQualified(output), settings.lockStaleAfter());
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "cannot reach " + settings.output() + ": " + e.getMessage(), e);
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

  /** Reads the tables back before events.csv is committed: a run whose rows did not all arrive leaves the last good one. */
  private void verify(RunReport report, Dataset<Row> songRows) {
    Map<String, ReadBack.Verified> verified =
        new ReadBack(settings.cassandra(), spark.sparkContext().getConf())
            .verify(songRows, spark.sparkContext().defaultParallelism());
    verified.forEach((table, found) -> report.verified(table,
        new RunReport.VerifiedLine(found.rowsChecked(), found.rowsMissing(), found.rowsDifferent(), found.seconds())));
    ReadBack.check(verified);
  }

  private void keyConflicts(RunReport report, Dataset<Row> songRows) {
    List<QueryTable> tables = settings.cassandra().enabledTables();
    Map<String, Long> keys = new HashMap<>();
    KeyConflicts.counts(tables, songRows).collectAsList()
        .forEach(row -> keys.put(row.getAs(KeyConflicts.TABLE), row.getAs(KeyConflicts.KEYS)));
    for (QueryTable table : tables) {
      long conflicting = keys.get(table.name());
      report.keyConflicts(table.name(), conflicting, conflicting == 0 ? List.of() : conflictExamples(table, songRows));
    }
  }

  /** Every content of the first few conflicting keys of a table, in key order. */
  private static List<String> conflictExamples(QueryTable table, Dataset<Row> songRows) {
    List<String> key = QueryTable.stored(table.primaryKey());
    Dataset<Row> firstKeys = KeyConflicts.of(table, songRows)
        .orderBy(key.stream().map(functions::col).toArray(Column[]::new))
        .limit(CONFLICT_EXAMPLES);
    return ConflictExamples.lines(KeyConflicts.variants(table, songRows, firstKeys).collectAsList(), key);
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
      Path path = new Path(settings.report());
      byte[] json = (report.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
      FileReplace.write(path.getFileSystem(spark.sparkContext().hadoopConfiguration()), path, out -> out.write(json));
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the run report {}: {}", settings.report(), Failures.rootMessage(e));
    }
  }
}
