package com.sparkify.pipeline.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the job and its tools, typed and validated, built once by {@link SettingsLoader}.
 * Nothing else reads configuration or the environment.
 */
public record Settings(
    String input,
    Optional<Day> day,
    String output,
    String report,
    String rejects,
    ErrorBudget maxRejects,
    boolean dryRun,
    boolean verify,
    Duration stagingStaleAfter,
    Duration lockStaleAfter,
    Read read,
    Logging logging,
    Cassandra cassandra,
    Spark spark,
    LocalCassandra localCassandra) {

  /** A daily run: the date and the name of that day's input file (without the optional .gz). */
  public record Day(LocalDate date, String fileName) {}

  /** @param level Spark's, Hadoop's and the connector's level (the job's own lines are always at INFO) */
  public record Logging(String level, Duration progressInterval) {}

  /** @param fallbackEncoding the charset of lines that are not UTF-8; empty: such lines are rejected */
  public record Read(boolean repairMojibake, int maxRecordChars, TsRange tsRange, String fallbackEncoding) {}

  /**
   * The event times a row may have, both ends included: a {@code ts} outside would become a write time that
   * no later run could overwrite (0, negative, or in the year 50,000).
   */
  public record TsRange(Instant from, Instant to) {
    public long fromMillis() {
      return from.toEpochMilli();
    }

    public long toMillis() {
      return to.toEpochMilli();
    }
  }

  public record Cassandra(
      String host,
      int port,
      String localDc,
      String username,
      Secret password,
      String keyspace,
      Replication replication,
      List<QueryTable> tables,
      WriteMode writeMode,
      SSTables sstables,
      Map<String, String> connector) {

    /** The tables a run creates and writes. */
    public List<QueryTable> enabledTables() {
      return tables.stream().filter(QueryTable::enabled).toList();
    }

    /**
     * The consistency level the tables are written at, which reading them back uses too: the connector's in cql
     * mode, the bulk write consistency in sstable mode.
     */
    public String writeConsistency() {
      return writeMode == WriteMode.SSTABLE
          ? sstables.consistency().name()
          : connectorConf().getOrDefault("spark.cassandra.output.consistency.level", "LOCAL_QUORUM");
    }

    /** A declared table, enabled or not. */
    public Optional<QueryTable> table(String name) {
      return tables.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /** Connector settings for driver and executors: connection, credentials, then the user's tuning. */
    public Map<String, String> connectorConf() {
      Map<String, String> conf = new LinkedHashMap<>();
      conf.put("spark.cassandra.connection.host", host);
      conf.put("spark.cassandra.connection.port", Integer.toString(port));
      conf.put("spark.cassandra.connection.localDC", localDc);
      if (!username.isEmpty()) {
        conf.put("spark.cassandra.auth.username", username);
        conf.put("spark.cassandra.auth.password", password.reveal());
      }
      conf.putAll(connector);
      return conf;
    }

    /** As a record would print it, but without the values of secret connector keys (SSL store passwords). */
    @Override
    public String toString() {
      Map<String, String> shown = new LinkedHashMap<>();
      connector.forEach((key, value) -> shown.put(key, SECRET_KEY.matcher(key).find() ? "****" : value));
      return "Cassandra[host=" + host + ", port=" + port + ", localDc=" + localDc + ", username=" + username
          + ", password=" + password + ", keyspace=" + keyspace + ", replication=" + replication
          + ", tables=" + tables + ", writeMode=" + writeMode + ", sstables=" + sstables + ", connector=" + shown + "]";
    }
  }

  /** How the query tables are written: through CQL (the connector), or as SSTables streamed to the nodes. */
  public enum WriteMode { CQL, SSTABLE }

  /**
   * The SSTable write mode's: the size of one file, how many rows one task writes at most, where tasks
   * build their files (empty: the JVM's temp folder), how fast one executor JVM streams (0: unlimited), how
   * many replicas of each token range must receive their files, and how long one task may stream.
   */
  public record SSTables(int maxSizeMib, long rowsPerTask, String workDir, int streamThroughputMib,
      BulkConsistency consistency, Duration streamTimeout) {}

  /** Replicas of a token range that must have received their files, as Cassandra Analytics' bulk_writer_cl. */
  public enum BulkConsistency { ALL, QUORUM, LOCAL_QUORUM, EACH_QUORUM, ONE }

  // Spark's own spark.redaction.regex default
  private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token");

  /** Keyspace replication: SimpleStrategy with a factor, or NetworkTopologyStrategy with one per DC. */
  public record Replication(String strategy, int replicationFactor, Map<String, Integer> dataCenters) {}

  /** @param quickJvmMaxInputMib the largest input scripts/sparkify run starts a quick-start JVM for (0: none) */
  public record Spark(String localMaster, Map<String, String> conf, Map<String, String> localConf, int quickJvmMaxInputMib) {}

  /**
   * @param nodes   1: the single node on 127.0.0.1; more: a local cluster on 127.0.0.1 to 127.0.0.N
   * @param jmxPort a cluster's node 1's JMX port; node N's is 100 × (N − 1) higher
   */
  public record LocalCassandra(
      Path home, int nodes, int storagePort, int jmxPort, int heapMb, boolean passwordAuth, Duration startTimeout) {}
}
