package com.sparkify.tools.verify;

import com.sparkify.pipeline.SparkifyJob;
import com.sparkify.pipeline.cassandra.ReadBack;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.read.EventFiles;
import com.sparkify.pipeline.read.EventParser;
import com.sparkify.pipeline.read.FileReport;
import com.sparkify.pipeline.run.SparkSessions;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.spark.LogLevels;
import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TypedEvents;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code scripts/sparkify verify [--events EVENTS_CSV] [job flags]}: proves, without writing anything, that the
 * query tables hold every row of an events.csv the job wrote, as {@code --verify} does at the end of a run: the
 * command an operator runs after an incident. Exit 0 when every row is there, 6 when one is missing or
 * different, 5 when Cassandra cannot be reached.
 */
public final class VerifyCommand {
  static final String USAGE =
      """
      Usage: sparkify verify [--events EVENTS_CSV] [job flags]
        Reads the tables back for every row of EVENTS_CSV (default: the job's output, sparkify.output) and says
        whether each is there with its values. Job flags as for the job: --keyspace NAME, --cassandra-host HOST,
        --config FILE, -Dsparkify.KEY=VALUE. Exit 0: every row is there; 6: a row is missing or different;
        5: Cassandra cannot be reached.
      """;
  private static final String EVENTS = "--events";

  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out).code());
  }

  public static ExitStatus run(String[] args, PrintStream out) {
    List<String> jobArgs = new ArrayList<>();
    String events = null;
    Settings settings;
    try {
      // --events is this command's own; every other flag is the job's, parsed by the job's own command line
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals(EVENTS)) {
          if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
            throw new IllegalArgumentException(EVENTS + " needs a value");
          }
          events = args[++i];
        } else {
          jobArgs.add(args[i]);
        }
      }
      CommandLine commandLine = CommandLine.parse(jobArgs.toArray(String[]::new));
      if (commandLine.help()) {
        out.print(USAGE);
        return ExitStatus.OK;
      }
      if (!commandLine.positional().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument '" + commandLine.positional().get(0) + "' (see --help)");
      }
      settings = SettingsLoader.load(commandLine);
    } catch (RuntimeException e) {
      return SparkifyJob.fail(e);
    }
    LogLevels.apply(settings.logging().level());
    SparkSession spark = null;
    try {
      spark = SparkSessions.create(settings);
      verify(spark, settings, events == null ? settings.output() : events, out);
      return ExitStatus.OK;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      return SparkifyJob.fail(e);
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /**
   * events.csv is read as the job reads its input, so its song rows, their write times and the tie rule (the
   * later line wins) are the job's own: events.csv keeps the input's order.
   */
  private static void verify(SparkSession spark, Settings settings, String events, PrintStream out) {
    EventFiles.Inspection inspection = EventFiles.inspect(spark.sparkContext().hadoopConfiguration(),
        List.of(new Path(events)), settings.read().maxRecordChars(), settings.read().fallbackEncoding());
    if (inspection.accepted().isEmpty()) {
      FileReport file = inspection.reports().get(0);
      throw new SparkifyException(ExitStatus.INPUT_PROBLEM, events + " cannot be verified: " + file.reason() + " (--events)");
    }
    Set<String> songKeys = new HashSet<>();
    settings.cassandra().enabledTables().forEach(table -> songKeys.addAll(table.primaryKey()));
    // events.csv holds repaired text already: repairing it again could change a value that was right
    Dataset<Row> classified = TypedEvents.from(Rejections.withReason(EventParser.parse(spark, inspection.accepted(),
        settings.read().maxRecordChars(), false, settings.read().fallbackEncoding()), songKeys, settings.read().tsRange()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // the one pass over events.csv, which fills the cache the tables' reads start from
      long notSongs = EventParser.reading(() -> classified.filter(SongRows.rejected().or(SongRows.withoutArtist())).count());
      Map<String, ReadBack.Verified> verified =
          new ReadBack(settings.cassandra(), spark.sparkContext().getConf())
              .verify(SongRows.keep(classified), spark.sparkContext().defaultParallelism());
      verified.values().forEach(v -> out.println(String.format(Locale.ROOT,
          "verified %s: %,d rows checked, %,d missing, %,d different (%.1f s)",
          v.table(), v.rowsChecked(), v.rowsMissing(), v.rowsDifferent(), v.seconds())));
      if (notSongs > 0) {
        out.println(String.format(Locale.ROOT, "%,d rows of %s are not song rows the job would write: not checked",
            notSongs, events));
      }
      ReadBack.check(verified);
      out.println(String.format(Locale.ROOT, "sparkify verify: OK, every row of %s is in the tables of %s",
          events, settings.cassandra().keyspace()));
    } finally {
      classified.unpersist();
    }
  }
}
