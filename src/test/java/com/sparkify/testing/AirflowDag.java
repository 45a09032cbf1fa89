package com.sparkify.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The DAG in scripts/airflow as Airflow would run it for one day, read through a python3 harness that stands
 * in for Airflow (which cannot be installed here): the rendered arguments of its task and how it ends per exit
 * code of the job.
 */
public final class AirflowDag {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  public static final Path FILE = PROJECT.resolve("scripts/airflow/sparkify_daily.py");

  private AirflowDag() {}

  /** @param outputRoot where the DAG's runs put their day folders (SPARKIFY_OUTPUT_ROOT) */
  public static JsonNode render(String ds, Path outputRoot, Path work) throws IOException, InterruptedException {
    Path harness = Files.createDirectories(work).resolve("render_dag.py");
    try (var in = AirflowDag.class.getResourceAsStream("/airflow/render_dag.py")) {
      Files.copy(in, harness);
    }
    ProcessBuilder python = new ProcessBuilder("python3", harness.toString(), FILE.toString(), ds)
        .redirectError(work.resolve("render_dag.err").toFile());
    python.environment().put("SPARKIFY_HOME", PROJECT.toString());
    python.environment().put("SPARKIFY_OUTPUT_ROOT", outputRoot.toString());
    python.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = python.start();
    String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("the DAG could not be loaded:\n" + Files.readString(work.resolve("render_dag.err")));
    }
    return new ObjectMapper().readTree(json);
  }

  /** The arguments the DAG's only task passes to the job. */
  public static String[] jobArguments(JsonNode rendered) {
    List<String> args = new ArrayList<>();
    rendered.at("/tasks/0/application_args").forEach(arg -> args.add(arg.asText()));
    return args.toArray(String[]::new);
  }
}
