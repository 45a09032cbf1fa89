package com.sparkify.pipeline;

import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.consolidate.ConsolidatedCsv;
import com.sparkify.pipeline.read.EventReader;
import com.sparkify.pipeline.read.InputFiles;
import com.sparkify.pipeline.report.RowCounts;
import com.sparkify.pipeline.report.RunSummary;
import com.sparkify.pipeline.report.StageTimer;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.transform.QueryTables;
import com.sparkify.pipeline.transform.SongRows;
import com.sparkify.pipeline.transform.TypedEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of the pipeline, built once with its settings: read the daily logs, keep the song rows, write
 * events.csv and the two Cassandra query tables, and summarise. The input is parsed once; the cached song
 * rows feed events.csv and both tables, and no stage collects them to the driver.
 */
public final class SparkifyJob {
  private final SparkSession spark;
  private final Settings settings;

  public SparkifyJob(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public RunSummary run() {
    StageTimer timer = new StageTimer();
    CassandraTables tables = new CassandraTables(settings.cassandra(), spark.sparkContext().getConf());
    // before the input, so that an unreachable Cassandra fails the run in seconds, not after the parse
    timer.time("connect to Cassandra, create tables", tables::create);

    List<Path> files =
        InputFiles.list(spark.sparkContext().hadoopConfiguration(), settings.input(), List.of(settings.output()));
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
