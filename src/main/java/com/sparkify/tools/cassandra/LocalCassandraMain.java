package com.sparkify.tools.cassandra;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.typesafe.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code sparkify cassandra start|stop|status}, and {@code ensure}, which the run command uses: start the
 * local node only when the configured host is this machine and nothing answers there.
 */
public final class LocalCassandraMain {
  static final String USAGE =
      """
      Usage: sparkify cassandra start|stop|status [--config FILE] [-Dsparkify.KEY=VALUE ...]
        start   start a single-node Cassandra on 127.0.0.1:<sparkify.cassandra.port>, or reuse the one answering
        stop    stop the node that start started (never another one)
        status  where the node is, its data folder, and whether CQL answers
      """;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private LocalCassandraMain() {}

  public static void main(String[] args) {
    System.exit(run(args).code());
  }

  static ExitStatus run(String[] args) {
    String verb;
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      List<String> words = commandLine.positional();
      if (commandLine.help() || words.isEmpty()) {
        System.out.print(USAGE);
        return commandLine.help() ? ExitStatus.OK : ExitStatus.BAD_USAGE;
      }
      verb = words.get(0);
      settings = SettingsLoader.load(commandLine);
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("sparkify cassandra: " + e.getMessage());
      return ExitStatus.BAD_USAGE;
    }
    Settings.LocalCassandra local = settings.localCassandra();
    LocalCassandra node =
        new LocalCassandra(
            local.home(),
            Path.of("").toAbsolutePath(),
            settings.cassandra().port(),
            local.storagePort(),
            local.passwordAuth(),
            local.heapMb());
    try {
      switch (verb) {
        case "start" -> start(node, local.startTimeout());
        case "ensure" -> {
          if (isThisMachine(settings.cassandra().host())) {
            start(node, local.startTimeout());
          }
        }
        case "stop" -> System.out.println(
            node.stop(STOP_TIMEOUT)
                ? "Cassandra on 127.0.0.1:" + node.nativePort() + " stopped"
                : "no Cassandra started from " + node.home() + " is running");
        case "status" -> {
          System.out.println(node.status());
          return node.isCqlReady() ? ExitStatus.OK : ExitStatus.CASSANDRA_UNREACHABLE;
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

  private static void start(LocalCassandra node, Duration timeout) throws Exception {
    LocalCassandra.StartResult result = node.start(timeout);
    System.out.println(
        result == LocalCassandra.StartResult.STARTED
            ? "Cassandra started on 127.0.0.1:" + node.nativePort() + " (data in " + node.home() + ")"
            : "Cassandra already answering on 127.0.0.1:" + node.nativePort());
  }

  private static boolean isThisMachine(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
