package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.read.CsvRecord;
import com.sparkify.pipeline.read.CsvRecordReader;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.tables.QueryTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Recorder;

/**
 * The reads the tables exist for: each table asked by its whole primary key for random rows that exist (a
 * reservoir sample of events.csv), at a fixed concurrency, both tables in turn, each request's latency
 * recorded in an HdrHistogram.
 */
final class ReadLatency {
  static final int CONCURRENCY = 16;
  private static final int KEYS = 20_000;

  /** One table's latencies in milliseconds, and its queries per second. */
  record Figures(String table, long queries, double p50, double p99, double p999, double queriesPerSecond) {}

  private final CqlSession session;
  private final List<QueryTable> tables;
  private final List<PreparedStatement> selects;
  private final List<List<Object[]>> keys;

  ReadLatency(CqlSession session, CassandraSchema schema, Path eventsCsv, long seed) throws IOException {
    this.session = session;
    this.tables = schema.tables();
    this.selects = tables.stream().map(table -> session.prepare(schema.select(table, table.primaryKey()))).toList();
    this.keys = sample(eventsCsv, tables, new Random(seed));
  }

  /** Reads until {@code done} says so, at least one query per table; the figures per table. */
  List<Figures> run(BooleanSupplier done) throws InterruptedException {
    List<Recorder> recorders = tables.stream().map(table -> new Recorder(3)).toList();
    Semaphore permits = new Semaphore(CONCURRENCY);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Random random = new Random(7);
    long start = System.nanoTime();
    long sent = 0;
    while ((sent < tables.size() || !done.getAsBoolean()) && failure.get() == null) {
      int t = (int) (sent++ % tables.size());
      List<Object[]> tableKeys = keys.get(t);
      BoundStatement select = selects.get(t).bind(tableKeys.get(random.nextInt(tableKeys.size())));
      permits.acquire();
      long sentAt = System.nanoTime();
      session.executeAsync(select).whenComplete((rows, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        } else {
          recorders.get(t).recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1000));
        }
        permits.release();
      });
    }
    permits.acquire(CONCURRENCY);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a read failed: " + failure.get().getMessage(), failure.get());
    }
    List<Figures> figures = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      var histogram = recorders.get(t).getIntervalHistogram();
      figures.add(new Figures(tables.get(t).name(), histogram.getTotalCount(),
          histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
          histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getTotalCount() / seconds));
    }
    return figures;
  }

  static BooleanSupplier forSeconds(double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    return () -> System.nanoTime() >= end;
  }

  /** Up to {@link #KEYS} rows' primary keys per table, each row of events.csv equally likely. */
  private static List<List<Object[]>> sample(Path eventsCsv, List<QueryTable> tables, Random random) throws IOException {
    List<List<Object[]>> keys = new ArrayList<>();
    tables.forEach(table -> keys.add(new ArrayList<>()));
    Map<QueryTable, int[]> positions = new LinkedHashMap<>();
    tables.forEach(table -> positions.put(table,
        table.primaryKey().stream().mapToInt(EventColumns.NAMES::indexOf).toArray()));
    try (CsvRecordReader reader = new CsvRecordReader(Files.newBufferedReader(eventsCsv, StandardCharsets.UTF_8), 65536)) {
      reader.next(); // header
      long seen = 0;
      for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
        long slot = seen < KEYS ? seen : (long) (random.nextDouble() * (seen + 1));
        seen++;
        if (slot >= KEYS) {
          continue;
        }
        for (int t = 0; t < tables.size(); t++) {
          QueryTable table = tables.get(t);
          int[] at = positions.get(table);
          Object[] key = new Object[at.length];
          for (int c = 0; c < at.length; c++) {
            key[c] = QueryTable.typed(table.primaryKey().get(c), record.fields()[at[c]]);
          }
          if (slot < keys.get(t).size()) {
            keys.get(t).set((int) slot, key);
          } else {
            keys.get(t).add(key);
          }
        }
      }
    }
    if (keys.get(0).isEmpty()) {
      throw new IllegalStateException(eventsCsv + " has no rows to read back");
    }
    return keys;
  }
}
