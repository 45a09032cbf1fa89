package com.sparkify.pipeline.transform;

import com.sparkify.testing.EventRows;
import com.sparkify.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QueryTablesTest {
  private final Dataset<Row> events = TypedEvents.from(EventRows.text(
      EventRows.song("Weird Al\" Yankovic", "Amish Paradise", "200.5", "338", "4", "12", "1541106106796")));

  @Test
  void theWriteTimeIsTheEventTimeInMicroseconds() {
    Dataset<Row> untimed = TypedEvents.from(EventRows.text(EventRows.song("Muse", "Uprising", "1.0", "1", "0", "3", null)));
    org.junit.jupiter.api.Assertions.assertEquals(0L, (long) QueryTables.sessionItem(untimed).first().getAs("writetime_micros"));
  }

  @Test
  void sessionItemHasTheTableColumnsLowerCased() {
    StructType schema = new StructType()
        .add("sessionid", DataTypes.IntegerType)
        .add("iteminsession", DataTypes.IntegerType)
        .add("artist", DataTypes.StringType)
        .add("song", DataTypes.StringType)
        .add("length", DataTypes.DoubleType)
        .add("writetime_micros", DataTypes.LongType, false);
    SharedSpark.assertSameRows(
        SharedSpark.spark().createDataFrame(
            List.of(RowFactory.create(338, 4, "Weird Al\" Yankovic", "Amish Paradise", 200.5, 1541106106796000L)), schema),
        QueryTables.sessionItem(events));
  }

  @Test
  void userSessionHasTheTableColumnsLowerCased() {
    StructType schema = new StructType()
        .add("userid", DataTypes.IntegerType)
        .add("sessionid", DataTypes.IntegerType)
        .add("iteminsession", DataTypes.IntegerType)
        .add("artist", DataTypes.StringType)
        .add("song", DataTypes.StringType)
        .add("firstname", DataTypes.StringType)
        .add("lastname", DataTypes.StringType)
        .add("writetime_micros", DataTypes.LongType, false);
    SharedSpark.assertSameRows(
        SharedSpark.spark().createDataFrame(
            List.of(RowFactory.create(12, 338, 4, "Weird Al\" Yankovic", "Amish Paradise", "Ann", "Lee", 1541106106796000L)), schema),
        QueryTables.userSession(events));
  }
}
