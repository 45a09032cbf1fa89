package com.sparkify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.testing.SharedSpark;
import com.sparkify.testing.TestCassandra;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job decides what DDL to send from the schema as the cluster has it, not as the connector's long-lived
 * session last heard of it: a keyspace dropped a moment before (by an operator, a test, another tool) is created
 * again, where the cached metadata still showed it and the run's writes then found no keyspace.
 */
@ExtendWith(TestCassandra.class)
class FreshSchemaIT {
  private static final String KEYSPACE = "it_fresh_schema";

  @Test
  void aKeyspaceDroppedJustBeforeIsCreatedAgain() {
    Settings settings = TestCassandra.settings(KEYSPACE);
    CassandraTables tables = new CassandraTables(settings.cassandra(), SharedSpark.spark().sparkContext().getConf());
    // the connector keeps its session for a few seconds after the last user closes it: this one holds it open,
    // as a run's writes do
    try (CqlSession cached = tables.openSession(); CqlSession operator = TestCassandra.session()) {
      // several rounds: the cached metadata lags a drop for about a second (the driver's schema debounce)
      for (int round = 0; round < 5; round++) {
        tables.create();
        assertEquals(List.of(), tables.missing(), "round " + round + ": all there after create");
        operator.execute("DROP KEYSPACE " + KEYSPACE);
        assertEquals(List.of("keyspace " + KEYSPACE), tables.missing(), "round " + round + ": the drop is seen at once");
      }
    }
  }
}
