package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.time.Duration;

/**
 * Whether the nodes still compact, from their virtual tables (CQL, so no JMX is needed): compactions running
 * ({@code system_views.sstable_tasks}) or waiting ({@code system_views.thread_pools}, CompactionExecutor).
 */
final class Compactions {
  private static final Duration POLL = Duration.ofMillis(500);

  private Compactions() {}

  /** Waits until no node compacts, seen twice in a row; returns how long that took. */
  static Duration awaitSettled(CqlSession session, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    int quiet = 0;
    while (quiet < 2) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the nodes still compact after " + timeout.toSeconds() + " s");
      }
      quiet = busy(session) ? 0 : quiet + 1;
      if (quiet < 2) {
        Thread.sleep(POLL.toMillis());
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static boolean busy(CqlSession session) {
    for (Node node : session.getMetadata().getNodes().values()) {
      if (session.execute(SimpleStatement.newInstance("SELECT kind FROM system_views.sstable_tasks").setNode(node)).one() != null) {
        return true;
      }
      Row pool = session.execute(SimpleStatement.newInstance(
          "SELECT active_tasks, pending_tasks FROM system_views.thread_pools WHERE name = 'CompactionExecutor'").setNode(node)).one();
      if (pool != null && pool.getInt("active_tasks") + pool.getInt("pending_tasks") > 0) {
        return true;
      }
    }
    return false;
  }
}
