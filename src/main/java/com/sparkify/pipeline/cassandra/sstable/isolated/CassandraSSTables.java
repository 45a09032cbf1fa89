package com.sparkify.pipeline.cassandra.sstable.isolated;

import com.sparkify.pipeline.cassandra.sstable.SSTables;
import com.sparkify.pipeline.errors.Failures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.cql3.statements.schema.CreateTableStatement;
import org.apache.cassandra.db.marshal.AbstractType;
import org.apache.cassandra.db.marshal.ByteBufferAccessor;
import org.apache.cassandra.db.marshal.CompositeType;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;
import org.apache.cassandra.io.sstable.Descriptor;
import org.apache.cassandra.io.sstable.SSTableLoader;
import org.apache.cassandra.io.sstable.format.SSTableReader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.net.OutboundConnectionSettings;
import org.apache.cassandra.schema.ColumnMetadata;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.schema.TableMetadataRef;
import org.apache.cassandra.streaming.ProgressInfo;
import org.apache.cassandra.streaming.SessionInfo;
import org.apache.cassandra.streaming.StreamEvent;
import org.apache.cassandra.streaming.StreamEventHandler;
import org.apache.cassandra.streaming.StreamException;
import org.apache.cassandra.streaming.StreamManager;
import org.apache.cassandra.streaming.StreamResultFuture;
import org.apache.cassandra.streaming.StreamSession;
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

  /** How long an aborted stream may take to close its sessions. */
  private static final Duration ABORT_WAIT = Duration.ofSeconds(30);

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
  public Streamed stream(Path folder, String keyspace, String table, Target target, Duration timeout) throws IOException {
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
    StreamProgress progress = new StreamProgress();
    StreamResultFuture future;
    try {
      future = loader.stream(Set.of(), progress);
    } catch (RuntimeException e) {
      // the ring and schema are read over CQL first: no contact point answering ends here
      throw new IOException(what + " failed: " + Failures.rootMessage(e));
    }
    TableMetadataRef metadata = client.getTableMetadata(table);
    if (metadata == null) {
      // the loader skips every file of a table it does not find, and its empty stream succeeds
      throw new IOException(what + " failed: no node knows the table (dropped while the run wrote it?)");
    }
    progress.planned(future.getCoordinator().getAllStreamSessions());
    StreamState state = await(future, timeout, what);
    return new Streamed(progress.replicas(state), rangesWithRows(folder, keyspace, table, metadata, client));
  }

  /**
   * The stream's final state, also when sessions failed (the StreamException carries it). Past the timeout or
   * on an interrupt, every session is aborted (the receivers drop what they got) and the task waits a little
   * for the sessions to close, so that no stream outlives it, reading files about to be removed.
   */
  private static StreamState await(StreamResultFuture future, Duration timeout, String what) throws IOException {
    String stopped;
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StreamException failed && failed.finalState != null) {
        return failed.finalState;
      }
      throw new IOException(what + " failed: " + Failures.rootMessage(e));
    } catch (TimeoutException e) {
      stopped = String.format(Locale.ROOT, "%s took longer than %.1f s (sparkify.cassandra.sstable.stream-timeout): stopped",
          what, timeout.toMillis() / 1000.0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = what + " was interrupted (the task was cancelled): stopped";
    }
    future.getCoordinator().getAllStreamSessions().forEach(StreamSession::abort);
    future.awaitUninterruptibly(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    throw new IOException(stopped);
  }

  /**
   * The token ranges that hold rows of the files, with their replicas as the loader planned them: the ranges a
   * bulk write consistency is judged on. A range of the ring none of the files has a row in is not.
   */
  private static List<RangeReplicas> rangesWithRows(Path folder, String keyspace, String table, TableMetadataRef metadata,
      SSTableLoader.Client client) throws IOException {
    Map<Range<Token>, Set<String>> replicas = new HashMap<>();
    client.getEndpointToRangesMap().forEach((endpoint, ranges) -> ranges.forEach(range ->
        replicas.computeIfAbsent(range, r -> new TreeSet<>()).add(endpoint.getHostAddressAndPort())));
    List<SSTableReader> readers = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith("-Data.db"))::iterator) {
        Descriptor descriptor = Descriptor.fromFileWithComponent(new File(file), keyspace, table).left;
        readers.add(SSTableReader.openForBatch(null, descriptor,
            descriptor.getComponents(descriptor.getFormat().primaryComponents(), descriptor.getFormat().uploadComponents()), metadata));
      }
      List<RangeReplicas> withRows = new ArrayList<>();
      for (Map.Entry<Range<Token>, Set<String>> range : replicas.entrySet()) {
        List<Range<Token>> normalized = Range.normalize(List.of(range.getKey()));
        if (readers.stream().anyMatch(reader -> !reader.getPositionsForRanges(normalized).isEmpty())) {
          withRows.add(new RangeReplicas(range.getKey().toString(), List.copyOf(range.getValue())));
        }
      }
      return withRows;
    } catch (RuntimeException e) {
      throw new IOException("reading the token ranges of the SSTables of " + keyspace + "." + table + " failed: "
          + Failures.rootMessage(e));
    } finally {
      readers.forEach(reader -> reader.selfRef().release());
    }
  }

  /**
   * What the stream meant to send each replica and what it sent, from its events. The plan is each session's
   * transfers when the stream starts, or when the session is prepared if that came first: a finished transfer
   * leaves its session, and a session that never connects is never prepared. Sent bytes are per file (whole
   * SSTables report each component as a file of its own), the last count each reported.
   */
  private static final class StreamProgress implements StreamEventHandler {
    private final Map<String, Long> filesPlanned = new ConcurrentHashMap<>();
    private final Map<String, Long> bytesPlanned = new ConcurrentHashMap<>();
    private final Map<String, Long> bytesSent = new ConcurrentHashMap<>();

    void planned(Collection<StreamSession> sessions) {
      sessions.forEach(session -> plan(session.getSessionInfo()));
    }

    private void plan(SessionInfo session) {
      String key = session(session.peer, session.sessionIndex);
      filesPlanned.merge(key, session.getTotalFilesToSend(), Math::max);
      bytesPlanned.merge(key, session.getTotalSizeToSend(), Math::max);
    }

    @Override
    public void handleStreamEvent(StreamEvent event) {
      if (event instanceof StreamEvent.SessionPreparedEvent prepared) {
        plan(prepared.session);
      } else if (event instanceof StreamEvent.ProgressEvent sent && sent.progress.direction == ProgressInfo.Direction.OUT) {
        bytesSent.merge(session(sent.progress.peer, sent.progress.sessionIndex) + " " + sent.progress.fileName,
            sent.progress.currentBytes, Math::max);
      }
    }

    @Override
    public void onSuccess(StreamState state) {}

    @Override
    public void onFailure(Throwable failure) {}

    /** Per replica: its sessions' plans and bytes sent added up, completed if every session completed. */
    List<ReplicaStream> replicas(StreamState state) {
      Map<String, ReplicaStream> replicas = new TreeMap<>();
      for (SessionInfo session : state.sessions()) {
        String key = session(session.peer, session.sessionIndex);
        long sent = bytesSent.entrySet().stream().filter(file -> file.getKey().startsWith(key + " ")).mapToLong(Map.Entry::getValue).sum();
        boolean completed = session.state == StreamSession.State.COMPLETE;
        String replica = InetAddressAndPort.getByAddress(session.peer).getHostAddressAndPort();
        ReplicaStream one = new ReplicaStream(replica, filesPlanned.getOrDefault(key, 0L), bytesPlanned.getOrDefault(key, 0L),
            sent, completed, completed ? "" : failure(session));
        replicas.merge(replica, one, (a, b) -> new ReplicaStream(replica, a.filesPlanned() + b.filesPlanned(),
            a.bytesPlanned() + b.bytesPlanned(), a.bytesSent() + b.bytesSent(), a.completed() && b.completed(),
            a.completed() ? b.failure() : a.failure()));
      }
      return List.copyOf(replicas.values());
    }

    private static String failure(SessionInfo session) {
      String reason = session.getFailureReason();
      return "session " + session.state.name().toLowerCase(Locale.ROOT)
          + (reason == null || reason.isBlank() ? "" : ": " + reason.strip().replaceAll("\\s+", " "));
    }

    private static String session(InetSocketAddress peer, int index) {
      return InetAddressAndPort.getByAddress(peer).getHostAddressAndPort() + "#" + index;
    }
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
