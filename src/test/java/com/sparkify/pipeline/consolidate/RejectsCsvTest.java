package com.sparkify.pipeline.consolidate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.transform.Rejections;
import com.sparkify.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsCsvTest {
  private static final StructType CLASSIFIED = new StructType()
      .add(ParsedColumns.FILE, DataTypes.StringType)
      .add(ParsedColumns.LINE, DataTypes.LongType)
      .add(Rejections.REASON, DataTypes.StringType)
      .add(ParsedColumns.RAW, DataTypes.StringType);

  @TempDir Path dir;

  @Test
  void rejectedRowsAreWrittenWithTheirFileLineReasonAndOriginalText() throws IOException {
    Dataset<Row> classified = classified(
        RowFactory.create("day-1.csv", 2L, null, "Muse,Logged In,..."),
        // a reject's text as the file had it: edge white space, a tab, quotes, a quoted line break, a no-break
        // space, mojibake, a spreadsheet number
        RowFactory.create("day-1.csv", 3L, "BAD_TS", " Bj\u00c3\u00b6rk, \"quoted\"\tvalue\nnext\u00a0line,1.54111E+12 "));
    Path out = dir.resolve("events.rejects.csv");
    assertEquals(1, stageAndCommit(classified, out, 1));
    assertEquals("file,line,reason,text\nday-1.csv,3,BAD_TS,"
        + "\" Bj\u00c3\u00b6rk, \"\"quoted\"\"\tvalue\nnext\u00a0line,1.54111E+12 \"\n", Files.readString(out));
  }

  @Test
  void withoutRejectsTheHeaderIsWrittenWithoutASparkJobAndWithSparksBytes() throws IOException {
    Dataset<Row> classified = classified(RowFactory.create("day-1.csv", 2L, null, "Muse,Logged In,..."));
    Path byDriver = dir.resolve("by-driver.rejects.csv");
    Path bySpark = dir.resolve("by-spark.rejects.csv");
    assertEquals(0, jobs(() -> stageAndCommit(classified, byDriver, 0)));
    // told of a reject that is not there, the job takes Spark's path: the bytes the driver must match
    assertTrue(jobs(() -> stageAndCommit(classified, bySpark, 1)) > 0, "a Spark job wrote it");
    assertArrayEquals(Files.readAllBytes(bySpark), Files.readAllBytes(byDriver));
    assertEquals("file,line,reason,text\n", Files.readString(byDriver, StandardCharsets.UTF_8));
  }

  @Test
  void aHeaderThatWouldNeedQuotingIsRefused() {
    Dataset<Row> odd = SharedSpark.spark().createDataFrame(List.of(), new StructType().add("a,b", DataTypes.StringType));
    assertThrows(IllegalArgumentException.class, () -> SingleCsvFile.stageHeader(odd, dir.resolve("x.csv").toString()));
  }

  private static Dataset<Row> classified(Row... rows) {
    return SharedSpark.spark().createDataFrame(List.of(rows), CLASSIFIED);
  }

  private static long stageAndCommit(Dataset<Row> classified, Path out, long rejected) {
    try (SingleCsvFile file = RejectsCsv.stage(classified, out.toString(), rejected)) {
      file.commit();
      return file.rows();
    }
  }

  /** The Spark jobs the work ran. */
  private static int jobs(Supplier<?> work) {
    SparkContext context = SharedSpark.spark().sparkContext();
    String group = "rejects-" + UUID.randomUUID();
    context.setJobGroup(group, group, false);
    try {
      work.get();
    } finally {
      context.clearJobGroup();
    }
    return context.statusTracker().getJobIdsForGroup(group).length;
  }
}
