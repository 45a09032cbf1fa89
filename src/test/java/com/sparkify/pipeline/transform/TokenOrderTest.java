package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TokenOrderTest {
  private static final QueryTable USER_SESSION = Tables.seed(Tables.USER_SESSION);

  /** userid, sessionid, iteminsession, artist, song, firstname, lastname, writetime_micros. */
  private static Dataset<Row> projected(List<Row> rows) {
    StructType schema = new StructType()
        .add("userid", DataTypes.IntegerType).add("sessionid", DataTypes.IntegerType).add("iteminsession", DataTypes.IntegerType)
        .add("artist", DataTypes.StringType).add("song", DataTypes.StringType).add("firstname", DataTypes.StringType)
        .add("lastname", DataTypes.StringType).add("writetime_micros", DataTypes.LongType);
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  @Test
  void eachPartitionHoldsATokenRangeSortedByTokenKeyAndClusteringWithTheColumnsUnchanged() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // a stand-in for the token: 7 - userid, so that token order is the reverse of user order
      rows.add(RowFactory.create(i % 9, 100 + i % 4, 50 - i, "a" + i, "s" + i, "f", "l", (long) i));
    }
    Dataset<Row> ordered = TokenOrder.of(USER_SESSION, projected(rows), col("userid").multiply(-1).plus(7).cast("long"), 3);

    assertEquals(List.of(projected(rows).columns()), List.of(ordered.columns()), "no token column left");
    List<List<Row>> partitions = ordered.javaRDD().glom().collect();
    assertEquals(3, partitions.size());
    assertEquals(rows.size(), partitions.stream().mapToInt(List::size).sum());
    Comparator<Row> sstableOrder = Comparator.<Row>comparingLong(r -> 7L - r.getInt(0))
        .thenComparingInt(r -> r.getInt(0)).thenComparingInt(r -> r.getInt(1)).thenComparingInt(r -> r.getInt(2));
    long previousMax = Long.MIN_VALUE;
    for (List<Row> partition : partitions) {
      List<Row> sorted = new ArrayList<>(partition);
      sorted.sort(sstableOrder);
      assertEquals(sorted, partition, "rows in SSTable order");
      if (!partition.isEmpty()) {
        long min = 7L - partition.get(0).getInt(0);
        assertTrue(min > previousMax, "token ranges of the tasks do not overlap");
        previousMax = 7L - partition.get(partition.size() - 1).getInt(0);
      }
    }
  }
}
