package com.sparkify.pipeline.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.pipeline.transform.ExpectedRows;
import com.sparkify.pipeline.transform.TableProjection;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Proves a run's writes by reading them back: each table's rows of this run, by the partition keys the run
 * wrote (never a scan of the whole table, which may hold years of earlier runs), at the consistency the run
 * wrote with, compared on the executors with what the run wrote. Only counts and a few example keys come back
 * to the driver.
 *
 * <p>A row counts as present when the table holds it with the run's values, or with a later write time than
 * the run's (a later event, written since, rightly won). Of the run's own rows sharing a key, the one with the
 * latest write time is expected, as Cassandra keeps it.
 */
public final class ReadBack {
  /** Example keys a failure names. */
  static final int EXAMPLES = 3;
  /** Queries one task keeps in flight: reads are latency-bound, and a task waits on the oldest. */
  private static final int IN_FLIGHT = 64;
  /**
   * Partitions one query reads. A node answers a read of a few small partitions for little more than one: a
   * query per partition left the node and the driver busy with requests, not rows (1M generated rows, one
   * table: 6.7 s one by one, 4.7 s by 16). Few enough that a coordinator's share of the work stays small.
   */
  static final int PARTITIONS_PER_QUERY = 16;

  private final Settings.Cassandra settings;
  private final CassandraSchema schema;
  private final CassandraTables tables;
  private final CassandraConnector connector;
  private final String consistency;

  /** Reads at the level the tables were written at ({@link Settings.Cassandra#writeConsistency()}). */
  public ReadBack(Settings.Cassandra settings, SparkConf sparkConf) {
    this.settings = settings;
    this.tables = new CassandraTables(settings, sparkConf);
    this.schema = tables.schema();
    this.connector = tables.connector();
    this.consistency = DefaultConsistencyLevel.valueOf(settings.writeConsistency()).name();
  }

  /** What reading one table back found. */
  public record Verified(String table, long rowsChecked, long rowsMissing, long rowsDifferent, List<String> examples,
      double seconds) {
    public boolean complete() {
      return rowsMissing == 0 && rowsDifferent == 0;
    }

    /** "sparkify.t: 3 of 1,000 rows missing, 1 different (e.g. missing sessionid=1, iteminsession=2; ...)" */
    public String problem() {
      return String.format(java.util.Locale.ROOT, "%s: %d of %d rows missing, %d different (e.g. %s)", table,
          rowsMissing, rowsChecked, rowsDifferent, String.join("; ", examples));
    }
  }

  /**
   * Reads every enabled table back against these song rows, one table after the other (each spreads its reads
   * over the executors), and fails with exit 6 naming every table that misses a row or holds another value.
   */
  public Map<String, Verified> verify(Dataset<Row> songRows, int tasks) {
    requireTables();
    Map<String, Verified> verified = new LinkedHashMap<>();
    for (QueryTable table : settings.enabledTables()) {
      verified.put(table.name(), verify(table, songRows, tasks));
    }
    return verified;
  }

  /** Throws (exit 6) naming each table whose read-back found a row missing or different. */
  public static void check(Map<String, Verified> verified) {
    List<String> problems = verified.values().stream().filter(v -> !v.complete()).map(Verified::problem).toList();
    if (!problems.isEmpty()) {
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "reading the tables back found rows missing or different: "
          + String.join("; ", problems) + ". Rerun the job (or scripts/sparkify verify once the cluster has recovered)");
    }
  }

  /** One look at the schema for every table: each look waits for the node's current schema. */
  private void requireTables() {
    try (CqlSession session = tables.openSession()) {
      var keyspace = CassandraTables.currentSchema(session).getKeyspace(schema.keyspace());
      for (QueryTable table : settings.enabledTables()) {
        if (keyspace.flatMap(k -> k.getTable(table.name())).isEmpty()) {
          throw new SparkifyException(ExitStatus.WRITE_FAILED,
              "reading " + schema.qualified(table) + " back: the table does not exist");
        }
      }
    }
  }

  private Verified verify(QueryTable table, Dataset<Row> songRows, int tasks) {
    long start = System.nanoTime();
    String qualified = schema.qualified(table);
    Dataset<Row> expected = ExpectedRows.of(table, songRows, tasks);
    List<String> selects = new ArrayList<>();
    for (int partitions = 1; partitions <= PARTITIONS_PER_QUERY; partitions++) {
      selects.add(schema.selectPartitionsWithWriteTimes(table, partitions));
    }
    Compare compare = new Compare(connector, selects, consistency, QueryTable.stored(table.partitionKey()),
        QueryTable.stored(table.primaryKey()), QueryTable.stored(table.columns()));
    List<Found> found;
    try {
      found = expected.javaRDD().mapPartitions(compare).collect();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new SparkifyException(ExitStatus.WRITE_FAILED, "reading " + qualified + " back failed: " + Failures.rootMessage(e), e);
    }
    List<String> examples = found.stream().flatMap(f -> f.examples().stream()).limit(EXAMPLES).toList();
    return new Verified(qualified, found.stream().mapToLong(Found::checked).sum(),
        found.stream().mapToLong(Found::missing).sum(), found.stream().mapToLong(Found::different).sum(), examples,
        Math.round((System.nanoTime() - start) / 1e8) / 10.0);
  }

  /** One task's findings. */
  record Found(long checked, long missing, long different, List<String> examples) implements Serializable {}

  /**
   * One task: its expected rows (sorted by primary key, latest first) grouped by partition key, the partitions
   * in batches of up to {@link #PARTITIONS_PER_QUERY} that share all but the last key column, one query per
   * batch, {@link #IN_FLIGHT} at once, each batch compared as its answer arrives.
   *
   * @param selects the query for a batch of 1, 2, ... {@link #PARTITIONS_PER_QUERY} partitions
   */
  private record Compare(CassandraConnector connector, List<String> selects, String consistency,
      List<String> partitionKey, List<String> primaryKey, List<String> columns)
      implements FlatMapFunction<Iterator<Row>, Found> {
    @Override
    public Iterator<Found> call(Iterator<Row> rows) throws Exception {
      Tally tally = new Tally();
      if (!rows.hasNext()) {
        return List.of(tally.found()).iterator();
      }
      try (CqlSession session = connector.openSession()) {
        Map<Integer, PreparedStatement> statements = new HashMap<>();
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        Batch batch = new Batch();
        while (rows.hasNext()) {
          Row row = rows.next();
          List<Object> key = values(row, partitionKey);
          if (!batch.holds(key)) {
            if (!batch.admits(key)) {
              pending.add(query(session, statements, batch));
              batch = new Batch();
              if (pending.size() >= IN_FLIGHT) {
                compare(pending.poll(), tally);
              }
            }
            batch.keys.add(key);
          }
          batch.rows.add(row);
        }
        pending.add(query(session, statements, batch));
        while (!pending.isEmpty()) {
          compare(pending.poll(), tally);
        }
      }
      return List.of(tally.found()).iterator();
    }

    private Pending query(CqlSession session, Map<Integer, PreparedStatement> statements, Batch batch) {
      PreparedStatement statement = statements.computeIfAbsent(batch.keys.size(), n -> session.prepare(selects.get(n - 1)));
      List<Object> bound = new ArrayList<>(batch.keys.get(0).subList(0, partitionKey.size() - 1));
      batch.keys.forEach(key -> bound.add(key.get(key.size() - 1)));
      return new Pending(batch.rows, session.executeAsync(statement.bind(bound.toArray())
          .setConsistencyLevel(DefaultConsistencyLevel.valueOf(consistency))));
    }

    private void compare(Pending pending, Tally tally) throws InterruptedException, ExecutionException {
      Map<List<Object>, Stored> stored = new HashMap<>();
      AsyncResultSet page = pending.answer().toCompletableFuture().get();
      while (true) {
        for (com.datastax.oss.driver.api.core.cql.Row row : page.currentPage()) {
          List<Object> key = new ArrayList<>();
          primaryKey.forEach(column -> key.add(row.getObject(column)));
          List<Object> values = new ArrayList<>();
          columns.forEach(column -> values.add(row.getObject(column)));
          Long writeTime = null;
          for (int i = 0; i < columns.size(); i++) {
            Long time = (Long) row.getObject(primaryKey.size() + columns.size() + i);
            if (time != null && (writeTime == null || time > writeTime)) {
              writeTime = time;
            }
          }
          stored.put(key, new Stored(values, writeTime));
        }
        if (!page.hasMorePages()) {
          break;
        }
        page = page.fetchNextPage().toCompletableFuture().get();
      }
      List<Object> previousKey = null;
      for (Row row : pending.rows()) {
        List<Object> key = values(row, primaryKey);
        if (key.equals(previousKey)) {
          continue; // an earlier write of the run to the same key, overwritten by the first one of the group
        }
        previousKey = key;
        tally.checked++;
        Stored found = stored.get(key);
        if (found == null) {
          tally.missing++;
          tally.example("missing", primaryKey, key);
        } else if (!found.values().equals(values(row, columns))
            && (found.writeTime() == null || found.writeTime() <= row.<Long>getAs(TableProjection.WRITETIME))) {
          tally.different++;
          tally.example("different", primaryKey, key);
        }
      }
    }

    private static List<Object> values(Row row, List<String> names) {
      List<Object> values = new ArrayList<>(names.size());
      names.forEach(name -> values.add(row.getAs(name)));
      return values;
    }
  }

  private record Pending(List<Row> rows, CompletionStage<AsyncResultSet> answer) {}

  /** Partitions read by one query: their keys in order, and their expected rows. */
  private static final class Batch {
    final List<List<Object>> keys = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();

    boolean holds(List<Object> key) {
      return !keys.isEmpty() && keys.get(keys.size() - 1).equals(key);
    }

    /** Room for one more, and the same values in every key column but the last. */
    boolean admits(List<Object> key) {
      if (keys.isEmpty()) {
        return true;
      }
      List<Object> first = keys.get(0);
      return keys.size() < PARTITIONS_PER_QUERY && first.subList(0, first.size() - 1).equals(key.subList(0, key.size() - 1));
    }
  }

  /** A stored row's non-key values and its latest write time (null when every value is null). */
  private record Stored(List<Object> values, Long writeTime) {}

  private static final class Tally {
    long checked;
    long missing;
    long different;
    final List<String> examples = new ArrayList<>();

    void example(String what, List<String> columns, List<Object> key) {
      if (examples.size() < EXAMPLES) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          parts.add(columns.get(i) + "=" + Objects.toString(key.get(i)));
        }
        examples.add(what + " " + String.join(", ", parts));
      }
    }

    Found found() {
      return new Found(checked, missing, different, List.copyOf(examples));
    }
  }
}
