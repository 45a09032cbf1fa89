package com.sparkify.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers, each its own JVM, run from the Spark
 * jars Maven resolved into target/spark-home. Closing it stops them and whatever they started.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  public static final Path SPARK_HOME = PROJECT.resolve("target/spark-home");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern ALIVE = Pattern.compile("\"state\" : \"ALIVE\"");
  private static final Pattern FINISHED_TASK = Pattern.compile("Finished task ");

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> workerDirs = new ArrayList<>();
  private String masterUrl;

  private StandaloneCluster(Path home) {
    this.home = home;
  }

  /** @param workerCores cores each of the two Workers offers */
  public static StandaloneCluster start(Path home, int workerCores) throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(home);
    try {
      cluster.launch(workerCores);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(int workerCores) throws IOException, InterruptedException {
    Files.createDirectories(home);
    int port = freePort();
    int webUi = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    processes.add(spark("master", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(webUi)));
    for (int i = 1; i <= 2; i++) {
      Path work = home.resolve("worker-" + i);
      workerDirs.add(work);
      processes.add(spark("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", Integer.toString(workerCores), "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(),
          masterUrl));
    }
    awaitWorkers(URI.create("http://127.0.0.1:" + webUi + "/json/"), 2);
  }

  private Process spark(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(List.of(Files.readString(PROJECT.resolve("target/spark-jvm.options")).trim().split("\\s+")));
    command.addAll(List.of("-Xmx256m", "-cp", SPARK_HOME.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve(name + ".log").toFile());
    // a Worker builds its executors' command from these, as a distribution's scripts would set them
    builder.environment().put("SPARK_HOME", SPARK_HOME.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private void awaitWorkers(URI masterJson, int workers) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      processes.forEach(p -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Spark process ended at start; see the logs in " + home);
        }
      });
      try {
        String state = http.send(HttpRequest.newBuilder(masterJson).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (ALIVE.matcher(state).results().count() >= workers) {
          return;
        }
      } catch (IOException notYet) {
        // the Master's web UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the standalone cluster did not have " + workers + " workers in " + START_TIMEOUT
        + "; see the logs in " + home);
  }

  public String masterUrl() {
    return masterUrl;
  }

  /** For each application the Workers ran executors for: tasks finished per Worker, from the executors' logs. */
  public Map<String, Map<String, Long>> finishedTasks() throws IOException {
    Map<String, Map<String, Long>> byApp = new TreeMap<>();
    for (Path worker : workerDirs) {
      if (!Files.isDirectory(worker)) {
        continue;
      }
      try (Stream<Path> apps = Files.list(worker)) {
        for (Path app : apps.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
          long tasks = 0;
          try (Stream<Path> executors = Files.list(app)) {
            for (Path stderr : executors.map(e -> e.resolve("stderr")).filter(Files::exists).toList()) {
              Matcher finished = FINISHED_TASK.matcher(Files.readString(stderr));
              tasks += finished.results().count();
            }
          }
          byApp.computeIfAbsent(app.getFileName().toString(), a -> new TreeMap<>())
              .put(worker.getFileName().toString(), tasks);
        }
      }
    }
    return byApp;
  }

  /** Stops Workers before the Master, and every executor or driver JVM they started. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
