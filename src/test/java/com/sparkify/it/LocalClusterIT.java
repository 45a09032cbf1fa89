package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.sparkify.testing.ScriptRun;
import com.sparkify.tools.cassandra.LocalCassandra;
import com.sparkify.tools.cassandra.LocalCassandraCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `scripts/sparkify cassandra` with a local 3-node cluster, as a user runs it: start, status, a node killed and
 * brought back, stop. On ports of its own (CQL 9242, storage 7200 on 127.0.0.1-3, JMX 7249/7349/7449) and under
 * target/, so that the suite's node (9142/7100) and a developer's (9042/7000, JMX 7199...) are left alone.
 */
class LocalClusterIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
  private static final Path HOME = PROJECT.resolve("target/it-cluster");
  private static final int CQL_PORT = 9242;
  private static final List<String> SETTINGS = List.of(
      "-Dsparkify.local-cassandra.home=" + HOME,
      "-Dsparkify.cassandra.port=" + CQL_PORT,
      "-Dsparkify.local-cassandra.storage-port=7200",
      "-Dsparkify.local-cassandra.jmx-port=7249",
      "-Dsparkify.local-cassandra.heap-mb=512");
  private static final Pattern STATUS_LINE =
      Pattern.compile("(?m)^node(\\d)  127\\.0\\.0\\.(\\d):9242  (UP|DOWN|STARTING) +load (\\S+ ?\\S*) +owns ([\\d.]+)%$");

  @TempDir Path work;

  @Test
  void threeNodesStartAnswerShowInStatusSurviveAKillAndStop() throws Exception {
    LocalCassandraCluster cluster = new LocalCassandraCluster(HOME, PROJECT, CQL_PORT, 7200, 7249, false, 512);
    killAll(cluster); // a run cut short earlier may have left nodes behind
    deleteNodeFolders();
    try {
      // the home's single node and the cluster never run side by side
      ScriptRun single = cassandra("start");
      assertEquals(0, single.exit(), single.output());
      assertTrue(single.output().contains("Cassandra started on 127.0.0.1:9242"), single.output());
      ScriptRun refused = cassandra("start", "--nodes", "3");
      assertEquals(5, refused.exit(), refused.output());
      assertTrue(refused.output().contains("sparkify cassandra: start failed: the single-node Cassandra of " + HOME
          + " is running on 127.0.0.1:9242; stop it first: scripts/sparkify cassandra stop"), refused.output());
      assertFalse(Files.exists(HOME.resolve("node2")), "no cluster node started");
      ScriptRun stopSingle = cassandra("stop", "--kill");
      assertTrue(stopSingle.output().contains("Cassandra on 127.0.0.1:9242 killed (SIGKILL)"), stopSingle.output());

      long begin = System.nanoTime();
      ScriptRun start = cassandra("start", "--nodes", "3");
      System.out.printf("three fresh nodes answered CQL after %.1f s%n", (System.nanoTime() - begin) / 1e9);
      assertEquals(0, start.exit(), start.output());
      for (int n = 1; n <= 3; n++) {
        assertTrue(start.output().contains("node" + n + " started on 127.0.0." + n + ":9242"), start.output());
      }
      assertEachNodeAnswersCql(Set.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));

      ScriptRun status = cassandra("status");
      assertEquals(0, status.exit(), status.output());
      assertEquals(List.of("UP", "UP", "UP"), states(status));
      double owned = 0;
      for (Matcher line = STATUS_LINE.matcher(status.output()); line.find(); ) {
        assertEquals(line.group(1), line.group(2), "node N is on 127.0.0.N");
        owned += Double.parseDouble(line.group(5));
        // allocated vnodes give each of three about a third (26-37 % seen); a random token could give one 5 %
        assertTrue(Double.parseDouble(line.group(5)) > 15, "vnodes balanced: " + status.output());
      }
      assertEquals(100.0, owned, 0.5, status.output());

      // --kill is a crash of Cassandra's own JVM, not of a wrapper around it
      ProcessHandle node2 = ProcessHandle.of(Long.parseLong(Files.readString(HOME.resolve("node2/cassandra.pid")).trim()))
          .orElseThrow();
      assertTrue(node2.info().command().orElseThrow().endsWith("/java"), node2.info().toString());
      assertTrue(node2.info().arguments().map(List::of).orElseThrow().contains("org.apache.cassandra.service.CassandraDaemon"));
      ScriptRun kill = cassandra("stop", "--node", "2", "--kill");
      assertEquals(0, kill.exit(), kill.output());
      assertTrue(kill.output().contains("node2 on 127.0.0.2:9242 killed (SIGKILL)"), kill.output());
      assertFalse(node2.isAlive());
      ScriptRun degraded = cassandra("status");
      assertEquals(5, degraded.exit(), degraded.output());
      assertEquals(List.of("UP", "DOWN", "UP"), states(degraded));

      ScriptRun restart = cassandra("start", "--nodes", "3");
      assertEquals(0, restart.exit(), restart.output());
      assertTrue(restart.output().contains("node1 already answering on 127.0.0.1:9242"), restart.output());
      assertTrue(restart.output().contains("node2 started on 127.0.0.2:9242"), restart.output());
      assertTrue(restart.output().contains("node3 already answering on 127.0.0.3:9242"), restart.output());
      assertEquals(List.of("UP", "UP", "UP"), states(cassandra("status")));
      assertEachNodeAnswersCql(Set.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));

      List<ProcessHandle> processes = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        processes.add(ProcessHandle.of(Long.parseLong(Files.readString(HOME.resolve("node" + n + "/cassandra.pid")).trim()))
            .orElseThrow());
      }
      ScriptRun stop = cassandra("stop");
      assertEquals(0, stop.exit(), stop.output());
      for (int n = 1; n <= 3; n++) {
        assertTrue(stop.output().contains("node" + n + " on 127.0.0." + n + ":9242 stopped"), stop.output());
      }
      assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "every node's JVM ended");
      assertEquals(List.of("DOWN", "DOWN", "DOWN"), states(cassandra("status")));
    } finally {
      killAll(cluster);
    }
  }

  /** Every node answers a query itself, and each knows all the others as up. */
  private static void assertEachNodeAnswersCql(Set<String> addresses) {
    try (CqlSession cql = CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", CQL_PORT))
        .withLocalDatacenter("datacenter1")
        .build()) {
      Collection<Node> nodes = cql.getMetadata().getNodes().values();
      Set<String> answered = new TreeSet<>();
      for (Node node : nodes) {
        assertEquals("datacenter1", node.getDatacenter());
        assertEquals(NodeState.UP, node.getState(), node.toString());
        var row = cql.execute(SimpleStatement.newInstance("SELECT broadcast_address FROM system.local").setNode(node)).one();
        answered.add(row.getInetAddress("broadcast_address").getHostAddress());
        long peers = cql.execute(SimpleStatement.newInstance("SELECT peer FROM system.peers_v2").setNode(node)).all().size();
        assertEquals(addresses.size() - 1, peers, "peers of " + node);
      }
      assertEquals(new TreeSet<>(addresses), answered);
    }
  }

  private static List<String> states(ScriptRun status) {
    List<String> states = new ArrayList<>();
    for (Matcher line = Pattern.compile("(?m)^node\\d  \\S+  (UP|DOWN|STARTING) ").matcher(status.output()); line.find(); ) {
      states.add(line.group(1));
    }
    return states;
  }

  /** The command with this test's settings, and an empty settings file so that the working copy's stays out. */
  private ScriptRun cassandra(String... args) throws IOException, InterruptedException {
    List<String> command = ScriptRun.sparkify("cassandra");
    command.addAll(List.of(args));
    command.addAll(SETTINGS);
    command.addAll(List.of("--config", Files.writeString(work.resolve("no-user-settings.conf"), "").toString()));
    return ScriptRun.of(work, command, env -> {});
  }

  /** Whatever this test's home runs, killed: fast, and a test that failed midway leaves nothing behind. */
  private static void killAll(LocalCassandraCluster cluster) throws IOException, InterruptedException {
    List<LocalCassandra> nodes = new ArrayList<>(cluster.existingNodes());
    nodes.add(new LocalCassandra(HOME, PROJECT, CQL_PORT, 7200, false, 512));
    cluster.stop(nodes, true, Duration.ofSeconds(30));
  }

  private static void deleteNodeFolders() throws IOException {
    // the cached classpath of cassandra-all stays: resolving it again is a Maven run
    for (String folder : List.of("node1", "node2", "node3", "conf", "data", "logs")) {
      Path path = HOME.resolve(folder);
      if (Files.exists(path)) {
        try (var files = Files.walk(path)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
