package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.DirtyLogs;
import com.sparkify.testing.DirtyText;
import com.sparkify.testing.LogFolder;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.Tables;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * --write-mode sstable against the same input as --write-mode cql, into keyspaces of their own: the shipped
 * sample, and a log of dirty text and conflicting keys with a third table keyed on text. Every table must hold
 * the same rows with the same write times in both modes, the reports must agree, a rerun changes nothing, and
 * the SSTable folders are gone after every run. A node lost before the streaming: {@link ClusterFaultsIT}.
 */
@ExtendWith(TestCassandra.class)
class SSTableModeIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  @TempDir static Path work;
  private static Path sstableWork;
  private static Path dirty;
  private static CqlSession cql;
  private static RunReport sampleCql;
  private static RunReport sampleSSTable;
  private static RunReport dirtySSTable;
  private static List<RunReport> capitals;

  @BeforeAll
  static void loadBothWays() throws IOException {
    sstableWork = Files.createDirectories(work.resolve("sstables"));
    dirty = Files.createDirectories(work.resolve("dirty"));
    DirtyLogs.conflictingKeys(new LogFolder(dirty));
    cql = TestCassandra.session();
    for (String keyspace : List.of("it_sst_sample_cql", "it_sst_sample_sstable", "it_sst_dirty_cql", "it_sst_dirty_sstable",
        "it_sst_capitals_cql", "it_sst_capitals_sstable")) {
      cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }
    sampleCql = run("it_sst_sample_cql", PROJECT.resolve("data"), "cql");
    sampleSSTable = run("it_sst_sample_sstable", PROJECT.resolve("data"), "sstable");
    run("it_sst_dirty_cql", dirty, "cql");
    dirtySSTable = run("it_sst_dirty_sstable", dirty, "sstable");
    capitals = List.of(run("IT_Sst_Capitals_Cql", dirty, "cql"), run("IT_Sst_Capitals_SSTable", dirty, "sstable"));
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  private static RunReport run(String keyspace, Path input, String mode, String... more) throws IOException {
    Path config = Files.writeString(work.resolve(keyspace + ".conf"), Tables.USERS_BY_SONG_CONF);
    List<String> args = new ArrayList<>(List.of("--input", input.toString(),
        "--output", work.resolve(keyspace + "/events.csv").toString(), "--config", config.toString(),
        "--write-mode", mode, "-Dsparkify.cassandra.sstable.work-dir=" + sstableWork));
    args.addAll(List.of(more));
    return new PipelineRun(SharedSpark.spark(), TestCassandra.settings(keyspace, args.toArray(String[]::new))).run();
  }

  private static List<QueryTable> tables() throws IOException {
    Path config = Files.writeString(work.resolve("tables.conf"), Tables.USERS_BY_SONG_CONF);
    return TestCassandra.settings("any", "--config", config.toString()).cassandra().enabledTables();
  }

  @Test
  void onTheSampleEveryTableHoldsTheSameRowsWrittenAtTheSameTimesAsInCqlMode() throws IOException {
    for (QueryTable table : tables()) {
      List<String> viaCql = TestCassandra.dumpWithWriteTimes(cql, "it_sst_sample_cql", table);
      assertFalse(viaCql.isEmpty(), table.name());
      assertEquals(viaCql, TestCassandra.dumpWithWriteTimes(cql, "it_sst_sample_sstable", table), table.name());
    }
  }

  @Test
  void dirtyTextAndConflictingKeysComeOutAsInCqlMode() throws IOException {
    for (QueryTable table : tables()) {
      List<String> viaCql = TestCassandra.dumpWithWriteTimes(cql, "it_sst_dirty_cql", table);
      assertEquals(viaCql, TestCassandra.dumpWithWriteTimes(cql, "it_sst_dirty_sstable", table), table.name());
    }
    // and what cql mode holds is what the rules say: later event, and of equal times the later line
    Row later = cql.execute("SELECT song, WRITETIME(song) FROM it_sst_dirty_sstable.events_by_session_item_index"
        + " WHERE sessionId = 701 AND itemInSession = 0").one();
    assertEquals("Later wins", later.getString(0));
    assertEquals(1541110009000L * 1000, later.getLong(1));
    Row tie = cql.execute("SELECT song, WRITETIME(song) FROM it_sst_dirty_sstable.events_by_session_item_index"
        + " WHERE sessionId = 702 AND itemInSession = 0").one();
    assertEquals("Second line wins", tie.getString(0));
    assertEquals(1541110005000L * 1000 + 1, tie.getLong(1));
    // dirty keys of text: each song title, edge spaces and line breaks included, is its own partition
    for (String title : DirtyText.VALUES) {
      assertEquals(1, cql.execute("SELECT userId FROM it_sst_dirty_sstable.users_by_song WHERE song = ?", title).all().size(), title);
    }
  }

  @Test
  void theReportsAgreeAndTheSSTableRunSaysWhatItStreamed() {
    for (RunReport sstable : List.of(sampleSSTable, dirtySSTable)) {
      assertEquals(ExitStatus.OK, sstable.status());
      RunReport.Document document = sstable.document();
      assertEquals("sstable", document.writeMode());
      assertEquals(3, document.sstables().size(), "one line per table");
      document.sstables().forEach((table, load) -> {
        assertTrue(load.files() >= 1 && load.tasks() >= 1, table + ": " + load);
        assertTrue(load.bytes() > 0, table + ": " + load);
        assertEquals(List.of("127.0.0.1:" + TestCassandra.STORAGE_PORT), load.replicas(), table);
      });
    }
    RunReport.Document cqlRun = sampleCql.document();
    RunReport.Document sstableRun = sampleSSTable.document();
    assertEquals("cql", cqlRun.writeMode());
    assertNull(cqlRun.sstables());
    assertEquals(cqlRun.rowsWritten(), sstableRun.rowsWritten());
    assertEquals(6_800L, sstableRun.rowsWritten().get("events_by_session_item_index"));
    assertEquals(cqlRun.rowsConsolidated(), sstableRun.rowsConsolidated());
    assertEquals(cqlRun.keyConflicts(), sstableRun.keyConflicts());
    assertFolderEmpty(sstableWork);
  }

  /** Cassandra folds the unquoted name to lower case: both modes write into the keyspace of that name. */
  @Test
  void aKeyspaceWrittenWithCapitalsIsTheOneCassandraStoresInBothModes() throws IOException {
    for (RunReport report : capitals) {
      assertEquals(ExitStatus.OK, report.status());
      assertEquals(dirtySSTable.document().rowsWritten(), report.document().rowsWritten());
    }
    for (QueryTable table : tables()) {
      List<String> expected = TestCassandra.dumpWithWriteTimes(cql, "it_sst_dirty_cql", table);
      assertFalse(expected.isEmpty(), table.name());
      assertEquals(expected, TestCassandra.dumpWithWriteTimes(cql, "it_sst_capitals_cql", table), table.name());
      assertEquals(expected, TestCassandra.dumpWithWriteTimes(cql, "it_sst_capitals_sstable", table), table.name());
    }
  }

  @Test
  void aRerunChangesNothing() throws IOException {
    List<QueryTable> tables = tables();
    List<List<String>> before = new ArrayList<>();
    for (QueryTable table : tables) {
      before.add(TestCassandra.dumpWithWriteTimes(cql, "it_sst_dirty_sstable", table));
    }
    assertEquals(ExitStatus.OK, run("it_sst_dirty_sstable", dirty, "sstable").status());
    for (int i = 0; i < tables.size(); i++) {
      assertEquals(before.get(i), TestCassandra.dumpWithWriteTimes(cql, "it_sst_dirty_sstable", tables.get(i)));
    }
    assertFolderEmpty(sstableWork);
  }

  private static void assertFolderEmpty(Path folder) {
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(), left.toList(), "SSTable folders left in " + folder);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
