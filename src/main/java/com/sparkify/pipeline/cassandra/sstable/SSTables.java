package com.sparkify.pipeline.cassandra.sstable;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * What the SSTable write mode asks of Cassandra's own code (cassandra-all): keys' tokens, SSTable files and
 * streaming. Implemented in the {@code isolated} package, which runs in {@link SSTableClassLoader} with
 * cassandra-all's versions of Guava, Jackson and Netty; only this interface, its records and JDK types
 * cross over, and failures come back as {@link IOException}s with a message and no Cassandra classes in them.
 */
public interface SSTables {

  /** One table's writer side, from its CQL: the CREATE TABLE and the INSERT ... USING TIMESTAMP ? of the job. */
  Table table(String keyspace, String createTable, String insert);

  /**
   * Streams the SSTables in {@code folder} to every replica of their rows, as sstableloader does: the ring and
   * the schema over CQL, the files over the storage port of each node.
   */
  Streamed stream(Path folder, String keyspace, String table, Target target) throws IOException;

  interface Table {
    /** The Murmur3 token of a partition key, its values in key order: the order rows must reach {@link #write}. */
    long token(Object[] partitionKey);

    /**
     * Writes rows (bound values in the INSERT's order, the write time last) sorted by token, then clustering
     * key, into {@code folder} as SSTables of at most {@code maxSSTableMib} each.
     */
    Written write(Path folder, Iterator<Object[]> rows, int maxSSTableMib) throws IOException;
  }

  /**
   * Where the cluster is: its contact points (CQL). Each node names its own storage port, where the files go,
   * in system.local and system.peers_v2. And how fast this JVM may stream to it, in MiB/s (0: unlimited).
   */
  record Target(List<String> hosts, int nativePort, String username, String password, int throughputMib)
      implements Serializable {}

  record Written(long rows, int files, long bytes) implements Serializable {}

  record Streamed(List<String> replicas) implements Serializable {}
}
