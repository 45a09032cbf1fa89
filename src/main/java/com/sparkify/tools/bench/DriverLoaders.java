package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.sparkify.pipeline.cassandra.CassandraSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Loaders that write events.csv into the query tables with the Java driver alone, no Spark. */
final class DriverLoaders {
  private DriverLoaders() {}

  /**
   * The practical limit of one client: prepared INSERTs sent asynchronously, at most {@code inFlight}
   * pending, so the node, not the client, sets the pace. Returns the rows loaded (each into every table).
   */
  static long asynchronous(CqlSession session, CassandraSchema schema, Path eventsCsv, int inFlight)
      throws IOException, InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long rows = 0;
    try (EventsCsvRows statements = rows(session, schema, eventsCsv)) {
      while (statements.hasNext() && failure.get() == null) {
        for (BoundStatement statement : statements.next()) {
          permits.acquire();
          session.executeAsync(statement).whenComplete((result, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
            permits.release();
          });
        }
        rows++;
      }
    }
    permits.acquire(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("the raw loader failed: " + failure.get().getMessage(), failure.get());
    }
    return rows;
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
