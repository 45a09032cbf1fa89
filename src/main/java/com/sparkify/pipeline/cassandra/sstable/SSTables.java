package com.sparkify.pipeline.cassandra.sstable;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
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
   * the schema over CQL, the files over the storage port of each node. Says what each replica was meant to get
   * and got, whether or not its sessions failed: whether that is enough is the caller's to judge. Throws when
   * nothing could be planned (no node answering, a table no node knows) or the stream was stopped: past
   * {@code timeout}, or on an interrupt (a cancelled task), its sessions are aborted first.
   */
  Streamed stream(Path folder, String keyspace, String table, Target target, Duration timeout) throws IOException;

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

  /**
   * What one replica ({@code address:storage port}) was meant to get, the parts of the files in the token
   * ranges it owns, and what was sent to it; {@code completed}: all its sessions ended successfully (a failed
   * session's files are dropped by the receiver), else {@code failure} says why.
   */
  record ReplicaStream(String replica, long filesPlanned, long bytesPlanned, long bytesSent, boolean completed, String failure)
      implements Serializable {}

  /** A token range, as Cassandra prints it, that holds rows of the files, and its replicas. */
  record RangeReplicas(String range, List<String> replicas) implements Serializable {}

  record Streamed(List<ReplicaStream> replicas, List<RangeReplicas> ranges) implements Serializable {}
}
