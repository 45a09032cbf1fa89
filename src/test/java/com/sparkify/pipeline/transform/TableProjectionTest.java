package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import com.sparkify.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TableProjectionTest {
  private static final QueryTable SESSION_ITEM = Tables.seed(Tables.SESSION_ITEM);
  private static final QueryTable USER_SESSION = Tables.seed(Tables.USER_SESSION);
  private static final long TS = 1541106106796L;

  private static Dataset<Row> songRows(Dataset<Row> parsed) {
    return SongRows.keep(TypedEvents.from(Rejections.withReason(parsed, Tables.seedKeys(), Tables.tsRange())));
  }

  private static Dataset<Row> songRows(Row... rows) {
    return songRows(EventRows.parsed(rows));
  }

  private static Row song(String song, int item, String ts) {
    return EventRows.song("Muse", song, "1.0", "1", Integer.toString(item), "3", ts);
  }

  /** Song → write time, of the session-item projection. */
  private static Map<String, Long> writeTimes(Dataset<Row> songRows) {
    Map<String, Long> times = new TreeMap<>();
    TableProjection.of(SESSION_ITEM, songRows).collectAsList()
        .forEach(row -> times.put(row.getAs("song"), row.getAs(TableProjection.WRITETIME)));
    return times;
  }

  @Test
  void theWriteTimeIsTheEventTimeInMicroseconds() {
    assertEquals(Map.of("a", TS * 1000, "b", (TS + 1) * 1000), writeTimes(songRows(song("a", 0, "" + TS), song("b", 1, "" + (TS + 1)))));
  }

  @Test
  void ofOneKeyTheLaterEventHasTheLaterWriteTimeWhereverItStands() {
    // the later event first in the input, and with the smaller value: neither order nor value may decide
    assertEquals(Map.of("A later", (TS + 5000) * 1000, "B earlier", TS * 1000),
        writeTimes(songRows(song("A later", 0, "" + (TS + 5000)), song("B earlier", 0, "" + TS))));
  }

  @Test
  void ofOneKeyAndOneTimeTheRowLaterInTheInputWins() {
    assertEquals(Map.of("Z first", TS * 1000, "Y second", TS * 1000 + 1, "X third", TS * 1000 + 2, "other key", TS * 1000),
        writeTimes(songRows(song("Z first", 0, "" + TS), song("other key", 1, "" + TS), song("Y second", 0, "" + TS),
            song("X third", 0, "" + TS))));
  }

  @Test
  void aLaterFileIsLaterInTheInput() {
    Dataset<Row> rows = songRows(EventRows.parsed("2018-11-02-events.csv", song("Z second day", 0, "" + TS)))
        .union(songRows(EventRows.parsed("2018-11-01-events.csv", song("Y first day", 0, "" + TS), song("X first day", 1, "" + TS))));
    assertEquals(Map.of("Y first day", TS * 1000, "X first day", TS * 1000, "Z second day", TS * 1000 + 1), writeTimes(rows));
  }

  @Test
  void tiesNeverReachTheNextMillisecond() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TableProjection.TIE_BREAK_LIMIT + 3; i++) {
      rows.add(song("tie " + i, 0, "" + TS));
    }
    Map<String, Long> times = writeTimes(songRows(rows.toArray(Row[]::new)));
    assertEquals(TS * 1000 + 998, times.get("tie 998"));
    assertEquals(TS * 1000 + TableProjection.TIE_BREAK_LIMIT, times.get("tie 999"));
    assertEquals(TS * 1000 + TableProjection.TIE_BREAK_LIMIT, times.get("tie 1001"));
  }

  private static final Row WEIRD_AL = EventRows.song("Weird Al\" Yankovic", "Amish Paradise", "200.5", "338", "4", "12", "" + TS);

  /** The table's columns under Cassandra's lower-cased names, typed from the event schema, then the write time. */
  private static void assertProjects(QueryTable table, StructType schema, Object... values) {
    SharedSpark.assertSameRows(
        SharedSpark.spark().createDataFrame(List.of(RowFactory.create(values)), schema.add(TableProjection.WRITETIME, DataTypes.LongType, true)),
        TableProjection.of(table, songRows(WEIRD_AL)));
  }

  @Test
  void sessionItemHasTheTableColumnsLowerCased() {
    assertProjects(SESSION_ITEM, new StructType()
            .add("sessionid", DataTypes.IntegerType).add("iteminsession", DataTypes.IntegerType)
            .add("artist", DataTypes.StringType).add("song", DataTypes.StringType).add("length", DataTypes.DoubleType),
        338, 4, "Weird Al\" Yankovic", "Amish Paradise", 200.5, TS * 1000);
  }

  @Test
  void userSessionHasTheTableColumnsLowerCased() {
    assertProjects(USER_SESSION, new StructType()
            .add("userid", DataTypes.IntegerType).add("sessionid", DataTypes.IntegerType).add("iteminsession", DataTypes.IntegerType)
            .add("artist", DataTypes.StringType).add("song", DataTypes.StringType)
            .add("firstname", DataTypes.StringType).add("lastname", DataTypes.StringType),
        12, 338, 4, "Weird Al\" Yankovic", "Amish Paradise", "Ann", "Lee", TS * 1000);
  }

  @Test
  void aDeclaredTableTakesItsTypesFromTheEventSchema() {
    QueryTable byArtist = new QueryTable("plays_by_artist", List.of("artist"), List.of("ts"), List.of("registration", "length"), true,
        java.util.Optional.empty());
    assertProjects(byArtist, new StructType()
            .add("artist", DataTypes.StringType).add("ts", DataTypes.LongType)
            .add("registration", DataTypes.LongType).add("length", DataTypes.DoubleType),
        "Weird Al\" Yankovic", TS, 1540920000000L, 200.5, TS * 1000);
  }
}
