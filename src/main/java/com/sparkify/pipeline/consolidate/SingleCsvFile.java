package com.sparkify.pipeline.consolidate;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.report.Counted;
import com.sparkify.pipeline.spark.Observed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * ONE csv file written by Spark, which writes folders of part files: the rows go through a single writer
 * task (or, for a file known to have no rows, the driver writes the header) into a hidden staging folder beside
 * the target, and {@link #commit()} renames the one part file
 * over the target, so readers see the old file or the new one, never half of one. Closing without a
 * commit discards the staged file and leaves the target as it was.
 *
 * <p>The rows are meant to come from a cached Dataset: the single task then only reads the cache, in
 * partition order (for the job: files by name, rows in file order), so reruns write the same bytes
 * without a sort.
 */
public final class SingleCsvFile implements AutoCloseable, Counted {
  /**
   * Spark's CSV writer trims leading and trailing white space by default and escapes quotes with a backslash;
   * RFC 4180 and the job's promise of values exactly as read want neither. A null is written as an empty
   * field and an empty string as "" (Spark's defaults, spelled out), so the reader's distinction survives.
   */
  private static final Map<String, String> RFC_4180 = Map.of(
      "header", "true",
      "quote", "\"",
      "escape", "\"",
      "ignoreLeadingWhiteSpace", "false",
      "ignoreTrailingWhiteSpace", "false",
      "nullValue", "",
      "emptyValue", "\"\"",
      "encoding", "UTF-8",
      "lineSep", "\n");

  private final FileSystem fs;
  private final Path staging;
  private final Path target;
  private final long rows;

  private SingleCsvFile(FileSystem fs, Path staging, Path target, long rows) {
    this.fs = fs;
    this.staging = staging;
    this.target = target;
    this.rows = rows;
  }

  /** Writes the rows, in partition order, into the staging folder. */
  public static SingleCsvFile stage(Dataset<Row> rows, String target) {
    return stage(rows, target, (fs, staging) -> {
      Observation written = Observed.create("csv");
      rows.observe(written, count(lit(1)).as("rows"))
          .coalesce(1)
          .write()
          .options(RFC_4180)
          .csv(staging.toString());
      return Observed.count(written, "rows");
    });
  }

  /**
   * The same bytes as {@link #stage} writes for no rows, the header alone, written by the driver: Spark's write
   * job for no rows costs more than the file (0.3-0.5 s on the sample, whose rejects file is mostly empty).
   */
  public static SingleCsvFile stageHeader(Dataset<Row> rows, String target) {
    byte[] header = (header(rows.schema()) + "\n").getBytes(StandardCharsets.UTF_8);
    return stage(rows, target, (fs, staging) -> {
      try (FSDataOutputStream out = fs.create(new Path(staging, "part-00000.csv"), false)) {
        out.write(header);
      }
      return 0L;
    });
  }

  private static SingleCsvFile stage(Dataset<Row> rows, String target, Writer writer) {
    Path path = new Path(target);
    FileSystem fs = null;
    Path staging = null;
    try {
      fs = path.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
      path = fs.makeQualified(path);
      staging = StagingFolders.create(path);
      return new SingleCsvFile(fs, staging, path, writer.write(fs, staging));
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      delete(fs, staging);
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "writing " + target + " failed: " + Failures.rootMessage(e), e);
    }
  }

  /** Writes the staging folder's one part file; returns its rows. */
  private interface Writer {
    long write(FileSystem fs, Path staging) throws IOException;
  }

  /** Names as Spark's CSV writer puts them in the header: none that it would quote. */
  private static String header(StructType schema) {
    for (String name : schema.fieldNames()) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("a column name that the header would have to quote: " + name);
      }
    }
    return String.join(",", schema.fieldNames());
  }

  /** How the target is replaced on a file system: atomically by a rename, or by a copy that readers may see half done. */
  public enum Commit {
    ATOMIC,
    COPY;

    // rename is one metadata operation on these; object stores (s3a, gs, abfs without a hierarchical
    // namespace, ...) copy and delete, and unknown ones are taken for the same
    private static final java.util.Set<String> ATOMIC_RENAME = java.util.Set.of("file", "hdfs", "viewfs", "webhdfs", "ofs", "o3fs");

    public static Commit of(String scheme) {
      return scheme != null && ATOMIC_RENAME.contains(scheme.toLowerCase(java.util.Locale.ROOT)) ? ATOMIC : COPY;
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Replaces the target with the staged file. */
  public void commit() {
    try {
      FileStatus[] parts = fs.globStatus(new Path(staging, "part-*"));
      if (parts == null || parts.length != 1) {
        throw new IOException("expected one part file in " + staging + ", found " + (parts == null ? 0 : parts.length));
      }
      FileReplace.replace(fs, parts[0].getPath(), target);
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "replacing " + target + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    delete(fs, staging);
  }

  private static void delete(FileSystem fs, Path staging) {
    if (fs == null || staging == null) {
      return;
    }
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      // a leftover hidden staging folder is skipped by every reader and replaced by the next run
    }
  }
}
