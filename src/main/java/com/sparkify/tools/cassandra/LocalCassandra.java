package com.sparkify.tools.cassandra;

import com.sparkify.tools.LastLines;
import com.sparkify.tools.MavenClasspath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Cassandra 5.0 node (Maven Central's cassandra-all) running as its own JVM, for local runs and
 * integration tests: either the single node on 127.0.0.1, or node N of a {@link LocalCassandraCluster} on
 * 127.0.0.N. All of its files live under {@code home}: conf/, logs/, data/ and cassandra.pid (and, for the
 * single node, classpath.txt; cluster nodes share their cluster's).
 *
 * <p>A node that already answers CQL on its address is reused, never restarted, and {@link #stop}
 * only ever stops a node this tool started in the same home.
 */
public final class LocalCassandra {

  public static final String HOST = "127.0.0.1";
  /** The superuser Cassandra creates on first start; it can log in when passwordAuth is on. */
  public static final String DEFAULT_USER = "cassandra";
  public static final String DEFAULT_PASSWORD = "cassandra";

  public enum StartResult { STARTED, REUSED }

  private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
  private static final String POM = "scripts/cassandra/pom.xml";
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /** Module access Cassandra 5.0 needs on JDK 17; without any one of these it fails to start. */
  private static final List<String> JDK17_ACCESS = List.of(
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED");
  /** Cassandra's JMX server touches RMI internals; without these a node with a JMX port dies at start. */
  private static final List<String> JMX_ACCESS = List.of(
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED");
  /** Vnodes per cluster node: with the allocator below, enough for an even spread over a few nodes. */
  static final int CLUSTER_NUM_TOKENS = 16;
  /**
   * The replication factor the token allocator balances for. The allocator only places the tokens of nodes
   * beyond the first {@code factor} ones; those get tokens chosen without regard to each other ("allocation
   * does not matter; everything replicates everywhere", says its source). With 3, none of
   * three nodes is placed, and their ring shares came out 27/47/26 %, 40/39/21 % and 33/32/36 % here; with
   * the job's default replication factor 1 that is how their data divides (with replication factor 3 each of
   * three nodes holds everything, whatever the tokens). With 1, nodes 2 and 3 are placed: 34/33/32 % in five
   * fresh starts out of eight, 37/37/27, 41/31/28 and 35/40/25 % in the others.
   */
  static final int CLUSTER_ALLOCATION_RF = 1;

  private final Path home;
  private final Path projectDir;
  private final Path classpathFile;
  private final int index;
  private final int nativePort;
  private final int storagePort;
  /** 0: no JMX server; the single node needs none, cluster nodes need one for their status. */
  private final int jmxPort;
  private final boolean passwordAuth;
  private final int heapMb;

  /**
   * @param home         folder for this node's conf, logs, data, cached classpath and pid file
   * @param projectDir   project root; its scripts/cassandra/pom.xml names the Cassandra version
   * @param nativePort   CQL port on 127.0.0.1
   * @param storagePort  inter-node port on 127.0.0.1 (bound even by a single node)
   * @param passwordAuth PasswordAuthenticator with the default superuser cassandra/cassandra
   * @param heapMb       fixed heap size; the process needs about 450 MiB more than this (resident)
   */
  public LocalCassandra(
      Path home, Path projectDir, int nativePort, int storagePort, boolean passwordAuth, int heapMb) {
    this(home, home.resolve("classpath.txt"), projectDir, 0, nativePort, storagePort, 0, passwordAuth, heapMb);
  }

  private LocalCassandra(Path home, Path classpathFile, Path projectDir, int index, int nativePort,
      int storagePort, int jmxPort, boolean passwordAuth, int heapMb) {
    this.home = home.toAbsolutePath().normalize();
    this.classpathFile = classpathFile.toAbsolutePath().normalize();
    this.projectDir = projectDir.toAbsolutePath().normalize();
    // 127.0.0.N for N up to 254; 0 is the single node, which is on 127.0.0.1
    if (index < 0 || index > 254) {
      throw new IllegalArgumentException("Node number out of 1-254: " + index);
    }
    this.index = index;
    this.nativePort = checkPort(nativePort);
    this.storagePort = checkPort(storagePort);
    if (nativePort == storagePort) {
      throw new IllegalArgumentException("native and storage port must differ: " + nativePort);
    }
    this.jmxPort = jmxPort == 0 ? 0 : checkPort(jmxPort);
    if (heapMb < 256) {
      throw new IllegalArgumentException("Cassandra needs at least 256 MiB of heap, got " + heapMb);
    }
    this.passwordAuth = passwordAuth;
    this.heapMb = heapMb;
  }

  /**
   * Node {@code index} of a local cluster: on 127.0.0.{index}, in {@code clusterHome}/node{index}, with
   * 127.0.0.1 as its seed, vnodes, and a JMX port (on 127.0.0.1, as Cassandra's local JMX always is).
   *
   * @param classpathFile where the cluster's nodes share the resolved classpath of cassandra-all
   */
  static LocalCassandra clusterNode(Path clusterHome, Path classpathFile, Path projectDir, int index,
      int nativePort, int storagePort, int jmxPort, boolean passwordAuth, int heapMb) {
    if (index < 1) {
      throw new IllegalArgumentException("Cluster nodes are numbered from 1, got " + index);
    }
    return new LocalCassandra(clusterHome.resolve("node" + index), classpathFile, projectDir, index,
        nativePort, storagePort, checkPort(jmxPort), passwordAuth, heapMb);
  }

  public int nativePort() {
    return nativePort;
  }

  public Path home() {
    return home;
  }

  /** N for node N of a cluster, 0 for the single node. */
  public int index() {
    return index;
  }

  /** 127.0.0.1 for the single node, 127.0.0.N for node N of a cluster. */
  public String address() {
    return index == 0 ? HOST : "127.0.0." + index;
  }

  /** Where the node's JMX server listens on 127.0.0.1, if it has one. */
  public OptionalInt jmxPort() {
    return jmxPort == 0 ? OptionalInt.empty() : OptionalInt.of(jmxPort);
  }

  /** The address and storage port by which the other nodes know this one (and JMX names it). */
  String endpoint() {
    return address() + ":" + storagePort;
  }

  /** True when address:nativePort answers a CQL OPTIONS request, whoever runs that server. */
  public boolean isCqlReady() {
    return CqlProbe.answersOptions(address(), nativePort, PROBE_TIMEOUT);
  }

  /** True when a process this tool started in this home is alive, whether or not it answers yet. */
  public boolean isRunning() {
    return ourProcess().isPresent();
  }

  /**
   * Makes sure a node answers CQL: reuses one that already does (whatever its settings), otherwise
   * starts one and waits until it answers and, with passwordAuth, until cassandra/cassandra can log in.
   * Resolving Cassandra's classpath (a Maven run, the first time only) is not counted in the timeout.
   * On failure the new process is killed and the exception carries the end of its logs.
   */
  public StartResult start(Duration timeout) throws IOException, InterruptedException {
    if (isCqlReady()) {
      return StartResult.REUSED;
    }
    Files.createDirectories(home);
    // test JVMs running in parallel must not launch two nodes on the same home and ports
    synchronized (LocalCassandra.class) {
      try (FileChannel lockFile = FileChannel.open(home.resolve("start.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        lockFile.lock(); // released when the channel closes
        Optional<ProcessHandle> running = ourProcess();
        if (running.isPresent()) {
          // another caller started it and it is still coming up
          awaitUsable(running.get(), timeout);
          return StartResult.REUSED;
        }
        if (isCqlReady()) {
          return StartResult.REUSED;
        }
        launch(timeout);
        return StartResult.STARTED;
      }
    }
  }

  /**
   * Stops the node this tool started in this home: SIGTERM, then a kill after the timeout.
   * Returns false when there was no such node (a node started by something else is left alone).
   */
  public boolean stop(Duration timeout) throws IOException, InterruptedException {
    Optional<ProcessHandle> running = ourProcess();
    if (running.isEmpty()) {
      Files.deleteIfExists(pidFile());
      return false;
    }
    ProcessHandle process = running.get();
    process.destroy();
    if (!waitForExit(process, timeout)) {
      process.destroyForcibly();
      waitForExit(process, KILL_WAIT);
    }
    Files.deleteIfExists(pidFile());
    return true;
  }

  /**
   * Kills the node this tool started in this home with SIGKILL, as a crash would: no drain, no flush, the
   * commit log replayed at the next start. Returns false when there was no such node.
   */
  public boolean kill() throws IOException, InterruptedException {
    Optional<ProcessHandle> running = ourProcess();
    if (running.isEmpty()) {
      Files.deleteIfExists(pidFile());
      return false;
    }
    // the pid file holds the java process itself (launch() starts java with no shell in between)
    running.get().destroyForcibly();
    waitForExit(running.get(), KILL_WAIT);
    Files.deleteIfExists(pidFile());
    return true;
  }

  /** Several lines for people: address, folders, our process if any, and whether CQL answers. */
  public String status() {
    String pid = ourProcess()
        .map(p -> p.pid() + " (started by this tool)")
        .orElse("none started by this tool");
    return String.join(System.lineSeparator(),
        "Cassandra " + address() + ":" + nativePort + " (storage port " + storagePort + ")",
        "home:   " + home,
        "data:   " + dataDir(),
        "logs:   " + systemLog(),
        "pid:    " + pid,
        "CQL:    " + (isCqlReady() ? "answering" : "not answering"));
  }

  private void launch(Duration timeout) throws IOException, InterruptedException {
    // the node runs on this JVM's java, and Cassandra 5.0 dies cryptically on anything newer than 17
    if (Runtime.version().feature() != 17) {
      throw new IllegalStateException("Cassandra 5.0 needs Java 11 or 17, but this JVM ("
          + System.getProperty("java.home") + ") is Java " + Runtime.version().feature());
    }
    List<String> classpath = cassandraClasspath();
    Files.createDirectories(confDir());
    Files.createDirectories(logsDir());
    Files.createDirectories(dataDir());
    // a fresh system.log per start, so that a failure message quotes this start and not the last one
    if (Files.exists(systemLog())) {
      Files.move(systemLog(), logsDir().resolve("system.log.previous"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(confDir().resolve("cassandra.yaml"), cassandraYaml());
    try (InputStream logback = resource("logback.xml")) {
      Files.write(confDir().resolve("logback.xml"), logback.readAllBytes());
    }

    ProcessBuilder builder = new ProcessBuilder(javaCommand(classpath))
        .redirectErrorStream(true)
        .redirectOutput(consoleLog().toFile());
    // through the environment rather than -cp, so that the command line stays short and readable
    // in ps and in ProcessHandle.Info, which ourProcess() relies on
    List<String> entries = new ArrayList<>();
    entries.add(confDir().toString());
    entries.addAll(classpath);
    builder.environment().put("CLASSPATH", String.join(File.pathSeparator, entries));
    Process process = builder.start();
    Files.writeString(pidFile(), Long.toString(process.pid()));
    try {
      awaitUsable(process.toHandle(), timeout);
    } catch (RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      waitForExit(process.toHandle(), KILL_WAIT);
      Files.deleteIfExists(pidFile());
      throw e;
    }
  }

  /** The node's java command line; the classpath itself goes through the environment. */
  List<String> javaCommand(List<String> classpath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JDK17_ACCESS);
    if (jmxPort != 0) {
      command.addAll(JMX_ACCESS);
      // local JMX (127.0.0.1 only, no authentication): what the cluster's status reads load and ownership from
      command.add("-Dcassandra.jmx.local.port=" + jmxPort);
    }
    command.add("-Xms" + heapMb + "m");
    command.add("-Xmx" + heapMb + "m");
    // a node out of heap may corrupt data or hang half-alive; dying makes the failure visible
    command.add("-XX:+ExitOnOutOfMemoryError");
    // Cassandra's own start scripts load jamm as an agent to measure memtables; it is optional
    classpath.stream()
        .filter(entry -> Path.of(entry).getFileName().toString().startsWith("jamm-"))
        .findFirst()
        .ifPresent(jamm -> command.add("-javaagent:" + jamm));
    // A lone node or a cluster's seed has no ring to wait for: skip most of the 30 s ring delay and the gossip
    // settling. A node joining a ring must hear back from the seed within the ring delay or it dies with
    // "Unable to contact any seeds" (seen in CI with 1 s on a loaded 2-core machine): gossip runs once a
    // second, so 5 s leaves several rounds.
    command.add("-Dcassandra.ring_delay_ms=" + (index > 1 ? 5000 : 1000));
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    // create cassandra/cassandra right away instead of 10 s after start
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    // without it Cassandra closes stdout/stderr once set up, and later JVM messages (out of memory) are lost
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.config=" + confDir().resolve("cassandra.yaml").toUri());
    command.add("-Dcassandra.storagedir=" + dataDir());
    command.add("-Dcassandra.logdir=" + logsDir());
    command.add("-Dlogback.configurationFile=" + confDir().resolve("logback.xml").toUri());
    command.add(MAIN_CLASS);
    return command;
  }

  private void awaitUsable(ProcessHandle process, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isUsable()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Cassandra exited during start-up" + logTails());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Cassandra did not answer CQL"
            + (passwordAuth ? " or accept " + DEFAULT_USER + "/" + DEFAULT_PASSWORD : "")
            + " within " + timeout.toSeconds() + " s" + logTails());
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** CQL answers and, with passwordAuth, the superuser exists: Cassandra creates it just after CQL opens. */
  private boolean isUsable() {
    return isCqlReady()
        && (!passwordAuth || CqlProbe.logsIn(address(), nativePort, PROBE_TIMEOUT, DEFAULT_USER, DEFAULT_PASSWORD));
  }

  private List<String> cassandraClasspath() throws IOException, InterruptedException {
    return MavenClasspath.of(projectDir.resolve(POM), classpathFile, "Cassandra");
  }

  /** Our node's process: the pid file's process, if it is still a CassandraDaemon of this home. */
  private Optional<ProcessHandle> ourProcess() {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile()).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    // pids are recycled: only a process whose command line names our config is ours
    String ourConfig = "-Dcassandra.config=" + confDir().resolve("cassandra.yaml").toUri();
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(List::of)
            .filter(args -> args.contains(ourConfig) && args.contains(MAIN_CLASS))
            .isPresent());
  }

  private static boolean waitForExit(ProcessHandle process, Duration timeout) throws InterruptedException {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The node's cassandra.yaml: the template with this node's address, ports, tokens and folders. */
  String cassandraYaml() throws IOException {
    String template;
    try (InputStream in = resource("cassandra.yaml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean inCluster = index > 0;
    Map<String, String> values = Map.of(
        "address", address(),
        "seeds", HOST + ":" + storagePort,
        "num_tokens", Integer.toString(inCluster ? CLUSTER_NUM_TOKENS : 1),
        "token_allocation", inCluster
            ? "allocate_tokens_for_local_replication_factor: " + CLUSTER_ALLOCATION_RF
            : "# (a single node has no other node to balance its token against)",
        "native_port", Integer.toString(nativePort),
        "storage_port", Integer.toString(storagePort),
        // single-quoted in the template, where YAML escapes a quote by doubling it
        "data_dir", dataDir().toString().replace("'", "''"),
        "authenticator", passwordAuth ? "PasswordAuthenticator" : "AllowAllAuthenticator",
        "authorizer", passwordAuth ? "CassandraAuthorizer" : "AllowAllAuthorizer");
    for (Map.Entry<String, String> value : values.entrySet()) {
      template = template.replace("${" + value.getKey() + "}", value.getValue());
    }
    return template;
  }

  private String logTails() {
    StringBuilder message = new StringBuilder();
    for (Path log : List.of(systemLog(), consoleLog())) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (!lines.isEmpty()) {
          message.append(System.lineSeparator()).append("--- end of ").append(log).append(" ---")
              .append(System.lineSeparator()).append(LastLines.of(lines));
        }
      } catch (IOException e) {
        // not written yet: the other log tells what happened
      }
    }
    return message.toString();
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = LocalCassandra.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("Resource " + name + " is missing next to " + LocalCassandra.class.getName());
    }
    return in;
  }

  private static int checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Not a TCP port: " + port);
    }
    return port;
  }

  private Path confDir() {
    return home.resolve("conf");
  }

  private Path logsDir() {
    return home.resolve("logs");
  }

  private Path dataDir() {
    return home.resolve("data");
  }

  /** This start's log: each start moves the last one's aside, to system.log.previous. */
  public Path systemLog() {
    return logsDir().resolve("system.log");
  }

  private Path consoleLog() {
    return logsDir().resolve("console.log");
  }

  private Path pidFile() {
    return home.resolve("cassandra.pid");
  }
}
