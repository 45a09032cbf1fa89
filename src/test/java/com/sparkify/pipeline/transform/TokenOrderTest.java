package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TokenOrderTest {
  private static final QueryTable USER_SESSION = Tables.seed(Tables.USER_SESSION);
  private static final int TASKS = 3;

  /** 120 song rows of 9 users in 4 sessions, each key written once; rows of one partition key far apart. */
  private static Dataset<Row> songRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      rows.add(EventRows.song("a" + i, "s" + i, "1.0", Integer.toString(100 + i % 4), Integer.toString(i),
          Integer.toString(i % 9), Long.toString(1541106106796L + i)));
    }
    return SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(rows.toArray(Row[]::new)), Tables.seedKeys(), Tables.tsRange())));
  }

  /** A stand-in for the token: 7 - userid, so that token order is the reverse of user order. */
  private static Dataset<Row> ordered() {
    Dataset<Row> projected = TableProjection.of(USER_SESSION, TokenOrder.partitioned(USER_SESSION, songRows(), TASKS));
    return TokenOrder.sorted(USER_SESSION, projected, col("userid").multiply(-1).plus(7).cast("long"));
  }

  @Test
  void eachPartitionKeyIsInOnePartitionSortedByTokenKeyAndClusteringAndTheColumnsAreTheProjections() {
    Dataset<Row> ordered = ordered();
    assertEquals(List.of(TableProjection.of(USER_SESSION, songRows()).columns()), List.of(ordered.columns()), "no token column left");
    List<List<Row>> partitions = ordered.javaRDD().glom().collect();
    assertEquals(TASKS, partitions.size());
    assertEquals(120, partitions.stream().mapToInt(List::size).sum());
    Comparator<Row> sstableOrder = Comparator.<Row>comparingLong(r -> 7L - r.getInt(0))
        .thenComparingInt(r -> r.getInt(0)).thenComparingInt(r -> r.getInt(1)).thenComparingInt(r -> r.getInt(2));
    Set<String> keysSeen = new HashSet<>();
    for (List<Row> partition : partitions) {
      List<Row> sorted = new ArrayList<>(partition);
      sorted.sort(sstableOrder);
      assertEquals(sorted, partition, "rows in SSTable order");
      partition.stream().map(r -> r.getInt(0) + "/" + r.getInt(1)).distinct()
          .forEach(key -> assertTrue(keysSeen.add(key), "partition key " + key + " in one task only"));
    }
  }

  @Test
  void theSongRowsAreShuffledOnceTheProjectionsWindowFindsThemTogether() {
    String plan = ordered().queryExecution().executedPlan().toString();
    assertEquals(1, plan.split("Exchange ", -1).length - 1, plan);
  }
}
