package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class KeyConflictsTest {

  @Test
  void aKeyClaimedWithDifferentContentIsAConflictAndAnIdenticalRepeatIsNot() {
    QueryTable sessionItem = Tables.seed(Tables.SESSION_ITEM);
    QueryTable userSession = Tables.seed(Tables.USER_SESSION);
    Dataset<Row> songs = SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106798"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106799"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "4", "1541106106800")), Tables.seedKeys())));

    List<Row> conflicts = KeyConflicts.of(sessionItem, songs).collectAsList();
    assertEquals(1, conflicts.size());
    assertEquals(10, (int) conflicts.get(0).getAs("sessionid"));
    assertEquals(0, (int) conflicts.get(0).getAs("iteminsession"));
    assertEquals(2L, (long) conflicts.get(0).getAs(KeyConflicts.ROWS));

    assertEquals(1, KeyConflicts.of(userSession, songs).count(), "user 4 has its own key");
  }

  @Test
  void countsGiveEveryTableItsConflictingKeys() {
    QueryTable sessionItem = Tables.seed(Tables.SESSION_ITEM);
    QueryTable userSession = Tables.seed(Tables.USER_SESSION);
    Dataset<Row> songs = SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106798"),
        EventRows.song("Muse", "Hysteria", "227.0", "11", "0", "3", "1541106106799"),
        EventRows.song("Muse", "Hysteria", "227.0", "11", "0", "3", "1541106106800")), Tables.seedKeys())));

    Map<String, Long> counts = new TreeMap<>();
    KeyConflicts.counts(List.of(sessionItem, userSession), songs).collectAsList()
        .forEach(row -> counts.put(row.getAs(KeyConflicts.TABLE), row.getAs(KeyConflicts.KEYS)));
    // (10, 0) twice with two songs; (11, 0) twice with one: only the first conflicts, in both tables
    assertEquals(Map.of(Tables.SESSION_ITEM, 1L, Tables.USER_SESSION, 1L), counts);
    assertEquals(Map.of(Tables.SESSION_ITEM, 0L), KeyConflicts.counts(List.of(sessionItem), songs.limit(1)).collectAsList().stream()
        .collect(java.util.stream.Collectors.toMap(row -> row.<String>getAs(KeyConflicts.TABLE), row -> row.<Long>getAs(KeyConflicts.KEYS))),
        "a table without conflicts is counted too, as 0");
  }

  @Test
  void aTableOfKeysOnlyHasNoConflicts() {
    QueryTable keysOnly = new QueryTable("plays", List.of("userId"), List.of("ts"), List.of(), true, java.util.Optional.empty());
    Dataset<Row> songs = SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "3", "1541106106796")), Tables.keys(List.of(keysOnly)))));
    assertEquals(0, KeyConflicts.of(keysOnly, songs).count());
  }

  @Test
  void examplesShowEveryContentOfAConflictingKey() {
    QueryTable sessionItem = Tables.seed(Tables.SESSION_ITEM);
    Dataset<Row> songs = SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797")), Tables.seedKeys())));
    List<Row> variants = KeyConflicts.variants(sessionItem, songs, KeyConflicts.of(sessionItem, songs)).collectAsList();
    assertEquals(List.of("sessionid=10, iteminsession=0: (Muse, Starlight, 240.0) | (Muse, Uprising, 304.8)"),
        com.sparkify.pipeline.report.ConflictExamples.lines(variants, QueryTable.stored(sessionItem.primaryKey())));
  }
}
