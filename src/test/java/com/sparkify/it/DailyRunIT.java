package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.testing.AirflowDag;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.TestCassandra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily runs as the Airflow DAG starts them (its exact arguments, rendered for a day): only that day's file,
 * into that day's folder, idempotent; and a dry run that writes nothing anywhere.
 */
@ExtendWith(TestCassandra.class)
class DailyRunIT {
  private static final String KEYSPACE = "it_daily";
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();

  @TempDir Path work;

  @Test
  void eachDayWritesOnlyItsOwnOutputsAndARerunChangesNothing() throws Exception {
    Path days = work.resolve("daily");
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);

      RunReport fifth = runDay("2018-11-05", days);
      long fifthSongRows = songRows(PROJECT.resolve("data/2018-11-05-events.csv"));
      assertEquals(fifthSongRows, fifth.document().rowsConsolidated());
      assertEquals(fifthSongRows, count(cql));
      Path fifthCsv = days.resolve("2018-11-05/events.csv");
      byte[] fifthBytes = Files.readAllBytes(fifthCsv);
      FileTime fifthWritten = Files.getLastModifiedTime(fifthCsv);

      RunReport sixth = runDay("2018-11-06", days);
      assertEquals(songRows(PROJECT.resolve("data/2018-11-06-events.csv")), sixth.document().rowsConsolidated());
      assertEquals(fifthSongRows + sixth.document().rowsConsolidated(), count(cql));
      assertEquals(fifthWritten, Files.getLastModifiedTime(fifthCsv), "another day's run leaves this day's file alone");

      RunReport again = runDay("2018-11-05", days);
      assertEquals(fifthSongRows, again.document().rowsConsolidated());
      assertEquals(fifthSongRows + sixth.document().rowsConsolidated(), count(cql), "a rerun upserts the same keys");
      assertArrayEquals(fifthBytes, Files.readAllBytes(fifthCsv), "a rerun writes the same file");
      try (Stream<Path> folders = Files.list(days)) {
        assertEquals(List.of("2018-11-05", "2018-11-06"), folders.map(p -> p.getFileName().toString()).sorted().toList());
      }
    }
  }

  @Test
  void aDryRunReadsAndChecksButWritesNothing() throws Exception {
    String keyspace = "it_dry_run";
    try (CqlSession cql = TestCassandra.session()) {
      cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
      Path out = work.resolve("dry");
      RunReport report = new PipelineRun(SharedSpark.spark(), TestCassandra.settings(keyspace,
          "--input", PROJECT.resolve("data").toString(), "--output", out.resolve("events.csv").toString(), "--dry-run")).run();
      assertEquals(8_000, report.document().rowsRead());
      assertEquals(6_800, report.document().rowsConsolidated());
      String lines = String.join("\n", report.lines());
      assertTrue(lines.matches("(?s).*dry run: nothing written; Cassandra would get +keyspace " + keyspace + "\n.*"), lines);
      assertFalse(Files.exists(out), "no file is written, not even the report");
      assertTrue(cql.getMetadata().getKeyspace(keyspace).isEmpty(), "no keyspace is created");
    }
  }

  /** One day's run with the DAG's arguments for that day, pointed at the test node. */
  private RunReport runDay(String ds, Path days) throws Exception {
    JsonNode dag = AirflowDag.render(ds, days, work.resolve("dag-" + ds + "-" + System.nanoTime()));
    RunReport report = new PipelineRun(SharedSpark.spark(), TestCassandra.settings(KEYSPACE, AirflowDag.jobArguments(dag))).run();
    JsonNode written = new ObjectMapper().readTree(Path.of(dag.at("/tasks/0/returned").asText()).toFile());
    assertEquals(ds, written.at("/date").asText(), "the report the task returns is this day's");
    assertEquals("OK", written.at("/exit_status/name").asText());
    return report;
  }

  private static long count(CqlSession cql) {
    return cql.execute("SELECT count(*) FROM " + KEYSPACE + ".events_by_session_item_index").one().getLong(0);
  }

  /** Rows with an artist in one of the shipped sample files: the first column of every data line. */
  private static long songRows(Path file) throws Exception {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.skip(1).filter(line -> !line.startsWith(",")).count();
    }
  }
}
