package com.sparkify.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.spark.connector.cql.CassandraConnector;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.tools.cassandra.LocalCassandra;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.tables.QueryTable;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Cassandra for the whole test run, on ports of its own so that a developer's node on 9042 is
 * neither reused nor disturbed. Started by the first test class that needs it; stopped when the JUnit run
 * ends, whether the tests passed or not (and by a shutdown hook if the JVM is torn down first). It
 * requires a login, as production clusters do: the tests log in as a role of their own, whose password
 * reaches the job only through the environment.
 */
public final class TestCassandra implements BeforeAllCallback {
  // set by the build (pom.xml): a second working copy's tests beside these take other ports
  public static final int PORT = Integer.getInteger("sparkify.it.port", 9142);
  public static final String USER = "sparkify_it";
  /** Distinctive, so that a test can search the job's output and files for it. */
  public static final String PASSWORD = "It-s3cret-Pw-7f3a";
  public static final int STORAGE_PORT = Integer.getInteger("sparkify.it.storage-port", 7100);
  private static volatile Node node;

  @Override
  public void beforeAll(ExtensionContext context) {
    node = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Node.class, k -> Node.start(), Node.class);
  }

  /** The settings arguments that point the job and the tools at this node, with a keyspace of the test's own. */
  public static String[] settingsArgs(String keyspace) {
    return new String[] {"--cassandra-host", "127.0.0.1", "-Dsparkify.cassandra.port=" + PORT, "--keyspace", keyspace};
  }

  /**
   * The settings arguments for a project script run as its own process: this node, the keyspace, and an empty
   * settings file of the test's own, so that the working copy's conf/application.conf stays out of the test.
   */
  public static List<String> scriptArgs(String keyspace, Path work) {
    try {
      Path noUserSettings = Files.writeString(work.resolve("no-user-settings.conf"), "");
      List<String> args = new ArrayList<>(List.of(settingsArgs(keyspace)));
      args.addAll(List.of("--config", noUserSettings.toString()));
      return args;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The credentials, as the job reads them from the environment. */
  public static Map<String, String> environment() {
    return Map.of("SPARKIFY_CASSANDRA_USERNAME", USER, "SPARKIFY_CASSANDRA_PASSWORD", PASSWORD);
  }

  /** The job's settings for this node: the arguments given, this node's address and the credentials. */
  public static Settings settings(String keyspace, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(settingsArgs(keyspace)));
    return SettingsLoader.load(CommandLine.parse(all.toArray(String[]::new)), environment(), new Properties(), Optional.empty());
  }

  public static CqlSession session() {
    return session(USER, PASSWORD);
  }

  private static CqlSession session(String user, String password) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", PORT))
        .withLocalDatacenter("datacenter1")
        .withAuthCredentials(user, password)
        // schema changes (DROP KEYSPACE) on a busy 2-core machine take longer than the driver's 2 s default
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .build())
        .build();
  }

  /** Rows of a table as text, sorted: two tables with the same rows give equal lists. */
  public static List<String> dump(CqlSession cql, String keyspace, String table) {
    List<String> rows = new ArrayList<>();
    for (com.datastax.oss.driver.api.core.cql.Row row : cql.execute("SELECT * FROM " + keyspace + "." + table)) {
      rows.add(row.getFormattedContents());
    }
    rows.sort(null);
    return rows;
  }

  /**
   * Rows of a table as text, sorted, each column beside its write time (WRITETIME of each non-key column):
   * equal lists for tables with the same values written at the same times.
   */
  public static List<String> dumpWithWriteTimes(CqlSession cql, String keyspace, QueryTable table) {
    List<String> selected = new ArrayList<>(table.primaryKey());
    table.columns().forEach(column -> selected.addAll(List.of(column, "WRITETIME(" + column + ")")));
    List<String> rows = new ArrayList<>();
    for (com.datastax.oss.driver.api.core.cql.Row row
        : cql.execute("SELECT " + String.join(", ", selected) + " FROM " + keyspace + "." + table.name())) {
      rows.add(row.getFormattedContents());
    }
    rows.sort(null);
    return rows;
  }

  /** Stops the node, as an operator or a crash would, for fault tests; {@link #start()} brings it back. */
  public static void stop() {
    node.stop();
  }

  public static void start() throws InterruptedException {
    node.start(Duration.ofMinutes(3));
    // The connector keeps sessions per connection settings, and the ones from before the outage are still
    // backing off (one still held by a task that was cancelled is not even evicted); later tests, like a new
    // process, must find a session that reaches the node again.
    CassandraTables tables = new CassandraTables(settings("system").cassandra(), SharedSpark.spark().sparkContext().getConf());
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      CassandraConnector.evictCache();
      try (CqlSession session = tables.openSession()) {
        session.execute("SELECT release_version FROM system.local");
        // the connector reads table metadata through the control connection, which reconnects on a schedule of
        // its own: a query can already succeed while a write still fails ("Control channel not available");
        // the blocking refreshSchema() once never returned here, so each try is given a limit
        session.refreshSchemaAsync().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return;
      } catch (RuntimeException | ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the connector could not reach the restarted node: " + e.getMessage(), e);
        }
      }
      Thread.sleep(1000);
    }
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
      Node node = new Node(new LocalCassandra(project.resolve("target/it-cassandra"), project, PORT, STORAGE_PORT, true, 1024));
      node.start(Duration.ofMinutes(3));
      try (CqlSession admin = session(LocalCassandra.DEFAULT_USER, LocalCassandra.DEFAULT_PASSWORD)) {
        admin.execute("CREATE ROLE IF NOT EXISTS " + USER + " WITH PASSWORD = '" + PASSWORD + "' AND LOGIN = true AND SUPERUSER = true");
      }
      return node;
    }

    void start(Duration timeout) {
      try {
        cassandra.start(timeout);
      } catch (Exception e) {
        throw new IllegalStateException("the test Cassandra did not start: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      stop();
    }

    void stop() {
      try {
        cassandra.stop(Duration.ofSeconds(60));
      } catch (Exception e) {
        System.err.println("could not stop the test Cassandra: " + e.getMessage());
      }
    }
  }
}
