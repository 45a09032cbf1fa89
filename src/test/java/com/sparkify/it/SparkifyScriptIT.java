package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.testing.ScriptRun;
import com.sparkify.testing.TestCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command as a user runs it: a separate process, on the shipped sample in data/. */
@ExtendWith(TestCassandra.class)
class SparkifyScriptIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();

  @TempDir Path work;

  @Test
  void runPrintsTheSummaryAndTheExampleQueriesFromTheSample() throws Exception {
    ScriptRun run = sparkify("run", "--output", work.resolve("events.csv").toString());
    assertEquals(0, run.exit(), run.output());
    assertTrue(Pattern.compile("(?m)^rows read +8,000$").matcher(run.output()).find(), run.output());
    assertTrue(Pattern.compile("(?m)^rows in events.csv +6,800$").matcher(run.output()).find(), run.output());
    // the README's examples, from data/
    assertTrue(run.output().contains("\"Weird Al\" Yankovic | Smells Like Teen Spirit | 274.76333"), run.output());
    assertTrue(run.output().contains("3             | Hüsker Dü                | Flat 55        | Chase     | Rodriguez"), run.output());
    assertEquals(6_801, Files.readAllLines(work.resolve("events.csv")).size());
    assertTrue(run.output().contains("sparkify: OK rows_read=8000 rows_consolidated=6800 rows_without_artist=1200 rows_rejected=0"), run.output());
    String report = Files.readString(work.resolve("events.report.json"));
    assertTrue(report.contains("\"rows_read\" : 8000"), report);
    assertFalse(run.output().contains(TestCassandra.PASSWORD), "the password is never printed");
    assertFalse(report.contains(TestCassandra.PASSWORD), "the password is never in the report");
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

  /** The script with the test node's settings and a keyspace of this test's own. */
  private ScriptRun sparkify(String... args) throws IOException, InterruptedException {
    return sparkify(Map.of(), args);
  }

  private ScriptRun sparkify(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("scripts/sparkify").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of(TestCassandra.settingsArgs("it_script")));
    return ScriptRun.of(work, command, env -> {
      env.putAll(TestCassandra.environment());
      env.putAll(environment);
    });
  }
}
