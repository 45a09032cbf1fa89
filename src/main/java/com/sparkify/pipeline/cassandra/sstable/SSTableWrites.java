package com.sparkify.pipeline.cassandra.sstable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.pipeline.transform.TableProjection;
import com.sparkify.pipeline.transform.TokenOrder;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSTable write mode: each task gets a token range of a table's rows in SSTable order, writes them as
 * SSTables into a folder of its own, streams them to every replica and removes the folder, whatever happens.
 * Only each task's small summary comes back to the driver.
 */
public final class SSTableWrites {
  /** Fewer rows than this per task would only make more, smaller files. */
  private static final long MIN_ROWS_PER_TASK = 50_000;
  private static final Map<String, SSTables.Table> TABLES = new ConcurrentHashMap<>();
  private static final Logger LOG = LoggerFactory.getLogger(SSTableWrites.class);

  private final Settings.Cassandra settings;
  private final CassandraSchema schema;
  private final Path runFolder;

  /** @param runId names this run's folder under the work folder, which {@link #close} removes on the driver */
  public SSTableWrites(Settings.Cassandra settings, String runId) {
    this.settings = settings;
    this.schema = new CassandraSchema(settings);
    this.runFolder = workFolder(settings.sstables().workDir()).resolve("sparkify-sstables-" + runId);
  }

  /**
   * Writes and streams the table's rows of these song rows, projected as in the CQL mode (same columns, same
   * write times), and says what was loaded.
   *
   * @param rows how many song rows there are, to choose the number of tasks
   */
  public RunReport.SSTablesLine write(Dataset<Row> songRows, QueryTable table, long rows, int parallelism) {
    String keyspace = schema.keyspace();
    String create = schema.createTable(table);
    String insert = schema.insertWithWriteTime(table);
    List<String> partitionKey = QueryTable.stored(table.partitionKey());
    UDF1<Row, Long> tokenOf = key -> tableOf(keyspace, create, insert).token(values(key));
    Column token = udf(tokenOf, DataTypes.LongType).apply(struct(partitionKey.stream().map(c -> col(c)).toArray(Column[]::new)));
    Dataset<Row> projected = TableProjection.of(
        table, TokenOrder.partitioned(table, songRows, tasks(rows, parallelism, settings.sstables().rowsPerTask())));
    Dataset<Row> ordered = TokenOrder.sorted(table, projected, token);
    try {
      TaskWrite task = new TaskWrite(keyspace, table.name(), create, insert, runFolder.toString(),
          settings.sstables().maxSizeMib(), target(), new Check(settings.sstables().consistency(), settings.localDc(),
          dataCenters(songRows.sparkSession().sparkContext().getConf())), settings.sstables().streamTimeout());
      List<TaskResult> results = ordered.javaRDD().mapPartitions(task).collect();
      TreeSet<String> replicas = new TreeSet<>();
      TreeSet<String> missed = new TreeSet<>();
      results.forEach(result -> replicas.addAll(result.replicas()));
      results.forEach(result -> missed.addAll(result.missed()));
      if (!missed.isEmpty()) {
        LOG.warn("{}: replicas {} missed files of this load, which is complete at {} without them: repair the table so"
            + " that they catch up (nodetool repair {} {})", schema.qualified(table), String.join(", ", missed),
            settings.sstables().consistency(), keyspace, table.name());
      }
      return new RunReport.SSTablesLine(
          (int) results.stream().filter(result -> result.rows() > 0).count(),
          results.stream().mapToInt(TaskResult::files).sum(),
          results.stream().mapToLong(TaskResult::bytes).sum(),
          List.copyOf(replicas),
          List.copyOf(missed),
          round(results.stream().mapToDouble(TaskResult::writeSeconds).sum()),
          round(results.stream().mapToDouble(TaskResult::streamSeconds).sum()),
          results.stream().mapToLong(TaskResult::rows).sum());
    } catch (SparkifyException e) {
      throw e;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new SparkifyException(ExitStatus.WRITE_FAILED,
          "writing " + schema.qualified(table) + " as SSTables failed: " + Failures.rootMessage(e), e);
    }
  }

  /**
   * Removes what tasks killed before their own clean-up left in this run's folder (in local mode, all of it).
   * Never throws: it runs after failures, which must stay the ones reported.
   */
  public void close() {
    try {
      deleteRecursively(runFolder);
    } catch (RuntimeException e) {
      LOG.warn("could not remove {}: {}", runFolder, e.getMessage());
    }
  }

  /** As many tasks as rows-per-task asks for, and enough to keep the cores busy once there are rows for them. */
  static int tasks(long rows, int parallelism, long rowsPerTask) {
    long needed = Math.max(ceil(rows, rowsPerTask), Math.min(parallelism, ceil(rows, MIN_ROWS_PER_TASK)));
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, needed));
  }

  /**
   * The running task attempt's folder, named by the attempt's id, which is unique in the application: partition
   * and attempt number are not, since a resubmitted stage starts again from attempt 0 while tasks of the old
   * stage may still write theirs.
   */
  static Path taskFolder(String runFolder, String table) {
    return Path.of(runFolder, table + "-" + TaskContext.get().taskAttemptId());
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  private static long ceil(long rows, long per) {
    return (rows + per - 1) / per;
  }

  /**
   * Each node's data centre by its address, for the consistency levels that count replicas per data centre:
   * from the driver's view of the ring, which the connector's session already holds.
   */
  private Map<String, String> dataCenters(SparkConf conf) {
    Map<String, String> dataCenters = new HashMap<>();
    try (CqlSession session = new CassandraTables(settings, conf).openSession()) {
      for (Node node : session.getMetadata().getNodes().values()) {
        node.getBroadcastRpcAddress().ifPresent(address -> dataCenters.put(address.getAddress().getHostAddress(), node.getDatacenter()));
        node.getBroadcastAddress().ifPresent(address -> dataCenters.putIfAbsent(address.getAddress().getHostAddress(), node.getDatacenter()));
      }
    }
    return dataCenters;
  }

  private SSTables.Target target() {
    List<String> hosts = Arrays.stream(settings.host().split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    return new SSTables.Target(hosts, settings.port(), settings.username(), settings.password().reveal(),
        settings.sstables().streamThroughputMib());
  }

  private static Path workFolder(String workDir) {
    return workDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(workDir);
  }

  /** One per table and JVM: parsing the schema once, not per row. */
  private static SSTables.Table tableOf(String keyspace, String create, String insert) {
    return TABLES.computeIfAbsent(create, c -> SSTableClassLoader.sstables().table(keyspace, c, insert));
  }

  private static Object[] values(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * What one task loaded, and in how long: sorting and writing the files (the sort runs as the writer pulls
   * its rows), then streaming them.
   */
  record TaskResult(long rows, int files, long bytes, List<String> replicas, List<String> missed, double writeSeconds,
      double streamSeconds) implements Serializable {}

  /** How a task judges its stream: the bulk write consistency, the local data centre and each node's. */
  private record Check(Settings.BulkConsistency level, String localDc, Map<String, String> dataCenters) implements Serializable {}

  /** One task: its rows as SSTables in a folder of its own, streamed, and the folder removed. */
  private record TaskWrite(String keyspace, String table, String create, String insert, String runFolder, int maxSizeMib,
      SSTables.Target target, Check check, Duration streamTimeout) implements FlatMapFunction<Iterator<Row>, TaskResult> {
    @Override
    public Iterator<TaskResult> call(Iterator<Row> rows) throws IOException {
      if (!rows.hasNext()) {
        return List.<TaskResult>of().iterator();
      }
      // a retried task writes beside, not into, what its failed attempt may have left
      Path taskFolder = taskFolder(runFolder, table);
      // sstableloader's layout: <keyspace>/<table>
      Path folder = taskFolder.resolve(keyspace).resolve(table);
      try {
        long start = System.nanoTime();
        SSTables.Written written = tableOf(keyspace, create, insert).write(folder, new Values(rows), maxSizeMib);
        long wrote = System.nanoTime();
        SSTables.Streamed streamed = SSTableClassLoader.sstables().stream(folder, keyspace, table, target, streamTimeout);
        List<String> missed = StreamCheck.missed(keyspace + "." + table, streamed, check.level(), check.localDc(), check.dataCenters());
        return List.of(new TaskResult(written.rows(), written.files(), written.bytes(), StreamCheck.receivers(streamed), missed,
            (wrote - start) / 1e9, (System.nanoTime() - wrote) / 1e9)).iterator();
      } finally {
        deleteRecursively(taskFolder);
      }
    }
  }

  /** Rows as the bound values the INSERT takes, one at a time. */
  private record Values(Iterator<Row> rows) implements Iterator<Object[]> {
    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Object[] next() {
      return values(rows.next());
    }
  }
}
