package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.SparkSessions;
import com.sparkify.pipeline.PipelineRun;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.tools.generate.EventLogGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/sparkify bench}: the job end to end against DataStax Bulk Loader, a raw Java-driver loader
 * and the seed's row-by-row INSERTs, side by side in one run against the same Cassandra.
 */
public final class BenchCommand {
  static final String USAGE =
      """
      Usage: sparkify bench [--rows N | --sizes N1,N2,...] [--nodes N] [--seed S] [--results DIR] [settings flags]
        --rows N        generated input rows (default 1000000)
        --sizes LIST    several sizes in one run, e.g. 1000000,10000000: the job at each, the peers at the first
        --nodes N       against a local cluster of N nodes (started if none answers), keyspaces at replication
                        factor min(N, 3): every row written to three nodes that share this machine's cores
        --seed S        generator seed (default 42); generated input is kept in target/bench and reused
        --results DIR   where the JSON and PNG go (default scripts/bench/results)
      Settings flags (--cassandra-host, -Dsparkify.cassandra.port=..., --config) choose the Cassandra, as for the job.
      """;
  private static final int SEED_SLICE = 20_000;
  private static final int RAW_IN_FLIGHT = 512;
  /**
   * The best DSBulk settings found here on a 100,000-row slice (defaults 15.2 s; bufferSize 4096 never
   * finished; batching off 25.5 s; bufferSize 1024 13.2 s; these 11.8 s).
   */
  static final List<String> DSBULK_BEST = List.of("--batch.bufferSize", "256", "--executor.maxInFlight", "2048");

  private final Path project = Path.of("").toAbsolutePath();
  private final Path work = project.resolve("target/bench");
  private final List<String> settingsArgs;
  private final long seed;

  private BenchCommand(List<String> settingsArgs, long seed) {
    this.settingsArgs = settingsArgs;
    this.seed = seed;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<Long> sizes = List.of(1_000_000L);
    long seed = 42;
    Path results = Path.of("scripts/bench/results");
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> sizes = List.of(Long.parseLong(args[++i]));
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(String::strip).map(Long::parseLong).toList();
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--nodes" -> rest.addAll(clusterSettings(Integer.parseInt(args[++i])));
        case "--results" -> results = Path.of(args[++i]);
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return;
        }
        default -> rest.add(args[i]);
      }
    }
    BenchCommand bench = new BenchCommand(rest, seed);
    bench.checkNodes();
    List<BenchResult> all = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      all.addAll(bench.measure(sizes.get(i), i == 0));
    }
    all.addAll(bench.sample());
    BenchReport.write(all, sizes, results);
  }

  /** The settings flags of --nodes N, as the scripts pass them to the local Cassandra tool too. */
  static List<String> clusterSettings(int nodes) {
    return List.of("-Dsparkify.local-cassandra.nodes=" + nodes,
        "-Dsparkify.cassandra.replication.replication-factor=" + Math.min(nodes, 3));
  }

  /** A bench for N nodes against fewer (a single node answering where the cluster's first would) measures nothing. */
  private void checkNodes() {
    Settings settings = settings("bench_ours");
    int wanted = settings.localCassandra().nodes();
    try (CqlSession session = tables(settings).openSession()) {
      int ring = session.getMetadata().getNodes().size();
      if (ring < wanted) {
        throw new IllegalStateException("bench --nodes " + wanted + " found a ring of " + ring + " node(s) at "
            + settings.cassandra().host() + ": stop that Cassandra first (scripts/sparkify cassandra stop)");
      }
      say("Cassandra: " + ring + " node(s), replication factor " + settings.cassandra().replication().replicationFactor());
    }
  }

  /** The job at this size, and the peers too when asked. */
  private List<BenchResult> measure(long size, boolean withPeers) throws Exception {
    Path input = generated(size);
    List<BenchResult> results = new ArrayList<>();
    Path output = work.resolve("out-" + size + "/events.csv");
    Settings ours = settings("bench_ours");
    drop(ours);
    say("our job on " + size + " rows");
    MeasuredProcess job = runJob(input, output, "bench_ours", "job-" + size);
    JsonNode report = new ObjectMapper().readTree(output.resolveSibling("events.report.json").toFile());
    long songRows = report.get("rows_consolidated").asLong();
    results.add(new BenchResult(BenchReport.OURS, size, songRows, seconds(job.wall()), job.peakRssKib() / 1024.0, false));
    double writeSeconds = report.get("timings_s").path(PipelineRun.WRITE_TABLES).asDouble();
    results.add(new BenchResult(BenchReport.OURS_WRITE, size, songRows, writeSeconds, 0, false));
    if (!withPeers) {
      return results;
    }

    Dsbulk dsbulk = new Dsbulk(project, work, ours.cassandra());
    for (boolean best : List.of(false, true)) {
      Settings peer = settings(best ? "bench_dsbulk_best" : "bench_dsbulk");
      recreate(peer);
      CassandraSchema schema = new CassandraSchema(peer.cassandra());
      say("DSBulk " + (best ? "with " + String.join(" ", DSBULK_BEST) : "with its defaults") + ", one load per table ("
          + schema.tables().size() + ")");
      List<MeasuredProcess> loads = dsbulk.loadAll(schema, output, best ? "best" : "defaults", best ? DSBULK_BEST : List.of());
      results.add(new BenchResult(best ? BenchReport.DSBULK_BEST : BenchReport.DSBULK, size, songRows,
          loads.stream().mapToDouble(load -> seconds(load.wall())).sum(),
          loads.stream().mapToLong(MeasuredProcess::peakRssKib).max().orElse(0) / 1024.0, false));
    }

    say("raw driver loader, " + RAW_IN_FLIGHT + " requests in flight");
    Load raw = load("bench_raw", (session, schema) -> DriverLoaders.asynchronous(session, schema, output, RAW_IN_FLIGHT));
    results.add(new BenchResult(BenchReport.RAW, size, raw.rows(), raw.seconds(), 0, false));

    say("the seed's row-by-row INSERTs on " + SEED_SLICE + " rows");
    Load seed = load("bench_seed", (session, schema) -> DriverLoaders.rowByRow(session, schema, output, SEED_SLICE));
    results.add(new BenchResult(BenchReport.SEED, size, songRows, seed.seconds() / seed.rows() * songRows, 0, true));
    return results;
  }

  /** A driver loader run in this JVM: how many rows it wrote, in how many seconds. */
  private record Load(long rows, double seconds) {}

  private interface Loader {
    long load(CqlSession session, CassandraSchema schema) throws IOException, InterruptedException;
  }

  /** Times a driver loader into a fresh keyspace of its own. */
  private Load load(String keyspace, Loader loader) throws IOException, InterruptedException {
    CassandraTables tables = recreate(settings(keyspace));
    try (CqlSession session = tables.openSession()) {
      long start = System.nanoTime();
      long rows = loader.load(session, tables.schema());
      return new Load(rows, seconds(Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  /**
   * The shipped sample from process start: the job (as scripts/sparkify run starts it) against the seed's
   * row-by-row loader started as its own JVM, on the same rows.
   */
  private List<BenchResult> sample() throws Exception {
    Path output = work.resolve("out-sample/events.csv");
    drop(settings("bench_sample"));
    say("the shipped sample: our job from process start");
    MeasuredProcess job = runJob(project.resolve("data"), output, "bench_sample", "sample-job");
    long songRows = new ObjectMapper().readTree(output.resolveSibling("events.report.json").toFile())
        .get("rows_consolidated").asLong();
    drop(settings("bench_sample_seed"));
    say("the shipped sample: the seed's row-by-row loader from process start");
    List<String> command = java(RowByRowMain.class.getName());
    command.add(output.toString());
    command.addAll(settingsArgs);
    command.addAll(List.of("--keyspace", "bench_sample_seed"));
    MeasuredProcess seed = MeasuredProcess.run(command, Map.of(), work.resolve("logs/sample-seed.log")).requireSuccess("the row-by-row loader");
    return List.of(
        new BenchResult(BenchReport.SAMPLE_OURS, 8000, songRows, seconds(job.wall()), job.peakRssKib() / 1024.0, false),
        new BenchResult(BenchReport.SAMPLE_SEED, 8000, songRows, seconds(seed.wall()), seed.peakRssKib() / 1024.0, false));
  }

  private MeasuredProcess runJob(Path input, Path output, String keyspace, String label) throws Exception {
    List<String> command = java("com.sparkify.pipeline.SparkifyJob");
    command.addAll(List.of("--input", input.toString(), "--output", output.toString(), "--max-rejects", "100%"));
    command.addAll(settingsArgs);
    command.addAll(List.of("--keyspace", keyspace));
    return MeasuredProcess.run(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), work.resolve("logs/" + label + ".log"))
        .requireSuccess("the job");
  }

  /** A JVM like this one (classpath, Spark's module options) with the driver heap at 1 GiB. */
  private static List<String> java(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-Xms"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
    return command;
  }

  private Path generated(long size) throws IOException {
    Path dir = work.resolve("input-" + seed + "-" + size);
    Path done = dir.resolve(".complete");
    if (!Files.exists(done)) {
      say("generating " + size + " rows (seed " + seed + ") into " + dir);
      new EventLogGenerator(seed, LocalDate.of(2018, 11, 1)).generate(dir, size, 30);
      Files.writeString(done, "");
    }
    return dir;
  }

  private Settings settings(String keyspace) {
    List<String> args = new ArrayList<>(settingsArgs);
    args.addAll(List.of("--keyspace", keyspace));
    return SettingsLoader.load(CommandLine.parse(args.toArray(String[]::new)));
  }

  private static CassandraTables tables(Settings settings) {
    return new CassandraTables(settings.cassandra(), SparkSessions.conf(settings));
  }

  /** A fresh keyspace for one method: no row of an earlier run makes its writes cheaper. */
  private static void drop(Settings settings) {
    CassandraTables tables = tables(settings);
    try (CqlSession session = tables.openSession()) {
      session.execute(tables.schema().dropKeyspace());
    }
  }

  private static CassandraTables recreate(Settings settings) {
    drop(settings);
    CassandraTables tables = tables(settings);
    tables.create();
    return tables;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static void say(String what) {
    System.out.println("bench: " + what);
  }
}
