package com.sparkify.tools.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;

/**
 * A local cluster of N {@link LocalCassandra} nodes, in the manner of ccm: node N in {@code home}/nodeN on
 * 127.0.0.N, all on the same CQL and storage ports, one data centre (datacenter1), 127.0.0.1 the seed. Node N's
 * JMX server listens on 127.0.0.1 at {@code jmxPort + 100 * (N - 1)}.
 *
 * <p>The single node of the same home (in {@code home} itself) is another layout: a cluster does not start
 * while it runs, and the two never share data.
 */
public final class LocalCassandraCluster {
  /** Node N's JMX port is this far from node N-1's: consecutive ports would run into other local nodes' ports. */
  static final int JMX_PORT_STEP = 100;
  private static final Pattern NODE_FOLDER = Pattern.compile("node([1-9][0-9]*)");
  /** Gossip spreads a joined node's state in about a second; much longer means something is wrong. */
  private static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  public record Started(LocalCassandra node, LocalCassandra.StartResult result) {}

  /**
   * @param load as Cassandra reports it ("103.4 KiB"), empty when no live node could say
   * @param owns the share of the token ring, 0 to 1, when a live node could say
   */
  public record NodeStatus(int index, String address, int nativePort, State state, Optional<String> load, OptionalDouble owns) {
    /** One line for people: {@code node2  127.0.0.2:9042  UP        load 103.4 KiB   owns 33.6%}. */
    public String line() {
      return String.format(Locale.ROOT, "node%d  %s:%d  %-8s  load %-11s  owns %s", index, address, nativePort,
          state, load.orElse("?"),
          owns.isPresent() ? String.format(Locale.ROOT, "%.1f%%", owns.getAsDouble() * 100) : "?");
    }

    public boolean up() {
      return state == State.UP;
    }
  }

  /**
   * UP: this home's node answers CQL on its address. STARTING: its process runs but does not answer yet.
   * DOWN: no process of this home (whatever else may answer on that address).
   */
  public enum State { UP, STARTING, DOWN }

  private final Path home;
  private final Path projectDir;
  private final int nativePort;
  private final int storagePort;
  private final int jmxPort;
  private final boolean passwordAuth;
  private final int heapMb;

  /**
   * @param home        the local-cassandra home; node N lives in home/nodeN
   * @param jmxPort     node 1's JMX port; node N's is {@code jmxPort + 100 * (N - 1)}
   * @param heapMb      each node's heap; a node needs about 400 MiB more than this
   */
  public LocalCassandraCluster(Path home, Path projectDir, int nativePort, int storagePort, int jmxPort,
      boolean passwordAuth, int heapMb) {
    this.home = home.toAbsolutePath().normalize();
    this.projectDir = projectDir;
    this.nativePort = nativePort;
    this.storagePort = storagePort;
    this.jmxPort = jmxPort;
    this.passwordAuth = passwordAuth;
    this.heapMb = heapMb;
  }

  public Path home() {
    return home;
  }

  /** Node {@code index} (1-based) of this cluster, whether or not it exists or runs. */
  public LocalCassandra node(int index) {
    return LocalCassandra.clusterNode(home, home.resolve("classpath.txt"), projectDir, index, nativePort, storagePort,
        jmxPort + JMX_PORT_STEP * (index - 1), passwordAuth, heapMb);
  }

  /** The single node of the same home, which must not run beside the cluster. */
  LocalCassandra singleNode() {
    return new LocalCassandra(home, projectDir, nativePort, storagePort, passwordAuth, heapMb);
  }

  /** The nodes that have a folder in the home (started once, whether running or not), in order. */
  public List<LocalCassandra> existingNodes() throws IOException {
    if (!Files.isDirectory(home)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(home)) {
      return entries
          .map(entry -> NODE_FOLDER.matcher(entry.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .sorted()
          .map(this::node)
          .toList();
    }
  }

  /**
   * Makes nodes 1 to {@code count} answer CQL, one after another: a node of this home that already answers
   * is reused, the others are started, each once the one before answers and every running node's ring has
   * it (a node joining while another one still joins would be refused). Refuses to start when the single node of this home runs, or when a
   * node's address and port answer but not for a node of this home (it would join someone else's ring).
   *
   * @param timeout for each node to answer once launched
   */
  public List<Started> start(int count, Duration timeout) throws IOException, InterruptedException {
    if (count < 1) {
      throw new IllegalArgumentException("A cluster needs at least one node, got " + count);
    }
    LocalCassandra single = singleNode();
    if (single.isRunning()) {
      throw new IllegalStateException("the single-node Cassandra of " + home + " is running on "
          + single.address() + ":" + nativePort + "; stop it first: scripts/sparkify cassandra stop");
    }
    List<Started> started = new ArrayList<>();
    for (int index = 1; index <= count; index++) {
      LocalCassandra node = node(index);
      if (!node.isRunning() && node.isCqlReady()) {
        throw new IllegalStateException(node.address() + ":" + nativePort + " answers CQL, but not for node "
            + index + " of " + home + "; stop that Cassandra or choose other ports");
      }
      started.add(new Started(node, node.start(timeout)));
      awaitRingsAgree(started.stream().map(Started::node).toList(), RING_TIMEOUT);
    }
    return started;
  }

  /**
   * Waits until each of these nodes has the tokens and load of all of them in its ring. A node answers CQL a
   * moment before the others have its tokens: a next node joining then could place its tokens without them,
   * a status would show the new node's share as unknown, and a client could find it missing from a peer's
   * system.peers_v2.
   */
  private static void awaitRingsAgree(List<LocalCassandra> nodes, Duration timeout) throws InterruptedException {
    List<String> endpoints = nodes.stream().map(LocalCassandra::endpoint).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    String missing = "";
    while (System.nanoTime() < deadline) {
      missing = nodes.stream()
          .map(node -> missingFromRing(node, endpoints))
          .filter(m -> !m.isEmpty())
          .collect(Collectors.joining("; "));
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new IllegalStateException("the nodes' rings still disagree after " + timeout.toSeconds() + " s: " + missing
        + "; see the nodes' logs/system.log");
  }

  /** Empty when the node's ring has all these endpoints, else what it lacks. */
  private static String missingFromRing(LocalCassandra node, List<String> endpoints) {
    int jmx = node.jmxPort().orElseThrow();
    try {
      RingJmx.View view = RingJmx.read(jmx);
      String missing = endpoints.stream()
          .filter(endpoint -> !view.ownership().containsKey(endpoint) || !view.load().containsKey(endpoint))
          .collect(Collectors.joining(", "));
      return missing.isEmpty() ? "" : "node" + node.index() + " lacks " + missing;
    } catch (IOException | JMException e) {
      return "node" + node.index() + " does not answer JMX on 127.0.0.1:" + jmx + " (" + e.getMessage() + ")";
    }
  }

  /**
   * Stops the nodes this tool started in this home, all at once: SIGTERM (a clean shutdown) or, with
   * {@code kill}, SIGKILL (a crash). Returns the nodes that were running.
   */
  public List<LocalCassandra> stop(List<LocalCassandra> nodes, boolean kill, Duration timeout)
      throws IOException, InterruptedException {
    // a clean shutdown takes several seconds per node, mostly waiting: in parallel it is the time of one
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nodes.size()));
    try {
      List<Future<Boolean>> stops = new ArrayList<>();
      for (LocalCassandra node : nodes) {
        stops.add(pool.submit(() -> kill ? node.kill() : node.stop(timeout)));
      }
      List<LocalCassandra> stopped = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        if (stops.get(i).get()) {
          stopped.add(nodes.get(i));
        }
      }
      return stopped;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One status per existing node: up when it runs and answers CQL on its own address; load and ownership as the
   * first node that is up (and answers JMX) reports them for every node, including the down ones (their
   * last known load). With no node up, load and ownership are unknown.
   */
  public List<NodeStatus> status() throws IOException {
    List<LocalCassandra> nodes = existingNodes();
    List<State> states = nodes.stream().map(LocalCassandraCluster::state).toList();
    Optional<RingJmx.View> view = Optional.empty();
    for (int i = 0; i < nodes.size() && view.isEmpty(); i++) {
      if (states.get(i) == State.UP) {
        try {
          view = Optional.of(RingJmx.read(nodes.get(i).jmxPort().orElseThrow()));
        } catch (IOException | JMException e) {
          // this node answers CQL but not JMX (still starting, or shutting down): ask the next one
        }
      }
    }
    List<NodeStatus> statuses = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      LocalCassandra node = nodes.get(i);
      String endpoint = node.endpoint();
      Optional<String> load = view.map(v -> v.load().get(endpoint));
      OptionalDouble owns = view.map(v -> v.ownership().get(endpoint))
          .map(OptionalDouble::of).orElse(OptionalDouble.empty());
      statuses.add(new NodeStatus(node.index(), node.address(), nativePort, states.get(i), load, owns));
    }
    return statuses;
  }

  private static State state(LocalCassandra node) {
    if (!node.isRunning()) {
      return State.DOWN;
    }
    return node.isCqlReady() ? State.UP : State.STARTING;
  }
}
