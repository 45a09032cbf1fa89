package com.sparkify.tools.cassandra;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.typesafe.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sparkify cassandra start|stop|status}, and {@code ensure}, which the run command uses: start the
 * local node (or cluster) only when the configured host is this machine and nothing answers there.
 */
public final class LocalCassandraMain {
  static final String USAGE =
      """
      Usage: sparkify cassandra start [--nodes N] | stop [--node N] [--kill] | status
                                [--config FILE] [-Dsparkify.KEY=VALUE ...]
        start              a single-node Cassandra on 127.0.0.1:<sparkify.cassandra.port>, or reuse the one answering
        start --nodes N    a local cluster: node N on 127.0.0.N, started one after the other; nodes of it that
                           answer are reused (sets sparkify.local-cassandra.nodes)
        stop               stop every node that start started (never another one)
        stop --node N      stop node N of the cluster (the one on 127.0.0.N)
        stop ... --kill    SIGKILL instead of a clean shutdown: a crash, for fault drills
        status             a cluster: one line per node (address, up/down, load, owned share of the ring);
                           the single node: where it is, its data folder, and whether CQL answers
      """;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private LocalCassandraMain() {}

  public static void main(String[] args) {
    System.exit(run(args).code());
  }

  /** The flags only this tool has; what is left goes to the settings' command line. */
  record Flags(Optional<Integer> node, boolean kill, List<String> rest) {
    static Flags parse(String[] args) {
      Optional<Integer> node = Optional.empty();
      boolean kill = false;
      List<String> rest = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--nodes" -> rest.add("-Dsparkify.local-cassandra.nodes=" + number(args, ++i, "--nodes"));
          case "--node" -> {
            int n = number(args, ++i, "--node");
            if (n < 1) {
              throw new IllegalArgumentException("--node counts from 1 (the node on 127.0.0.1), got " + n);
            }
            node = Optional.of(n);
          }
          case "--kill" -> kill = true;
          default -> rest.add(args[i]);
        }
      }
      return new Flags(node, kill, rest);
    }

    private static int number(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a number");
      }
      try {
        return Integer.parseInt(args[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " needs a number, got '" + args[i] + "'");
      }
    }
  }

  public static ExitStatus run(String[] args) {
    String verb;
    Settings settings;
    Flags flags;
    try {
      flags = Flags.parse(args);
      CommandLine commandLine = CommandLine.parse(flags.rest().toArray(String[]::new));
      List<String> words = commandLine.positional();
      if (commandLine.help() || words.isEmpty()) {
        System.out.print(USAGE);
        return commandLine.help() ? ExitStatus.OK : ExitStatus.BAD_USAGE;
      }
      verb = words.get(0);
      if ((flags.node().isPresent() || flags.kill()) && !verb.equals("stop")) {
        throw new IllegalArgumentException("--node and --kill go with stop only");
      }
      settings = SettingsLoader.load(commandLine);
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("sparkify cassandra: " + e.getMessage());
      return ExitStatus.BAD_USAGE;
    }
    Settings.LocalCassandra local = settings.localCassandra();
    Path project = Path.of("").toAbsolutePath();
    LocalCassandra single =
        new LocalCassandra(local.home(), project, settings.cassandra().port(), local.storagePort(),
            local.passwordAuth(), local.heapMb());
    LocalCassandraCluster cluster =
        new LocalCassandraCluster(local.home(), project, settings.cassandra().port(), local.storagePort(),
            local.jmxPort(), local.passwordAuth(), local.heapMb());
    try {
      switch (verb) {
        case "start" -> start(single, cluster, local);
        case "ensure" -> {
          if (isThisMachine(settings.cassandra().host())) {
            start(single, cluster, local);
          }
        }
        case "stop" -> {
          return stop(single, cluster, flags);
        }
        case "status" -> {
          return status(single, cluster);
        }
        default -> {
          System.err.println("sparkify cassandra: unknown command '" + verb + "'");
          System.err.print(USAGE);
          return ExitStatus.BAD_USAGE;
        }
      }
      return ExitStatus.OK;
    } catch (Exception e) {
      System.err.println("sparkify cassandra: " + verb + " failed: " + e.getMessage());
      return ExitStatus.CASSANDRA_UNREACHABLE;
    }
  }

  private static void start(LocalCassandra single, LocalCassandraCluster cluster, Settings.LocalCassandra local)
      throws Exception {
    if (local.nodes() == 1) {
      LocalCassandra.StartResult result = single.start(local.startTimeout());
      System.out.println(
          result == LocalCassandra.StartResult.STARTED
              ? "Cassandra started on 127.0.0.1:" + single.nativePort() + " (data in " + single.home() + ")"
              : "Cassandra already answering on 127.0.0.1:" + single.nativePort());
      return;
    }
    long begin = System.nanoTime();
    for (LocalCassandraCluster.Started started : cluster.start(local.nodes(), local.startTimeout())) {
      LocalCassandra node = started.node();
      System.out.println(
          started.result() == LocalCassandra.StartResult.STARTED
              ? "node" + node.index() + " started on " + node.address() + ":" + node.nativePort()
                  + " (data in " + node.home() + ", JMX on 127.0.0.1:" + node.jmxPort().orElseThrow() + ")"
              : "node" + node.index() + " already answering on " + node.address() + ":" + node.nativePort());
    }
    System.out.printf("%d nodes answering CQL (%.0f s)%n", local.nodes(), (System.nanoTime() - begin) / 1e9);
  }

  private static ExitStatus stop(LocalCassandra single, LocalCassandraCluster cluster, Flags flags) throws Exception {
    String how = flags.kill() ? "killed (SIGKILL)" : "stopped";
    if (flags.node().isPresent()) {
      LocalCassandra node = cluster.node(flags.node().get());
      boolean stopped = !cluster.stop(List.of(node), flags.kill(), STOP_TIMEOUT).isEmpty();
      System.out.println(stopped
          ? "node" + node.index() + " on " + node.address() + ":" + node.nativePort() + " " + how
          : "no Cassandra started from " + node.home() + " is running");
      return ExitStatus.OK;
    }
    List<LocalCassandra> all = new ArrayList<>(cluster.existingNodes());
    all.add(single);
    List<LocalCassandra> stopped = cluster.stop(all, flags.kill(), STOP_TIMEOUT);
    for (LocalCassandra node : stopped) {
      System.out.println(node == single
          ? "Cassandra on 127.0.0.1:" + node.nativePort() + " " + how
          : "node" + node.index() + " on " + node.address() + ":" + node.nativePort() + " " + how);
    }
    if (stopped.isEmpty()) {
      System.out.println("no Cassandra started from " + cluster.home() + " is running");
    }
    return ExitStatus.OK;
  }

  /** OK when every node answers CQL; CASSANDRA_UNREACHABLE when one does not, so that scripts can tell. */
  private static ExitStatus status(LocalCassandra single, LocalCassandraCluster cluster) throws Exception {
    // the single node and a cluster never run side by side (start refuses), so the running one is shown
    if (single.isRunning() || cluster.existingNodes().isEmpty()) {
      System.out.println(single.status());
      return single.isCqlReady() ? ExitStatus.OK : ExitStatus.CASSANDRA_UNREACHABLE;
    }
    List<LocalCassandraCluster.NodeStatus> nodes = cluster.status();
    nodes.forEach(node -> System.out.println(node.line()));
    return nodes.stream().allMatch(LocalCassandraCluster.NodeStatus::up) ? ExitStatus.OK : ExitStatus.CASSANDRA_UNREACHABLE;
  }

  private static boolean isThisMachine(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
