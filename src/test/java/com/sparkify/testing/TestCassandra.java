package com.sparkify.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.sparkify.tools.cassandra.LocalCassandra;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Cassandra for the whole test run, on ports of its own so that a developer's node on 9042 is
 * neither reused nor disturbed. Started by the first test class that needs it; stopped when the JUnit run
 * ends, whether the tests passed or not (and by a shutdown hook if the JVM is torn down first).
 */
public final class TestCassandra implements BeforeAllCallback {
  public static final int PORT = 9142;
  private static final int STORAGE_PORT = 7100;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Node.class, k -> Node.start(), Node.class);
  }

  /** The settings arguments that point the job and the tools at this node, with a keyspace of the test's own. */
  public static String[] settingsArgs(String keyspace) {
    return new String[] {"--cassandra-host", "127.0.0.1", "-Dsparkify.cassandra.port=" + PORT, "--keyspace", keyspace};
  }

  public static CqlSession session() {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", PORT))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  private static final class Node implements ExtensionContext.Store.CloseableResource {
    private final LocalCassandra cassandra;
    private final Thread stopOnExit;

    private Node(LocalCassandra cassandra) {
      this.cassandra = cassandra;
      this.stopOnExit = new Thread(this::stop);
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static Node start() {
      Path project = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();
      LocalCassandra cassandra =
          new LocalCassandra(project.resolve("target/it-cassandra"), project, PORT, STORAGE_PORT, false, 1024);
      try {
        cassandra.start(Duration.ofMinutes(3));
      } catch (Exception e) {
        throw new IllegalStateException("the test Cassandra did not start: " + e.getMessage(), e);
      }
      return new Node(cassandra);
    }

    @Override
    public void close() {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      stop();
    }

    private void stop() {
      try {
        cassandra.stop(Duration.ofSeconds(60));
      } catch (Exception e) {
        System.err.println("could not stop the test Cassandra: " + e.getMessage());
      }
    }
  }
}
