package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.run.SparkSessions;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.tools.generate.EventLogGenerator;
import com.sparkify.tools.run.QuickJvm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code scripts/sparkify bench}: the job in both write modes against DataStax Bulk Loader, a grouped raw
 * Java-driver loader and the seed's row-by-row INSERTs, in one run against the same Cassandra; and the read
 * latency of both tables on an idle node and during each mode's load. Like with like: every method loads a
 * fresh keyspace, dropped afterwards, the nodes' compactions settle before the next method starts, the order
 * of the methods turns by one each round, and each figure is the median of the rounds with min and max.
 */
public final class BenchCommand {
  static final String USAGE =
      """
      Usage: sparkify bench [--rows N | --sizes N1,N2,...] [--repeat R] [--read-seconds S] [--job-only | --sample-only]
                            [--nodes N] [--seed S] [--results DIR] [settings flags]
        --rows N          generated input rows (default 1000000)
        --sizes LIST      several sizes in one run, e.g. 1000000,10000000: the job's two modes at each, the peers
                          and the reads at the first
        --repeat R        rounds of every method, in turned order; figures are medians (default 3)
        --read-seconds S  how long the idle read measurement lasts (default 20)
        --nodes N         against a local cluster of N nodes (started if none answers), keyspaces at replication
                          factor min(N, 3): every row written to three nodes that share this machine's cores
        --job-only        only the job's two modes at each size: no peers, reads or sample (a quick scaling check)
        --sample-only     only the shipped sample (scripts/sparkify run, the job, the seed's loader), 5 rounds at least
        --seed S          generator seed (default 42); generated input is kept in target/bench and reused
        --results DIR     where the JSON and PNG go (default scripts/bench/results), named by date and time
      Settings flags (--cassandra-host, -Dsparkify.cassandra.port=..., --config) choose the Cassandra, as for the job;
      --verify makes every run of the job read its tables back, measured as a figure of its own beside its write stage.
      """;
  private static final int SEED_SLICE = 20_000;
  /** The sample's methods take seconds each: at least this many rounds, for medians that a slow start cannot move. */
  private static final int SAMPLE_ROUNDS = 5;
  private static final int GROUPED_THREADS = 4;
  private static final int GROUPED_IN_FLIGHT = 64;
  private static final int GROUPED_BATCH_ROWS = 32;
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(20);
  private static final int COUNT_SLICES = 256;
  /**
   * The best DSBulk settings found here on a 100,000-row slice (defaults 15.2 s; bufferSize 4096 never
   * finished; batching off 25.5 s; bufferSize 1024 13.2 s; these 11.8 s).
   */
  static final List<String> DSBULK_BEST = List.of("--batch.bufferSize", "256", "--executor.maxInFlight", "2048");

  private final Path project = Path.of("").toAbsolutePath();
  private final Path work = project.resolve("target/bench");
  /** The shipped sample, and where the job writes its events.csv for the sample's methods. */
  private final Path sampleInput = project.resolve("data");
  private final Path sampleOutput = work.resolve("out-sample/events.csv");
  private final List<String> settingsArgs;
  private final long seed;
  private final int rounds;

  private BenchCommand(List<String> settingsArgs, long seed, int rounds) {
    this.settingsArgs = settingsArgs;
    this.seed = seed;
    this.rounds = rounds;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<Long> sizes = List.of(1_000_000L);
    long seed = 42;
    int rounds = 3;
    double readSeconds = 20;
    boolean jobOnly = false;
    boolean sampleOnly = false;
    Path results = Path.of("scripts/bench/results");
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> sizes = List.of(Long.parseLong(args[++i]));
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(String::strip).map(Long::parseLong).toList();
        case "--repeat" -> rounds = Integer.parseInt(args[++i]);
        case "--read-seconds" -> readSeconds = Double.parseDouble(args[++i]);
        case "--job-only" -> jobOnly = true;
        case "--sample-only" -> sampleOnly = true;
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
    if (rounds < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + rounds);
    }
    if (jobOnly && sampleOnly) {
      throw new IllegalArgumentException("--job-only and --sample-only leave nothing to run together");
    }
    BenchCommand bench = new BenchCommand(rest, seed, rounds);
    int nodes = bench.checkNodes();
    int sampleRounds = Math.max(rounds, SAMPLE_ROUNDS);
    if (sampleOnly) {
      bench.loadSampleUnmeasured();
      List<BenchResult> sample = bench.rounds(bench.sampleMethods(), sampleRounds);
      BenchReport.write(sample, List.of(), List.of(sample.get(0).inputRows()), sampleRounds, nodes, results);
      return;
    }
    long first = sizes.get(0);
    List<BenchResult> all = new ArrayList<>();
    List<ReadResult> reads = List.of();
    // with --job-only too: no method's first round meets a node and page cache that nothing has warmed
    Path eventsCsv = bench.prepare(first);
    if (!jobOnly) {
      all.addAll(bench.rounds(bench.loadMethods(first, eventsCsv), rounds));
      reads = bench.reads(first, eventsCsv, readSeconds);
    }
    for (long size : jobOnly ? sizes : sizes.subList(1, sizes.size())) {
      all.addAll(bench.rounds(bench.jobModes(size), rounds));
    }
    if (!jobOnly) {
      all.addAll(bench.rounds(bench.sampleMethods(), sampleRounds));
    }
    BenchReport.write(all, reads, sizes, rounds, nodes, results);
  }

  /** The settings flags of --nodes N, as the scripts pass them to the local Cassandra tool too. */
  static List<String> clusterSettings(int nodes) {
    return List.of("-Dsparkify.local-cassandra.nodes=" + nodes,
        "-Dsparkify.cassandra.replication.replication-factor=" + Math.min(nodes, 3));
  }

  /** A bench for N nodes against fewer (a single node answering where the cluster's first would) measures nothing. */
  private int checkNodes() {
    Settings settings = settings("bench_check");
    int wanted = settings.localCassandra().nodes();
    try (CqlSession session = tables(settings).openSession()) {
      int ring = session.getMetadata().getNodes().size();
      if (ring < wanted) {
        throw new IllegalStateException("bench --nodes " + wanted + " found a ring of " + ring + " node(s) at "
            + settings.cassandra().host() + ": stop that Cassandra first (scripts/sparkify cassandra stop)");
      }
      say("Cassandra: " + ring + " node(s), replication factor " + settings.cassandra().replication().replicationFactor());
      return ring;
    }
  }

  /** One way of loading, run once per round into a fresh keyspace named after it. */
  private record Method(String name, Run body) {}

  private interface Run {
    BenchResult run(String keyspace) throws Exception;
  }

  private static Method method(String name, Run body) {
    return new Method(name, body);
  }

  /**
   * Generates the input, and loads it once, unmeasured, with the job into the keyspace the reads ask: that
   * writes the events.csv the peers load, and warms the file cache for every method alike. In CQL mode, because
   * most methods write through the node's CQL path: after a load of SSTables, the first CQL round still met a
   * cold one (1M rows: 99.5 s against 59.1-66.1 s).
   */
  private Path prepare(long size) throws Exception {
    Path input = generated(size);
    Path output = work.resolve("out-" + size + "/events.csv");
    drop("bench_reads");
    say("preparing: the job loads " + size + " rows into bench_reads (not measured)");
    runJob(input, output, "bench_reads", "prepare-" + size, "cql");
    settle();
    return output;
  }

  private List<Method> loadMethods(long size, Path eventsCsv) throws Exception {
    List<Method> methods = new ArrayList<>(jobModes(size));
    Dsbulk dsbulk = new Dsbulk(project, work, settings("bench_check").cassandra());
    methods.add(method(BenchReport.DSBULK, keyspace -> dsbulk(dsbulk, keyspace, size, eventsCsv, List.of(), false)));
    methods.add(method(BenchReport.DSBULK_BEST, keyspace -> dsbulk(dsbulk, keyspace, size, eventsCsv, DSBULK_BEST, false)));
    methods.add(method(BenchReport.DSBULK_BEST_SIDE_BY_SIDE, keyspace -> dsbulk(dsbulk, keyspace, size, eventsCsv, DSBULK_BEST, true)));
    methods.add(method(BenchReport.RAW, keyspace -> {
      Load raw = load(keyspace, (session, schema) -> DriverLoaders.grouped(session, schema, eventsCsv,
          GROUPED_THREADS, GROUPED_IN_FLIGHT, GROUPED_BATCH_ROWS));
      return measured(BenchReport.RAW, size, raw.rows(), raw.seconds(), 0, false, keyspace);
    }));
    methods.add(method(BenchReport.SEED, keyspace -> {
      Load slice = load(keyspace, (session, schema) -> DriverLoaders.rowByRow(session, schema, eventsCsv, SEED_SLICE));
      long songRows = songRows(eventsCsv.resolveSibling("events.report.json"));
      return measured(BenchReport.SEED, size, songRows, slice.seconds() / slice.rows() * songRows, 0, true, keyspace);
    }));
    return methods;
  }

  /** The job in each write mode at this size: end to end, with its write stage as a figure of its own. */
  private List<Method> jobModes(long size) throws IOException {
    Path input = generated(size);
    List<Method> modes = new ArrayList<>();
    for (String mode : List.of("cql", "sstable")) {
      String name = BenchReport.ours(mode);
      modes.add(method(name, keyspace -> {
        Path output = work.resolve("out-" + size + "-" + mode + "/events.csv");
        MeasuredProcess job = runJob(input, output, keyspace, keyspace + "-" + size, mode);
        JsonNode report = new ObjectMapper().readTree(output.resolveSibling("events.report.json").toFile());
        long songRows = report.get("rows_consolidated").asLong();
        BenchResult end = measured(name, size, songRows, seconds(job.wall()), job.peakRssKib() / 1024.0, false, keyspace);
        JsonNode timings = report.get("timings_s");
        return end.withStages(timings.path(PipelineRun.WRITE_TABLES).asDouble(),
            timings.path(PipelineRun.VERIFY_TABLES).asDouble(Double.NaN));
      }));
    }
    return modes;
  }

  /**
   * The shipped sample as a user's second run finds it, the node up and the tables there (created unmeasured
   * before each): scripts/sparkify run as typed, the example queries included; the job alone from process
   * start; and the seed's loader.
   */
  private List<Method> sampleMethods() {
    return List.of(
        method(BenchReport.SAMPLE_RUN, keyspace -> {
          recreate(settings(keyspace));
          List<String> command = new ArrayList<>(List.of("bash", project.resolve("scripts/sparkify").toString(), "run",
              "--input", sampleInput.toString(), "--output", sampleOutput.toString()));
          command.addAll(settingsArgs);
          command.addAll(List.of("--keyspace", keyspace));
          MeasuredProcess run = MeasuredProcess.run(command, Map.of(), work.resolve("logs/" + keyspace + ".log"))
              .requireSuccess("scripts/sparkify run");
          return sample(BenchReport.SAMPLE_RUN, run, keyspace);
        }),
        method(BenchReport.SAMPLE_OURS, keyspace -> {
          recreate(settings(keyspace));
          return sample(BenchReport.SAMPLE_OURS, runJob(sampleInput, sampleOutput, keyspace, "sample-job", "cql"), keyspace);
        }),
        method(BenchReport.SAMPLE_SEED, keyspace -> {
          if (!Files.exists(sampleOutput)) {
            loadSampleUnmeasured();
          }
          recreate(settings(keyspace));
          // the JVM the front door would start for the same input: the seed's loader gains from it as the job does
          List<String> command = java(RowByRowMain.class.getName(), quickJvm(sampleInput));
          command.add(sampleOutput.toString());
          command.addAll(settingsArgs);
          command.addAll(List.of("--keyspace", keyspace));
          MeasuredProcess seed = MeasuredProcess.run(command, Map.of(), work.resolve("logs/" + keyspace + ".log"))
              .requireSuccess("the row-by-row loader");
          return sample(BenchReport.SAMPLE_SEED, seed, keyspace);
        }));
  }

  /**
   * The job on the sample, unmeasured: it writes the events.csv the seed's loader reads, and with --sample-only it
   * is the load that warms the node and the page cache before the first measured one.
   */
  private void loadSampleUnmeasured() throws Exception {
    runJob(sampleInput, sampleOutput, "bench_sample_events", "sample-events", "cql");
    drop("bench_sample_events");
  }

  /** A sample method's figures; its input and song rows as the report of the events.csv it read or wrote says. */
  private BenchResult sample(String method, MeasuredProcess process, String keyspace) throws Exception {
    JsonNode report = new ObjectMapper().readTree(sampleOutput.resolveSibling("events.report.json").toFile());
    return measured(method, report.get("rows_read").asLong(), report.get("rows_consolidated").asLong(),
        seconds(process.wall()), process.peakRssKib() / 1024.0, false, keyspace);
  }

  /**
   * Every method once per round, round r starting at method r: none always runs first (cold) or right after
   * the same neighbour. Each loads a keyspace of its own that does not exist before and is dropped after.
   */
  private List<BenchResult> rounds(List<Method> methods, int rounds) throws Exception {
    List<BenchResult> results = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < methods.size(); i++) {
        Method method = methods.get((round + i) % methods.size());
        String keyspace = "bench_" + Integer.toHexString(method.name().hashCode() & 0xfffffff) + "_r" + round;
        drop(keyspace);
        settle();
        say("round " + (round + 1) + "/" + rounds + ": " + method.name());
        BenchResult result = method.body().run(keyspace);
        say(String.format(java.util.Locale.ROOT, "  %.1f s, %s", result.wallSeconds(), result.counted()));
        results.add(result);
        drop(keyspace);
      }
    }
    return results;
  }

  /**
   * What a method did: its figures, the rows each table then holds (counted, so that a method that lost rows
   * shows it) and how long the nodes compacted after it.
   */
  private BenchResult measured(String method, long inputRows, long rows, double wallSeconds, double rssMib,
      boolean extrapolated, String keyspace) throws InterruptedException {
    Settings settings = settings(keyspace);
    Map<String, Long> counted = new LinkedHashMap<>();
    double settled;
    try (CqlSession session = tables(settings).openSession()) {
      for (QueryTable table : settings.cassandra().enabledTables()) {
        counted.put(table.name(), count(session, keyspace, table));
      }
      settled = seconds(Compactions.awaitSettled(session, SETTLE_TIMEOUT));
    }
    return new BenchResult(method, inputRows, rows, wallSeconds, rssMib, extrapolated, Double.NaN, Double.NaN, settled, counted);
  }

  /**
   * A table's rows, counted slice by slice of the token ring: one COUNT(*) over millions of rows outlasts the
   * node's range request timeout (a read failure at 10M rows here).
   */
  private static long count(CqlSession session, String keyspace, QueryTable table) {
    String token = "token(" + String.join(", ", table.partitionKey()) + ")";
    var slice = session.prepare("SELECT COUNT(*) FROM " + keyspace + "." + table.name() + " WHERE " + token + " > ? AND "
        + token + " <= ?");
    long rows = 0;
    long step = -(Long.MIN_VALUE / COUNT_SLICES) * 2;
    for (int i = 0; i < COUNT_SLICES; i++) {
      long from = Long.MIN_VALUE + i * step;
      long to = i == COUNT_SLICES - 1 ? Long.MAX_VALUE : from + step;
      rows += session.execute(slice.bind(from, to).setTimeout(Duration.ofMinutes(1))).one().getLong(0);
    }
    return rows;
  }

  private BenchResult dsbulk(Dsbulk dsbulk, String keyspace, long size, Path eventsCsv, List<String> tuning, boolean sideBySide)
      throws Exception {
    CassandraSchema schema = recreate(settings(keyspace)).schema();
    long start = System.nanoTime();
    List<MeasuredProcess> loads = dsbulk.loadAll(schema, eventsCsv, keyspace, tuning, sideBySide);
    double wall = seconds(Duration.ofNanos(System.nanoTime() - start));
    String name = sideBySide ? BenchReport.DSBULK_BEST_SIDE_BY_SIDE : tuning.isEmpty() ? BenchReport.DSBULK : BenchReport.DSBULK_BEST;
    return measured(name, size, songRows(eventsCsv.resolveSibling("events.report.json")), wall,
        loads.stream().mapToLong(MeasuredProcess::peakRssKib).max().orElse(0) / 1024.0, false, keyspace);
  }

  /**
   * The reads the tables exist for, in three states of the node, each once per round in turned order: idle,
   * and during the job's write stage in each mode (the job loads another keyspace meanwhile; the reads start
   * when its log says the write stage began and stop when it ended).
   */
  private List<ReadResult> reads(long size, Path eventsCsv, double idleSeconds) throws Exception {
    Settings settings = settings("bench_reads");
    List<String> states = List.of(ReadResult.IDLE, ReadResult.DURING_CQL, ReadResult.DURING_SSTABLE);
    List<ReadResult> results = new ArrayList<>();
    Path input = generated(size);
    try (CqlSession session = tables(settings).openSession()) {
      ReadLatency reader = new ReadLatency(session, new CassandraSchema(settings.cassandra()), eventsCsv, seed);
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < states.size(); i++) {
          String state = states.get((round + i) % states.size());
          drop("bench_read_load");
          settle();
          say("round " + (round + 1) + "/" + rounds + ": reads, " + state);
          List<ReadLatency.Figures> figures;
          if (state.equals(ReadResult.IDLE)) {
            figures = reader.run(ReadLatency.forSeconds(idleSeconds));
          } else {
            String mode = state.equals(ReadResult.DURING_CQL) ? "cql" : "sstable";
            Path log = work.resolve("logs/read-load-" + mode + ".log");
            Files.deleteIfExists(log);
            CompletableFuture<MeasuredProcess> job = CompletableFuture.supplyAsync(() -> {
              try {
                return runJob(input, work.resolve("out-read-load/events.csv"), "bench_read_load", "read-load-" + mode, mode);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
            awaitLine(log, PipelineRun.WRITE_TABLES + " ...", job);
            figures = reader.run(() -> job.isDone() || logHas(log, PipelineRun.WRITE_TABLES + ": "));
            job.join();
          }
          figures.forEach(f -> results.add(new ReadResult(state, f)));
          figures.forEach(f -> say(String.format(java.util.Locale.ROOT, "  %s: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, %.0f/s",
              f.table(), f.p50(), f.p99(), f.p999(), f.queriesPerSecond())));
        }
      }
    }
    drop("bench_read_load");
    return results;
  }

  private static void awaitLine(Path log, String line, CompletableFuture<?> job) throws InterruptedException {
    while (!logHas(log, line)) {
      if (job.isDone()) {
        job.join();
        throw new IllegalStateException("the job ended before its log said: " + line);
      }
      Thread.sleep(50);
    }
  }

  private static boolean logHas(Path log, String line) {
    try {
      return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line);
    } catch (IOException e) {
      return false;
    }
  }

  /** A driver loader run in this JVM: how many rows it wrote, in how many seconds. */
  private record Load(long rows, double seconds) {}

  private interface Loader {
    long load(CqlSession session, CassandraSchema schema) throws IOException, InterruptedException;
  }

  /** Times a driver loader into its keyspace, created first. */
  private Load load(String keyspace, Loader loader) throws IOException, InterruptedException {
    CassandraTables tables = recreate(settings(keyspace));
    try (CqlSession session = tables.openSession()) {
      long start = System.nanoTime();
      long rows = loader.load(session, tables.schema());
      return new Load(rows, seconds(Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  private MeasuredProcess runJob(Path input, Path output, String keyspace, String label, String mode) throws Exception {
    List<String> command = java("com.sparkify.pipeline.SparkifyJob", quickJvm(input));
    command.addAll(List.of("--input", input.toString(), "--output", output.toString(), "--max-rejects", "100%",
        "--write-mode", mode, "--log-level", "warn"));
    command.addAll(settingsArgs);
    command.addAll(List.of("--keyspace", keyspace));
    return MeasuredProcess.run(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), work.resolve("logs/" + label + ".log"))
        .requireSuccess("the job");
  }

  private static long songRows(Path report) throws IOException {
    return new ObjectMapper().readTree(report.toFile()).get("rows_consolidated").asLong();
  }

  /**
   * A JVM like this one (classpath, Spark's module options) with the driver heap at 1 GiB, and the options
   * given (the quick-start ones scripts/sparkify run would choose).
   */
  private static List<String> java(String mainClass, List<String> options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-Xms"))
        .forEach(command::add);
    command.addAll(options);
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
    return command;
  }

  /** The JVM options scripts/sparkify run would choose for this input folder. */
  private List<String> quickJvm(Path input) {
    List<String> args = new ArrayList<>(settingsArgs);
    args.addAll(List.of("--input", input.toString()));
    return QuickJvm.options(SettingsLoader.load(CommandLine.parse(args.toArray(String[]::new))));
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

  /** No row of an earlier method makes a later one's writes cheaper (auto_snapshot is off: nothing is kept). */
  private void drop(String keyspace) {
    CassandraTables tables = tables(settings(keyspace));
    try (CqlSession session = tables.openSession()) {
      session.execute(SimpleStatement.newInstance(tables.schema().dropKeyspace()).setTimeout(Duration.ofMinutes(2)));
    }
  }

  /** The nodes' compactions of the method before have ended: none works in the next one's time. */
  private void settle() throws InterruptedException {
    try (CqlSession session = tables(settings("bench_check")).openSession()) {
      Compactions.awaitSettled(session, SETTLE_TIMEOUT);
    }
  }

  private CassandraTables recreate(Settings settings) {
    drop(settings.cassandra().keyspace());
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
