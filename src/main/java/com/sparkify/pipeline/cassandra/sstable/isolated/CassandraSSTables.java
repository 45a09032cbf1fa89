package com.sparkify.pipeline.cassandra.sstable.isolated;

import com.sparkify.pipeline.Failures;
import com.sparkify.pipeline.cassandra.sstable.SSTables;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.cql3.statements.schema.CreateTableStatement;
import org.apache.cassandra.db.marshal.AbstractType;
import org.apache.cassandra.db.marshal.ByteBufferAccessor;
import org.apache.cassandra.db.marshal.CompositeType;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;
import org.apache.cassandra.io.sstable.SSTableLoader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.net.OutboundConnectionSettings;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.streaming.StreamManager;
import org.apache.cassandra.streaming.StreamState;
import org.apache.cassandra.streaming.StreamingChannel;
import org.apache.cassandra.streaming.async.NettyStreamingConnectionFactory;
import org.apache.cassandra.utils.NativeSSTableLoaderClient;
import org.apache.cassandra.utils.OutputHandler;

/**
 * {@link SSTables} by cassandra-all: CQLSSTableWriter to write, SSTableLoader (sstableloader's engine) to stream.
 * A failure leaves as an IOException with the root cause's message: a Cassandra exception's class must not
 * travel to where its class loader is unknown (Spark sends task failures to the driver).
 */
public final class CassandraSSTables implements SSTables {
  /** For nodes older than Cassandra 4.0, which do not say which storage port they listen on (system.peers_v2). */
  private static final int DEFAULT_STORAGE_PORT = 7000;

  /** The limit the rate limiters have now; none before the first stream. */
  private static Integer throughputMib;

  static {
    // a client of the cluster, not a node: no yaml, no local data
    DatabaseDescriptor.clientInitialization();
  }

  @Override
  public Table table(String keyspace, String createTable, String insert) {
    return new CassandraTable(CreateTableStatement.parse(createTable, keyspace).build(), createTable, insert);
  }

  @Override
  public Streamed stream(Path folder, String keyspace, String table, Target target) throws IOException {
    throttle(target.throughputMib());
    List<InetSocketAddress> hosts = target.hosts().stream().map(host -> new InetSocketAddress(host, target.nativePort())).toList();
    String user = target.username().isEmpty() ? null : target.username();
    String password = target.username().isEmpty() ? null : target.password();
    NativeSSTableLoaderClient client = new NativeSSTableLoaderClient(hosts, DEFAULT_STORAGE_PORT, user, password, null) {
      @Override
      public StreamingChannel.Factory getConnectionFactory() {
        return new PeerPortConnections();
      }
    };
    SSTableLoader loader = new SSTableLoader(new File(folder), client, new OutputHandler.LogOutput(), 1, keyspace, table);
    String what = "streaming the SSTables of " + keyspace + "." + table;
    StreamState state;
    try {
      state = loader.stream(Set.of()).get();
    } catch (ExecutionException e) {
      throw new IOException(what + " failed: " + Failures.rootMessage(e) + failedHosts(loader));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " was interrupted");
    } catch (RuntimeException e) {
      // the ring and schema are read over CQL first: no contact point answering ends here
      throw new IOException(what + " failed: " + Failures.rootMessage(e));
    }
    if (state.hasFailedSession() || !loader.getFailedHosts().isEmpty()) {
      throw new IOException(what + " failed" + failedHosts(loader));
    }
    Set<String> replicas = new TreeSet<>();
    state.sessions().forEach(session -> replicas.add(session.peer.getAddress().getHostAddress() + ":" + session.peer.getPort()));
    return new Streamed(List.copyOf(replicas));
  }

  /**
   * Sets the limit of this JVM's outbound streaming, which its tasks share: Cassandra's rate limiters are
   * static, read from DatabaseDescriptor when first used and on update. Set on every stream, not once, so
   * that a JVM that runs several jobs (a test's, a notebook's) streams at each job's own limit. All four
   * limiters: sstableloader's files go whole (zero-copy) to a replica that owns all of their ranges, and
   * row by row to one that does not. A client's defaults would be 24 MiB/s, which sstableloader lifts the
   * same way when asked for no limit.
   */
  private static synchronized void throttle(int mib) {
    if (throughputMib != null && throughputMib == mib) {
      return;
    }
    DatabaseDescriptor.setStreamThroughputOutboundBytesPerSec(mib * 1024L * 1024L);
    DatabaseDescriptor.setInterDCStreamThroughputOutboundBytesPerSec(mib * 1024L * 1024L);
    DatabaseDescriptor.setEntireSSTableStreamThroughputOutboundMebibytesPerSec(mib);
    DatabaseDescriptor.setEntireSSTableInterDCStreamThroughputOutboundMebibytesPerSec(mib);
    StreamManager.StreamRateLimiter.updateThroughput();
    StreamManager.StreamRateLimiter.updateInterDCThroughput();
    StreamManager.StreamRateLimiter.updateEntireSSTableThroughput();
    StreamManager.StreamRateLimiter.updateEntireSSTableInterDCThroughput();
    throughputMib = mib;
  }

  /**
   * Streaming connections to each node at the address and storage port it names itself. A node's own factory
   * would look the peer up in its local system tables, which a client has not; sstableloader's sends every
   * node to one storage port given on its command line, which a cluster whose nodes listen on different ports
   * (several nodes of one machine) cannot satisfy.
   */
  private static final class PeerPortConnections implements StreamingChannel.Factory {
    @Override
    public StreamingChannel create(InetSocketAddress to, int messagingVersion, StreamingChannel.Kind kind) throws IOException {
      InetAddressAndPort peer = InetAddressAndPort.getByAddress(to);
      return NettyStreamingConnectionFactory.connect(new OutboundConnectionSettings(peer).withConnectTo(peer), messagingVersion, kind);
    }

    @Override
    public StreamingChannel create(InetSocketAddress to, InetSocketAddress preferred, int messagingVersion,
        StreamingChannel.Kind kind) throws IOException {
      return create(to, messagingVersion, kind);
    }

    @Override
    public boolean supportsPreferredIp() {
      return false;
    }
  }

  private static String failedHosts(SSTableLoader loader) {
    Set<String> failed = new TreeSet<>();
    for (InetAddressAndPort host : loader.getFailedHosts()) {
      failed.add(host.getHostAddressAndPort());
    }
    return failed.isEmpty() ? "" : " (replicas not reached: " + String.join(", ", failed) + ")";
  }

  private static final class CassandraTable implements Table {
    private final TableMetadata metadata;
    private final String createTable;
    private final String insert;

    CassandraTable(TableMetadata metadata, String createTable, String insert) {
      this.metadata = metadata;
      this.createTable = createTable;
      this.insert = insert;
    }

    @Override
    public long token(Object[] partitionKey) {
      List<ByteBuffer> components = new ArrayList<>();
      int i = 0;
      for (ColumnMetadata column : metadata.partitionKeyColumns()) {
        components.add(decompose(column.type, partitionKey[i++]));
      }
      ByteBuffer key = components.size() == 1
          ? components.get(0)
          : CompositeType.build(ByteBufferAccessor.instance, components.toArray(ByteBuffer[]::new));
      return (long) Murmur3Partitioner.instance.getToken(key).getTokenValue();
    }

    @SuppressWarnings("unchecked")
    private static ByteBuffer decompose(AbstractType<?> type, Object value) {
      return ((AbstractType<Object>) type).decompose(value);
    }

    @Override
    public Written write(Path folder, Iterator<Object[]> rows, int maxSSTableMib) throws IOException {
      Files.createDirectories(folder);
      long count = 0;
      try (CQLSSTableWriter writer = CQLSSTableWriter.builder()
          .inDirectory(folder.toString())
          .forTable(createTable)
          .using(insert)
          .withPartitioner(Murmur3Partitioner.instance)
          .sorted()
          .withMaxSSTableSizeInMiB(maxSSTableMib)
          .build()) {
        while (rows.hasNext()) {
          writer.addRow(rows.next());
          count++;
        }
      } catch (RuntimeException e) {
        throw new IOException("writing SSTables of " + metadata + " failed: " + Failures.rootMessage(e));
      }
      int files = 0;
      long bytes = 0;
      try (Stream<Path> written = Files.list(folder)) {
        for (Path file : (Iterable<Path>) written::iterator) {
          files += file.getFileName().toString().endsWith("-Data.db") ? 1 : 0;
          bytes += Files.size(file);
        }
      }
      return new Written(count, files, bytes);
    }
  }
}
