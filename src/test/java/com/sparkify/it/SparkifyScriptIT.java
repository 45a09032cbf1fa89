package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.StrictCsv;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command as a user runs it: a separate process, on the shipped sample in data/. */
@ExtendWith(TestCassandra.class)
class SparkifyScriptIT {

  @TempDir Path work;

  @Test
  void runPrintsTheSummaryAndTheExampleQueriesFromTheSample() throws Exception {
    ScriptRun run = sparkify("run", "--output", work.resolve("events.csv").toString());
    assertEquals(0, run.exit(), run.output());
    assertTrue(Pattern.compile("(?m)^rows read +8,000$").matcher(run.output()).find(), run.output());
    assertTrue(Pattern.compile("(?m)^rows in events.csv +6,800$").matcher(run.output()).find(), run.output());
    // the example queries ask for the keys of the first row of events.csv: data/2018-11-01-events.csv's first song
    assertTrue(run.output().contains("WHERE sessionId = 1 AND itemInSession = 0:"), run.output());
    assertTrue(Pattern.compile("(?m)^Muse +\\| Song 2 \\(\"Woo-Hoo\" Mix\\) \\| 192.43888$").matcher(run.output()).find(), run.output());
    assertTrue(run.output().contains("WHERE userId = 59 AND sessionId = 1:"), run.output());
    assertTrue(Pattern.compile("(?m)^1 +\\| Bon Jovi +\\| Revelry +\\| Kevin +\\| Hill$").matcher(run.output()).find(), run.output());
    assertEquals(6_801, Files.readAllLines(work.resolve("events.csv")).size());
    assertTrue(run.output().contains("sparkify: OK rows_read=8000 rows_consolidated=6800 rows_without_artist=1200 rows_rejected=0"), run.output());
    String report = Files.readString(work.resolve("events.report.json"));
    assertTrue(report.contains("\"rows_read\" : 8000"), report);
    assertFalse(run.output().contains(TestCassandra.PASSWORD), "the password is never printed");
    assertFalse(report.contains(TestCassandra.PASSWORD), "the password is never in the report");
  }

  @Test
  void aDryRunAndHelpEndWellAndAskNothing() throws Exception {
    ScriptRun dry = sparkify("run", "--dry-run", "--output", work.resolve("events.csv").toString());
    assertEquals(0, dry.exit(), dry.output());
    assertTrue(dry.output().contains("(dry run: nothing was written, so no example queries)"), dry.output());
    assertFalse(dry.output().contains("WHERE"), dry.output());
    assertFalse(Files.exists(work.resolve("events.csv")));

    ScriptRun help = sparkify("run", "--help");
    assertEquals(0, help.exit(), help.output());
    assertTrue(help.output().startsWith("Usage: sparkify "), help.output());
    assertFalse(help.output().contains("WHERE"), help.output());
  }

  @Test
  void aDailyRunAsksForKeysOfThatDay() throws Exception {
    Path day = work.resolve("daily/events.csv");
    ScriptRun run = sparkify("run", "--date", "2018-11-05", "--output", day.toString());
    assertEquals(0, run.exit(), run.output());
    List<String> first = StrictCsv.read(day).get(1);
    String session = first.get(EventColumns.NAMES.indexOf("sessionId"));
    String item = first.get(EventColumns.NAMES.indexOf("itemInSession"));
    assertTrue(run.output().contains("WHERE sessionId = " + session + " AND itemInSession = " + item + ":"), run.output());
    assertFalse(run.output().contains("(no row"), run.output());
  }

  @Test
  void aRefusedLoginSaysSoWithoutThePassword() throws Exception {
    ScriptRun refused = sparkify(Map.of("SPARKIFY_CASSANDRA_PASSWORD", "wrong-Pw-4c2d"), "run", "--output", work.resolve("events.csv").toString());
    assertEquals(5, refused.exit(), refused.output());
    assertTrue(refused.output().contains("refused the login of user 'sparkify_it'"), refused.output());
    assertFalse(refused.output().contains("wrong-Pw-4c2d"), refused.output());
    assertFalse(refused.output().contains("\tat "), "no stack trace: " + refused.output());
  }

  @Test
  void queryAnswersAndSaysWhenThereIsNoRow() throws Exception {
    assertEquals(0, sparkify("run", "--output", work.resolve("events.csv").toString()).exit());
    ScriptRun found = sparkify("query", "session-item", "2", "6");
    assertTrue(found.output().contains("Mötley Crüe | No One | 396.46566"), found.output());
    ScriptRun missing = sparkify("query", "session-item", "2", "9999");
    assertEquals(0, missing.exit(), missing.output());
    assertTrue(missing.output().contains("(no row: nothing was recorded for sessionId = 2 AND itemInSession = 9999)"), missing.output());
    assertEquals(2, sparkify("query", "session-item", "two", "6").exit());
  }

  @Test
  void failuresEndWithOneLineAndTheirExitCode() throws Exception {
    ScriptRun noInput = sparkify("run", "--input", work.resolve("missing").toString());
    assertEquals(3, noInput.exit(), noInput.output());
    assertTrue(noInput.output().contains("sparkify: input folder " + work.resolve("missing") + " does not exist (--input)"), noInput.output());
    assertTrue(!noInput.output().contains("\tat "), "no stack trace: " + noInput.output());

    ScriptRun badFlag = sparkify("run", "--inptu", "x");
    assertEquals(2, badFlag.exit(), badFlag.output());
    assertTrue(badFlag.output().contains("unknown option '--inptu'"), badFlag.output());
  }

  /**
   * The class archive that speeds up later starts is written by the first run that succeeds, under its own name
   * until then, and then used as it is: a failed run leaves none, and the JVM takes the archive without a warning.
   */
  @Test
  void theFirstRunThatSucceedsArchivesItsClassesForTheNextRuns() throws Exception {
    Path archive = work.resolve("classes.jsa");
    Map<String, String> withArchive = Map.of("SPARKIFY_CLASS_ARCHIVE", archive.toString());

    ScriptRun failed = sparkify(withArchive, "run", "--input", work.resolve("missing").toString());
    assertEquals(3, failed.exit(), failed.output());
    assertFalse(Files.exists(archive), "a failed run's few classes are not archived");

    ScriptRun first = sparkify(withArchive, "run", "--output", work.resolve("events.csv").toString());
    assertEquals(0, first.exit(), first.output());
    assertTrue(first.output().contains("this run also archives the classes it loads"), first.output());
    assertTrue(Files.size(archive) > 10 << 20, "an archive of the job's classes: " + Files.size(archive) + " bytes");
    FileTime written = Files.getLastModifiedTime(archive);

    ScriptRun second = sparkify(withArchive, "run", "--output", work.resolve("events.csv").toString());
    assertEquals(0, second.exit(), second.output());
    assertFalse(second.output().contains("archives the classes"), second.output());
    assertFalse(second.output().contains("[warning][cds"), "the JVM maps the archive: " + second.output());
    assertEquals(written, Files.getLastModifiedTime(archive), "a current archive is used, not written again");
    try (Stream<Path> files = Files.list(work)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("classes.jsa.")).toList(),
          "no archive is left under its temporary name");
    }
  }

  /** The script with the test node's settings and a keyspace of this test's own. */
  private ScriptRun sparkify(String... args) throws IOException, InterruptedException {
    return sparkify(Map.of(), args);
  }

  private ScriptRun sparkify(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = ScriptRun.sparkify(args);
    command.addAll(TestCassandra.scriptArgs("it_script", work));
    return ScriptRun.of(work, command, env -> {
      env.putAll(TestCassandra.environment());
      env.putAll(environment);
    });
  }
}
