package com.sparkify.pipeline.cassandra.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.cassandra.CassandraSchema;
import com.sparkify.pipeline.tables.QueryTable;
import com.sparkify.testing.Tables;
import org.junit.jupiter.api.Test;

/** cassandra-all in its own class loader beside Spark's libraries, in this JVM, with no Cassandra server. */
class SSTableClassLoaderTest {
  private static final CassandraSchema SCHEMA = new CassandraSchema(Tables.settings("--keyspace", "ks").cassandra());

  @Test
  void cassandraRunsOnItsOwnGuavaWhileSparkKeepsItsOwn() throws Exception {
    SSTables sstables = SSTableClassLoader.sstables();
    ClassLoader isolated = sstables.getClass().getClassLoader();
    assertTrue(isolated instanceof SSTableClassLoader, isolated.toString());
    assertSame(sstables, SSTableClassLoader.sstables(), "loaded once per JVM");
    Class<?> theirs = isolated.loadClass("com.google.common.collect.ImmutableList");
    Class<?> ours = Class.forName("com.google.common.collect.ImmutableList");
    assertNotEquals(ours, theirs);
    assertTrue(theirs.getProtectionDomain().getCodeSource().getLocation().toString().endsWith("guava-32.0.1-jre.jar"),
        theirs.getProtectionDomain().getCodeSource().toString());
    // the interface both sides use is one class, so the implementation is usable here
    assertSame(SSTables.class, isolated.loadClass(SSTables.class.getName()));
  }

  /** Tokens as a Cassandra 5.0 node computes them: SELECT token(...) on the sample's keys gave these. */
  @Test
  void tokensAreMurmur3AsTheNodesComputeThemForSingleAndCompoundKeys() {
    assertEquals(-4069959284402364209L, table(Tables.seed(Tables.SESSION_ITEM)).token(new Object[] {1}));
    assertEquals(-2712308825313887337L, table(Tables.seed(Tables.USER_SESSION)).token(new Object[] {59, 1}));
  }

  private static SSTables.Table table(QueryTable table) {
    return SSTableClassLoader.sstables().table("ks", SCHEMA.createTable(table), SCHEMA.insertWithWriteTime(table));
  }
}
