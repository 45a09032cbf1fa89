package com.sparkify.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.testing.AirflowDag;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Airflow DAG compiles, and what it passes to the job is what the job's own parser accepts. */
class AirflowDagTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();

  @TempDir Path work;

  @Test
  void theDagFileCompilesWithPython3() throws Exception {
    Process python = new ProcessBuilder("python3", "-c",
        "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')", AirflowDag.FILE.toString())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes());
    python.waitFor(1, TimeUnit.MINUTES);
    assertEquals(0, python.exitValue(), output);
  }

  @Test
  void itsArgumentsForADayAreAcceptedByTheJobAndSelectThatDay() throws Exception {
    Path days = work.resolve("daily");
    JsonNode dag = AirflowDag.render("2018-11-05", days, work);
    assertEquals("@daily", dag.at("/dags/0/schedule").asText());
    JsonNode task = dag.at("/tasks/0");
    assertEquals("com.sparkify.pipeline.SparkifyJob", task.at("/java_class").asText());
    assertEquals(PROJECT.resolve("target/sparkify.jar").toString(), task.at("/application").asText());
    assertEquals(3, task.at("/retries").asInt());

    Settings settings = SettingsLoader.load(CommandLine.parse(AirflowDag.jobArguments(dag)), Map.of(), new Properties(), Optional.empty());
    assertEquals(LocalDate.of(2018, 11, 5), settings.day().orElseThrow().date());
    assertEquals("2018-11-05-events.csv", settings.day().orElseThrow().fileName());
    assertEquals(PROJECT.resolve("data").toString(), settings.input());
    assertEquals(days.resolve("2018-11-05/events.csv").toString(), settings.output());
    assertEquals(settings.report(), task.at("/returned").asText(), "the task returns the run's report path");
  }

  @Test
  void itFailsWithoutRetriesExactlyWhereTheJobSaysARetryCannotHelp() throws Exception {
    JsonNode outcomes = AirflowDag.render("2018-11-05", work, work).at("/tasks/0/on_exit_code");
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (ExitStatus status : ExitStatus.values()) {
      if (status != ExitStatus.OK) {
        String code = Integer.toString(status.code());
        expected.put(code, status.retryable() ? "retried" : "failed without retry");
        actual.put(code, outcomes.path(code).asText());
      }
    }
    assertEquals(expected, actual);
  }
}
