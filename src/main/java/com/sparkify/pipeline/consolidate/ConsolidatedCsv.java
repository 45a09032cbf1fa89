package com.sparkify.pipeline.consolidate;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.Failures;
import com.sparkify.pipeline.SparkifyException;
import com.sparkify.pipeline.read.EventColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes the consolidated events as ONE csv file. Spark writes a folder of part files, so the rows go
 * through a single writer task into a hidden staging folder next to the target, and the one part file is
 * then renamed over the target: readers see the old file or the new one, never half of one.
 */
public final class ConsolidatedCsv {
  /** The name of the consolidated file in reference.conf's sparkify.output. */
  public static final String DEFAULT_NAME = "events.csv";

  private ConsolidatedCsv() {}

  public static void write(Dataset<Row> events, String output) {
    Configuration hadoop = events.sparkSession().sparkContext().hadoopConfiguration();
    Path target = new Path(output);
    try {
      FileSystem fs = target.getFileSystem(hadoop);
      target = fs.makeQualified(target);
      Path staging = new Path(target.getParent(), "." + target.getName() + ".staging-" + UUID.randomUUID());
      try {
        // one shuffle into one task keeps the parsing parallel; the sort makes reruns byte-identical
        events
            .repartition(1)
            .sortWithinPartitions(order())
            .write()
            .option("header", "true")
            .option("escape", "\"")
            .csv(staging.toString());
        replace(fs, singlePart(fs, staging), target);
      } finally {
        fs.delete(staging, true);
      }
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "writing " + output + " failed: " + Failures.rootMessage(e), e);
    }
  }

  /** Time first, as in the daily logs; then every other column, so that the order is total. */
  private static Column[] order() {
    List<String> names = new ArrayList<>(List.of(EventColumns.TS, EventColumns.SESSION_ID, EventColumns.ITEM_IN_SESSION));
    EventColumns.NAMES.stream().filter(n -> !names.contains(n)).forEach(names::add);
    return names.stream().map(n -> col(n).asc_nulls_first()).toArray(Column[]::new);
  }

  private static Path singlePart(FileSystem fs, Path staging) throws IOException {
    FileStatus[] parts = fs.globStatus(new Path(staging, "part-*"));
    if (parts == null || parts.length != 1) {
      throw new IOException("expected one part file in " + staging + ", found " + (parts == null ? 0 : parts.length));
    }
    return parts[0].getPath();
  }

  private static void replace(FileSystem fs, Path source, Path target) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      // rename(2) replaces the target atomically; Hadoop's local rename deletes it first
      Files.move(
          local.pathToFile(source).toPath(),
          local.pathToFile(target).toPath(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(source, target, Options.Rename.OVERWRITE);
  }
}
