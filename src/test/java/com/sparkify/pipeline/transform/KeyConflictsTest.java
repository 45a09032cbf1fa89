package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.testing.EventRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class KeyConflictsTest {

  @Test
  void aKeyClaimedWithDifferentContentIsAConflictAndAnIdenticalRepeatIsNot() {
    Dataset<Row> songs = SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106798"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106799"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "4", "1541106106800")))));

    List<Row> sessionItem = KeyConflicts.of(
        QueryTables.sessionItem(songs), QueryTables.SESSION_ITEM_KEY, QueryTables.SESSION_ITEM_CONTENT).collectAsList();
    assertEquals(1, sessionItem.size());
    assertEquals(10, (int) sessionItem.get(0).getAs("sessionid"));
    assertEquals(0, (int) sessionItem.get(0).getAs("iteminsession"));
    assertEquals(2L, (long) sessionItem.get(0).getAs(KeyConflicts.ROWS));

    assertEquals(1, KeyConflicts.of(
        QueryTables.userSession(songs), QueryTables.USER_SESSION_KEY, QueryTables.USER_SESSION_CONTENT).count(),
        "user 4 has its own key");
  }
}
