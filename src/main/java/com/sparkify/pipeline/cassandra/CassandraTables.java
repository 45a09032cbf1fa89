package com.sparkify.pipeline.cassandra;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.spark.connector.cql.CassandraConnector;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.spark.Observed;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.pipeline.transform.TableProjection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Talks to Cassandra for the job: creates keyspace and tables, and writes DataFrames through the connector. */
public final class CassandraTables {
  // The connector ships no DataSourceRegister entry for the short name "cassandra".
  private static final String FORMAT = "org.apache.spark.sql.cassandra";
  private static final Duration SCHEMA_REFRESH_LIMIT = Duration.ofSeconds(10);

  private final Settings.Cassandra settings;
  private final CassandraSchema schema;
  private final CassandraConnector connector;

  /**
   * The settings' connection wins over whatever the Spark conf holds, so a shared session (tests, notebooks)
   * writes where these settings point.
   */
  public CassandraTables(Settings.Cassandra settings, SparkConf sparkConf) {
    this.settings = settings;
    this.schema = new CassandraSchema(settings);
    SparkConf conf = sparkConf.clone();
    connectorConf(settings).forEach(conf::set);
    this.connector = CassandraConnector.apply(conf);
  }

  /** The settings' connector keys, with our session factory unless the user's keys name another. */
  public static Map<String, String> connectorConf(Settings.Cassandra settings) {
    Map<String, String> conf = new LinkedHashMap<>();
    // writes retried on another coordinator when a node dies mid-write
    conf.put("spark.cassandra.connection.factory", IdempotentSessionFactory.class.getName());
    conf.putAll(settings.connectorConf());
    return conf;
  }

  /** The connector with the job's connection settings, whose sessions executors share. */
  CassandraConnector connector() {
    return connector;
  }

  public CassandraSchema schema() {
    return schema;
  }

  /**
   * Connects (failing fast with the host and port to check), checks that the declared tables that exist have
   * their declared definition, and creates what is missing. What exists is read from the driver's schema
   * metadata, which it fetched when connecting: a run against existing tables sends no DDL (each statement
   * waits for schema agreement).
   */
  public void create() {
    try (CqlSession session = openSession()) {
      Optional<KeyspaceMetadata> keyspace = checkedKeyspace(session);
      if (keyspace.isEmpty()) {
        session.execute(schema.createKeyspace());
      }
      missingTables(keyspace).forEach(table -> session.execute(schema.createTable(table)));
    } catch (SparkifyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SparkifyException(ExitStatus.CASSANDRA_UNREACHABLE, "creating keyspace " + schema.keyspace()
          + " and its tables at " + settings.host() + ":" + settings.port() + " failed: " + Failures.rootMessage(e), e);
    }
  }

  /**
   * For a dry run: connects and checks as {@link #create()} would, and says what a real run would create, as
   * "keyspace k" or "table k.t"; empty when everything exists. Nothing is changed.
   */
  public List<String> missing() {
    try (CqlSession session = openSession()) {
      Optional<KeyspaceMetadata> keyspace = checkedKeyspace(session);
      if (keyspace.isEmpty()) {
        return List.of("keyspace " + schema.keyspace());
      }
      return missingTables(keyspace).stream().map(table -> "table " + schema.qualified(table)).toList();
    }
  }

  /** The keyspace as the cluster has it now, its existing declared tables checked against their declarations. */
  private Optional<KeyspaceMetadata> checkedKeyspace(CqlSession session) {
    Optional<KeyspaceMetadata> keyspace = currentSchema(session).getKeyspace(schema.keyspace());
    keyspace.ifPresent(this::checkDefinitions);
    return keyspace;
  }

  /**
   * The schema as the cluster has it now. The session is the connector's, cached per JVM across runs (tests,
   * scripts/sparkify run's one JVM), and its metadata follows changes made elsewhere only after a debounce: a
   * keyspace dropped a moment before still looked present, the run skipped its DDL and its writes found no
   * keyspace. A refresh that cannot finish (the control connection reconnecting after a node was lost) falls
   * back to what the session knows, which lets such a run go on as before.
   */
  static Metadata currentSchema(CqlSession session) {
    try {
      return session.refreshSchemaAsync().toCompletableFuture().get(SCHEMA_REFRESH_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return session.getMetadata();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return session.getMetadata();
    }
  }

  private List<QueryTable> missingTables(Optional<KeyspaceMetadata> keyspace) {
    return settings.enabledTables().stream()
        .filter(table -> keyspace.flatMap(k -> k.getTable(table.name())).isEmpty())
        .toList();
  }

  /**
   * A table that exists with another key, another clustering order or without a declared column is not altered
   * or dropped behind the user's back (the data in it was written for another question): the run stops first.
   */
  private void checkDefinitions(KeyspaceMetadata keyspace) {
    for (QueryTable table : settings.enabledTables()) {
      keyspace.getTable(table.name()).ifPresent(existing -> {
        TableDefinition found = TableDefinition.of(existing);
        TableDefinition declared = TableDefinition.of(table);
        if (!found.admits(declared)) {
          throw new SparkifyException(ExitStatus.BAD_USAGE, "table " + schema.qualified(table)
              + " exists in Cassandra with another definition than sparkify.cassandra.tables." + table.name()
              + " declares; nothing was altered or dropped. In Cassandra: " + found + "; declared: " + declared
              + ". Drop the table (DROP TABLE " + schema.qualified(table) + ") or declare the new one under another name.");
        }
      });
    }
  }

  /** Appends the rows (an upsert by primary key) and returns how many the write consumed. */
  public long write(Dataset<Row> rows, QueryTable table) {
    Observation written = Observed.create("written-" + table.name());
    try {
      rows.observe(written, count(lit(1)).as("rows"))
          .write()
          .format(FORMAT)
          .options(connectorConf(settings))
          .option("keyspace", schema.keyspace())
          .option("table", table.name())
          .option("writetime", TableProjection.WRITETIME)
          .mode(SaveMode.Append)
          .save();
      return Observed.count(written, "rows");
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new SparkifyException(
          ExitStatus.WRITE_FAILED, "writing " + schema.qualified(table) + " failed: " + Failures.writeFailure(e), e);
    }
  }

  /** A session with the same connection settings as the job's writers; the caller closes it. */
  public CqlSession openSession() {
    try {
      return connector.openSession();
    } catch (Exception e) { // the connector throws its IOException undeclared
      String where = "Cassandra at " + settings.host() + ":" + settings.port();
      if (isAuthenticationFailure(e)) {
        throw new SparkifyException(ExitStatus.CASSANDRA_UNREACHABLE,
            where + " refused the login of user '" + settings.username() + "': check sparkify.cassandra.username and"
                + " sparkify.cassandra.password (or SPARKIFY_CASSANDRA_USERNAME / SPARKIFY_CASSANDRA_PASSWORD)", e);
      }
      throw new SparkifyException(ExitStatus.CASSANDRA_UNREACHABLE,
          "cannot connect to " + where + " (check sparkify.cassandra.host and sparkify.cassandra.port, or"
              + " --cassandra-host): " + Failures.rootMessage(e), e);
    }
  }

  private static boolean isAuthenticationFailure(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthenticationException) {
        return true;
      }
      if (cause instanceof AllNodesFailedException failed
          && failed.getAllErrors().values().stream().flatMap(List::stream).anyMatch(AuthenticationException.class::isInstance)) {
        return true;
      }
    }
    return false;
  }
}
