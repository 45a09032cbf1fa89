package com.sparkify.tools.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node's cassandra.yaml and java command are, for the single node and a cluster's nodes; nothing is started. */
class LocalCassandraTest {
  private static final List<String> CLASSPATH = List.of("/repo/jamm-0.4.0.jar", "/repo/cassandra-all-5.0.9.jar");
  // ports nothing on this machine listens on, so that the status probes find nothing
  private static final int CQL_PORT = 9342;
  private static final int STORAGE_PORT = 7300;

  @TempDir Path home;

  @Test
  void theSingleNodeIsAloneOn127001WithOneTokenAndNoJmx() throws Exception {
    LocalCassandra single = new LocalCassandra(home, home, 9042, 7000, false, 1024);
    List<String> yaml = single.cassandraYaml().lines().toList();
    assertTrue(yaml.contains("listen_address: 127.0.0.1"), yaml::toString);
    assertTrue(yaml.contains("rpc_address: 127.0.0.1"), yaml::toString);
    assertTrue(yaml.contains("      - seeds: \"127.0.0.1:7000\""), yaml::toString);
    assertTrue(yaml.contains("num_tokens: 1"), yaml::toString);
    assertTrue(yaml.contains("native_transport_port: 9042"), yaml::toString);
    assertTrue(yaml.contains("storage_port: 7000"), yaml::toString);
    assertTrue(yaml.contains("  - '" + home + "/data/data'"), yaml::toString);
    assertFalse(String.join("\n", yaml).contains("allocate_tokens_for_local_replication_factor:"), yaml::toString);
    assertFalse(String.join("\n", yaml).contains("${"), "every placeholder filled in");

    List<String> command = single.javaCommand(CLASSPATH);
    assertTrue(command.stream().noneMatch(arg -> arg.startsWith("-Dcassandra.jmx")), command::toString);
    assertTrue(command.stream().noneMatch(arg -> arg.contains("sun.rmi")), command::toString);
    assertTrue(command.contains("-Dcassandra.config=" + home.resolve("conf/cassandra.yaml").toUri()), command::toString);
    assertEquals(OptionalInt.empty(), single.jmxPort());
    assertEquals("127.0.0.1", single.address());
  }

  @Test
  void clusterNodeNIsOn127000NInItsOwnFolderWithVnodesTheFirstNodeAsSeedAndAJmxPort() throws Exception {
    LocalCassandraCluster cluster = new LocalCassandraCluster(home, home, 9242, 7200, 7249, false, 512);
    LocalCassandra node2 = cluster.node(2);
    assertEquals("127.0.0.2", node2.address());
    assertEquals(home.resolve("node2"), node2.home());
    assertEquals(OptionalInt.of(7349), node2.jmxPort());
    assertEquals(OptionalInt.of(7249), cluster.node(1).jmxPort());
    assertEquals(OptionalInt.of(7449), cluster.node(3).jmxPort());

    List<String> yaml = node2.cassandraYaml().lines().toList();
    assertTrue(yaml.contains("listen_address: 127.0.0.2"), yaml::toString);
    assertTrue(yaml.contains("rpc_address: 127.0.0.2"), yaml::toString);
    assertTrue(yaml.contains("      - seeds: \"127.0.0.1:7200\""), yaml::toString);
    assertTrue(yaml.contains("num_tokens: 16"), yaml::toString);
    assertTrue(yaml.contains("allocate_tokens_for_local_replication_factor: 1"), yaml::toString);
    assertTrue(yaml.contains("endpoint_snitch: SimpleSnitch"), "SimpleSnitch: datacenter1 / rack1");
    assertTrue(yaml.contains("native_transport_port: 9242"), yaml::toString);
    assertTrue(yaml.contains("storage_port: 7200"), yaml::toString);
    assertTrue(yaml.contains("  - '" + home.resolve("node2") + "/data/data'"), yaml::toString);
    assertTrue(yaml.contains("commitlog_directory: '" + home.resolve("node2") + "/data/commitlog'"), yaml::toString);
    assertFalse(String.join("\n", yaml).contains("${"), "every placeholder filled in");

    List<String> command = node2.javaCommand(CLASSPATH);
    assertTrue(command.contains("-Dcassandra.jmx.local.port=7349"), command::toString);
    assertTrue(command.contains("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"), command::toString);
    assertTrue(command.contains("--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED"), command::toString);
    assertTrue(command.contains("-Xmx512m") && command.contains("-Xms512m"), command::toString);
    assertTrue(command.contains("-Dcassandra.config=" + home.resolve("node2/conf/cassandra.yaml").toUri()), command::toString);
    assertTrue(command.contains("-Dcassandra.storagedir=" + home.resolve("node2/data")), command::toString);
    assertTrue(command.contains("-javaagent:/repo/jamm-0.4.0.jar"), command::toString);
    assertEquals("org.apache.cassandra.service.CassandraDaemon", command.get(command.size() - 1));
    assertTrue(command.get(0).endsWith("/bin/java"), "java itself, no shell: its pid is the one --kill kills");
  }

  @Test
  void nodesAreNumberedFromOne() {
    LocalCassandraCluster cluster = new LocalCassandraCluster(home, home, 9242, 7200, 7249, false, 512);
    assertThrows(IllegalArgumentException.class, () -> cluster.node(0));
    assertThrows(IllegalArgumentException.class, () -> cluster.start(0, java.time.Duration.ofSeconds(1)));
  }

  @Test
  void theClusterIsTheNodeFoldersOfItsHomeAndNodesNotRunningAreDown() throws Exception {
    LocalCassandraCluster cluster = new LocalCassandraCluster(home, home, CQL_PORT, STORAGE_PORT, 7249, false, 512);
    assertEquals(List.of(), cluster.existingNodes());
    for (String folder : List.of("node3", "node1", "node10", "data", "logs", "node", "node0x")) {
      Files.createDirectories(home.resolve(folder));
    }
    Files.writeString(home.resolve("node1/cassandra.pid"), Long.toString(ProcessHandle.current().pid()));
    assertEquals(List.of(1, 3, 10), cluster.existingNodes().stream().map(LocalCassandra::index).toList());

    List<LocalCassandraCluster.NodeStatus> status = cluster.status();
    assertEquals(List.of("127.0.0.1", "127.0.0.3", "127.0.0.10"),
        status.stream().map(LocalCassandraCluster.NodeStatus::address).toList());
    // node1's pid file names a live process, but not a Cassandra of this home: not ours, so down
    assertTrue(status.stream().allMatch(s -> s.state() == LocalCassandraCluster.State.DOWN), status::toString);
    assertTrue(status.stream().allMatch(s -> s.load().isEmpty() && s.owns().isEmpty()), "no live node to ask");
    assertFalse(cluster.node(1).isRunning());
  }

  @Test
  void aStatusLineSaysAddressStateLoadAndShare() {
    assertEquals("node2  127.0.0.2:9042  UP        load 103.4 KiB    owns 33.6%",
        new LocalCassandraCluster.NodeStatus(2, "127.0.0.2", 9042, LocalCassandraCluster.State.UP,
            Optional.of("103.4 KiB"), OptionalDouble.of(0.33641)).line());
    assertEquals("node3  127.0.0.3:9042  DOWN      load ?            owns ?",
        new LocalCassandraCluster.NodeStatus(3, "127.0.0.3", 9042, LocalCassandraCluster.State.DOWN,
            Optional.empty(), OptionalDouble.empty()).line());
  }

  @Test
  void jmxNamesOfNodesAreMatchedByAddressAndPort() {
    assertEquals("127.0.0.2:7000", RingJmx.endpoint("/127.0.0.2:7000"));
    assertEquals("127.0.0.2:7000", RingJmx.endpoint("localhost/127.0.0.2:7000"));
    assertEquals("127.0.0.2:7000", RingJmx.endpoint("127.0.0.2:7000"));
    assertEquals("127.0.0.2:7200", new LocalCassandraCluster(home, home, 9242, 7200, 7249, false, 512).node(2).endpoint());
  }
}
