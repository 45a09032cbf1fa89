package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.tables.QueryTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Loaders that write events.csv into the query tables with the Java driver alone, no Spark. */
final class DriverLoaders {
  private DriverLoaders() {}

  /**
   * A ceiling for one client machine: each table's rows grouped by partition (read into memory first), one
   * UNLOGGED BATCH per partition of at most {@code batchRows} rows, so that a node applies a batch as one
   * mutation, sent by {@code threads} threads with {@code inFlight} batches each pending. Returns the rows
   * loaded (each into every table).
   */
  static long grouped(CqlSession session, CassandraSchema schema, Path eventsCsv, int threads, int inFlight, int batchRows)
      throws IOException, InterruptedException {
    List<QueryTable> tables = schema.tables();
    List<PreparedStatement> inserts = tables.stream().map(table -> session.prepare(schema.insert(table))).toList();
    List<Map<List<Object>, List<BoundStatement>>> partitions = new ArrayList<>();
    tables.forEach(table -> partitions.add(new HashMap<>()));
    long rows = 0;
    try (EventsCsvRows statements = new EventsCsvRows(eventsCsv, tables, inserts)) {
      while (statements.hasNext()) {
        List<BoundStatement> row = statements.next();
        for (int t = 0; t < tables.size(); t++) {
          int keyColumns = tables.get(t).partitionKey().size();
          List<Object> key = new ArrayList<>(keyColumns);
          for (int c = 0; c < keyColumns; c++) {
            key.add(row.get(t).getObject(c));
          }
          partitions.get(t).computeIfAbsent(key, k -> new ArrayList<>()).add(row.get(t));
        }
        rows++;
      }
    }
    List<BatchStatement> batches = new ArrayList<>();
    for (Map<List<Object>, List<BoundStatement>> table : partitions) {
      for (List<BoundStatement> partition : table.values()) {
        for (int from = 0; from < partition.size(); from += batchRows) {
          batches.add(BatchStatement.newInstance(BatchType.UNLOGGED)
              .addAll(partition.subList(from, Math.min(partition.size(), from + batchRows))));
        }
      }
    }
    partitions.clear();
    Collections.shuffle(batches, new Random(1)); // the partitions of all tables spread over the ring and the threads
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      List<BatchStatement> share = batches.subList(batches.size() * i / threads, batches.size() * (i + 1) / threads);
      Thread sender = new Thread(() -> send(session, share, inFlight, failure), "grouped-loader-" + i);
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the grouped loader failed: " + failure.get().getMessage(), failure.get());
    }
    return rows;
  }

  private static void send(CqlSession session, List<BatchStatement> batches, int inFlight, AtomicReference<Throwable> failure) {
    Semaphore permits = new Semaphore(inFlight);
    try {
      for (BatchStatement batch : batches) {
        if (failure.get() != null) {
          break;
        }
        permits.acquire();
        session.executeAsync(batch).whenComplete((result, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
          permits.release();
        });
      }
      permits.acquire(inFlight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    }
  }

  /** The seed project's way: one synchronous INSERT after the other, for the first {@code limit} rows. */
  static long rowByRow(CqlSession session, CassandraSchema schema, Path eventsCsv, long limit) throws IOException {
    long rows = 0;
    try (EventsCsvRows statements = rows(session, schema, eventsCsv)) {
      while (rows < limit && statements.hasNext()) {
        statements.next().forEach(session::execute);
        rows++;
      }
    }
    return rows;
  }

  private static EventsCsvRows rows(CqlSession session, CassandraSchema schema, Path eventsCsv) throws IOException {
    return new EventsCsvRows(eventsCsv, schema.tables(),
        schema.tables().stream().map(table -> session.prepare(schema.insert(table))).toList());
  }
}
