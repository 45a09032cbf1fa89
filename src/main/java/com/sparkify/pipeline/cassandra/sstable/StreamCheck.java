package com.sparkify.pipeline.cassandra.sstable;

import com.sparkify.pipeline.settings.Settings;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a task's stream loaded its rows, judged as Cassandra Analytics judges a bulk write: per token range
 * that holds rows of the task's files, the replicas that received everything the stream plan meant for them,
 * against the bulk write consistency. A replica received its files when all its sessions completed (a failed
 * session's files are dropped by the receiver) and every byte planned for it was sent.
 */
final class StreamCheck {
  private static final int EXAMPLES = 3;

  private StreamCheck() {}

  /**
   * The replicas that missed files while every range still meets {@code level}; they need a repair to catch up.
   *
   * @param dataCenters each node's data centre by its address (without the port)
   * @throws IOException with one line naming the table, the ranges short of the level and the replicas that
   *     missed files, or saying that no replica was sent any file
   */
  static List<String> missed(String table, SSTables.Streamed streamed, Settings.BulkConsistency level, String localDc,
      Map<String, String> dataCenters) throws IOException {
    if (streamed.ranges().isEmpty() || streamed.replicas().stream().allMatch(replica -> replica.filesPlanned() == 0)) {
      throw new IOException(table + ": rows written but no replica was sent any file (the ring has no replica of their"
          + " token ranges, or no streaming session with one)");
    }
    Set<String> received = streamed.replicas().stream().filter(StreamCheck::received)
        .map(SSTables.ReplicaStream::replica).collect(Collectors.toSet());
    List<SSTables.ReplicaStream> missed = streamed.replicas().stream()
        .filter(replica -> replica.filesPlanned() > 0 && !received.contains(replica.replica())).toList();
    List<SSTables.RangeReplicas> shortRanges = streamed.ranges().stream()
        .filter(range -> !enough(level, localDc, range.replicas(), received, dataCenters)).toList();
    if (!shortRanges.isEmpty()) {
      String examples = shortRanges.stream().limit(EXAMPLES).map(range -> range.range() + " "
          + range.replicas().stream().filter(received::contains).count() + " of " + range.replicas().size())
          .collect(Collectors.joining(", "));
      throw new IOException(table + ": " + shortRanges.size() + " of " + streamed.ranges().size() + " token ranges with rows have"
          + " too few replicas with their files for " + level + " (replicas with them: " + examples
          + (shortRanges.size() > EXAMPLES ? ", ..." : "") + "); replicas that missed files: "
          + missed.stream().map(StreamCheck::describe).collect(Collectors.joining("; ")));
    }
    return missed.stream().map(SSTables.ReplicaStream::replica).toList();
  }

  /** The replicas that were meant to get files and received them all. */
  static List<String> receivers(SSTables.Streamed streamed) {
    return streamed.replicas().stream().filter(replica -> replica.filesPlanned() > 0 && received(replica))
        .map(SSTables.ReplicaStream::replica).toList();
  }

  private static boolean received(SSTables.ReplicaStream replica) {
    return replica.completed() && replica.bytesSent() >= replica.bytesPlanned();
  }

  /** Whether the replicas of one token range that {@code received} their files meet the level. */
  static boolean enough(Settings.BulkConsistency level, String localDc, List<String> replicas, Set<String> received,
      Map<String, String> dataCenters) {
    Map<String, int[]> byDc = new HashMap<>(); // data centre -> {replicas, received}
    for (String replica : replicas) {
      int[] counts = byDc.computeIfAbsent(dataCenters.getOrDefault(host(replica), ""), dc -> new int[2]);
      counts[0]++;
      counts[1] += received.contains(replica) ? 1 : 0;
    }
    int all = replicas.size();
    int got = byDc.values().stream().mapToInt(counts -> counts[1]).sum();
    int[] local = byDc.getOrDefault(localDc, new int[2]);
    return switch (level) {
      case ALL -> got == all;
      case QUORUM -> got >= quorum(all);
      case LOCAL_QUORUM -> local[0] > 0 && local[1] >= quorum(local[0]);
      case EACH_QUORUM -> byDc.values().stream().allMatch(counts -> counts[1] >= quorum(counts[0]));
      case ONE -> got >= 1;
    };
  }

  private static int quorum(int replicas) {
    return replicas / 2 + 1;
  }

  private static String host(String replica) {
    int colon = replica.lastIndexOf(':');
    return colon < 0 ? replica : replica.substring(0, colon);
  }

  private static String describe(SSTables.ReplicaStream replica) {
    return String.format(Locale.ROOT, "%s missed %d file(s), %.1f MiB planned, %.1f MiB sent%s", replica.replica(),
        replica.filesPlanned(), replica.bytesPlanned() / 1048576.0, replica.bytesSent() / 1048576.0,
        replica.failure().isEmpty() ? "" : " (" + replica.failure() + ")");
  }
}
