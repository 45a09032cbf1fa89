package com.sparkify.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.Tables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class KeyConflictsTest {
  /** The song rows of these events, rejected by the keys given as the job would. */
  private static Dataset<Row> songs(Set<String> keys, Row... events) {
    return SongRows.keep(TypedEvents.from(Rejections.withReason(EventRows.parsed(events), keys, Tables.tsRange())));
  }

  /**
   * Session 10: item 0 claimed with two songs; item 1 claimed three times with one song, twice by user 3 and once
   * by user 4.
   */
  private static Dataset<Row> oneConflictPerSeedTable() {
    return songs(Tables.seedKeys(),
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106798"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "3", "1541106106799"),
        EventRows.song("Muse", "Hysteria", "227.0", "10", "1", "4", "1541106106800"));
  }

  @Test
  void aKeyClaimedWithDifferentContentIsAConflictAndAnIdenticalRepeatIsNot() {
    QueryTable sessionItem = Tables.seed(Tables.SESSION_ITEM);
    QueryTable userSession = Tables.seed(Tables.USER_SESSION);
    Dataset<Row> songs = oneConflictPerSeedTable();

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
    Dataset<Row> songs = oneConflictPerSeedTable();

    Map<String, Long> counts = new TreeMap<>();
    KeyConflicts.counts(List.of(sessionItem, userSession), songs).collectAsList()
        .forEach(row -> counts.put(row.getAs(KeyConflicts.TABLE), row.getAs(KeyConflicts.KEYS)));
    // (10, 0) with two songs conflicts in both tables; (10, 1) only in the session-item one, where users 3 and 4
    // claim it with the same song: no conflict
    assertEquals(Map.of(Tables.SESSION_ITEM, 1L, Tables.USER_SESSION, 1L), counts);
    assertEquals(Map.of(Tables.SESSION_ITEM, 0L), KeyConflicts.counts(List.of(sessionItem), songs.limit(1)).collectAsList().stream()
        .collect(java.util.stream.Collectors.toMap(row -> row.<String>getAs(KeyConflicts.TABLE), row -> row.<Long>getAs(KeyConflicts.KEYS))),
        "a table without conflicts is counted too, as 0");
  }

  @Test
  void aNullInOneColumnIsNotTheSameContentAsANullInTheNext() {
    QueryTable userSession = Tables.seed(Tables.USER_SESSION);
    List<String> noFirstName = new java.util.ArrayList<>(
        EventRows.songFields("Bj\u00f6rk", " J\u00f3ga ", "305.0", "10", "0", "3", "1.54111E+12"));
    List<String> noLastName = new java.util.ArrayList<>(noFirstName);
    noFirstName.set(2, null); // firstName
    noFirstName.set(5, "Lee"); // lastName
    noLastName.set(2, "Lee");
    noLastName.set(5, null);
    Dataset<Row> songs = songs(Tables.seedKeys(),
        org.apache.spark.sql.RowFactory.create(noFirstName.toArray()), org.apache.spark.sql.RowFactory.create(noLastName.toArray()));
    assertEquals(1, KeyConflicts.of(userSession, songs).count(), "(null, Lee) and (Lee, null) differ");
  }

  @Test
  void aTableOfKeysOnlyHasNoConflicts() {
    QueryTable keysOnly = new QueryTable("plays", List.of("userId"), List.of("ts"), List.of(), true, java.util.Optional.empty());
    Dataset<Row> songs = songs(Tables.keys(List.of(keysOnly)),
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Björk", "Jóga", "305.0", "11", "0", "3", "1541106106796"));
    assertEquals(0, KeyConflicts.of(keysOnly, songs).count());
  }

  @Test
  void examplesShowEveryContentOfAConflictingKey() {
    QueryTable sessionItem = Tables.seed(Tables.SESSION_ITEM);
    Dataset<Row> songs = songs(Tables.seedKeys(),
        EventRows.song("Muse", "Uprising", "304.8", "10", "0", "3", "1541106106796"),
        EventRows.song("Muse", "Starlight", "240.0", "10", "0", "3", "1541106106797"));
    List<Row> variants = KeyConflicts.variants(sessionItem, songs, KeyConflicts.of(sessionItem, songs)).collectAsList();
    assertEquals(List.of("sessionid=10, iteminsession=0: (Muse, Starlight, 240.0) | (Muse, Uprising, 304.8)"),
        com.sparkify.pipeline.report.ConflictExamples.lines(variants, QueryTable.stored(sessionItem.primaryKey())));
  }
}
