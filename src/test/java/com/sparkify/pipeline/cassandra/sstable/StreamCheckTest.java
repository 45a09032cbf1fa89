package com.sparkify.pipeline.cassandra.sstable;

import static com.sparkify.pipeline.settings.Settings.BulkConsistency.ALL;
import static com.sparkify.pipeline.settings.Settings.BulkConsistency.EACH_QUORUM;
import static com.sparkify.pipeline.settings.Settings.BulkConsistency.LOCAL_QUORUM;
import static com.sparkify.pipeline.settings.Settings.BulkConsistency.ONE;
import static com.sparkify.pipeline.settings.Settings.BulkConsistency.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.settings.Settings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamCheckTest {
  private static final List<String> THREE = List.of("10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000");
  private static final List<String> SIX = List.of("10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000",
      "10.1.0.1:7000", "10.1.0.2:7000", "10.1.0.3:7000");
  private static final Map<String, String> DCS = Map.of("10.0.0.1", "dc1", "10.0.0.2", "dc1", "10.0.0.3", "dc1",
      "10.1.0.1", "dc2", "10.1.0.2", "dc2", "10.1.0.3", "dc2");
  private static final int MIB = 1 << 20;

  private static boolean enough(Settings.BulkConsistency level, List<String> replicas, String... received) {
    return StreamCheck.enough(level, "dc1", replicas, Set.of(received), DCS);
  }

  @Test
  void oneDataCentreOfThreeReplicas() {
    for (Settings.BulkConsistency level : Settings.BulkConsistency.values()) {
      assertTrue(enough(level, THREE, THREE.toArray(String[]::new)), level + ": all three");
    }
    String[] two = {"10.0.0.1:7000", "10.0.0.3:7000"};
    assertTrue(enough(LOCAL_QUORUM, THREE, two));
    assertTrue(enough(QUORUM, THREE, two));
    assertTrue(enough(EACH_QUORUM, THREE, two));
    assertTrue(enough(ONE, THREE, two));
    assertFalse(enough(ALL, THREE, two));
    assertFalse(enough(LOCAL_QUORUM, THREE, "10.0.0.2:7000"));
    assertFalse(enough(QUORUM, THREE, "10.0.0.2:7000"));
    assertTrue(enough(ONE, THREE, "10.0.0.2:7000"));
    assertFalse(enough(ONE, THREE));
  }

  @Test
  void aQuorumOfTwoReplicasIsBoth() {
    List<String> two = THREE.subList(0, 2);
    assertFalse(enough(QUORUM, two, "10.0.0.1:7000"));
    assertFalse(enough(LOCAL_QUORUM, two, "10.0.0.1:7000"));
    assertTrue(enough(QUORUM, two, "10.0.0.1:7000", "10.0.0.2:7000"));
  }

  @Test
  void twoDataCentresOfThreeReplicasEach() {
    String[] dc1Only = THREE.toArray(String[]::new);
    assertTrue(enough(LOCAL_QUORUM, SIX, dc1Only), "the local data centre has all three");
    assertFalse(enough(EACH_QUORUM, SIX, dc1Only), "dc2 has none");
    assertFalse(enough(QUORUM, SIX, dc1Only), "3 of 6: a quorum is 4");
    String[] dc2AndOneOfDc1 = {"10.0.0.1:7000", "10.1.0.1:7000", "10.1.0.2:7000", "10.1.0.3:7000"};
    assertFalse(enough(LOCAL_QUORUM, SIX, dc2AndOneOfDc1), "1 of 3 in dc1");
    assertTrue(enough(QUORUM, SIX, dc2AndOneOfDc1), "4 of 6");
    String[] twoAndTwo = {"10.0.0.1:7000", "10.0.0.2:7000", "10.1.0.1:7000", "10.1.0.2:7000"};
    assertTrue(enough(EACH_QUORUM, SIX, twoAndTwo));
    assertFalse(enough(ALL, SIX, twoAndTwo));
  }

  @Test
  void aLocalDataCentreWithoutReplicasNeverMeetsLocalQuorum() {
    assertFalse(StreamCheck.enough(LOCAL_QUORUM, "dc3", THREE, Set.copyOf(THREE), DCS));
  }

  private static SSTables.ReplicaStream got(String replica) {
    return new SSTables.ReplicaStream(replica, 2, 3L * MIB, 3L * MIB, true, "");
  }

  /** A replica whose session failed: the receiver drops what it got, whatever was sent. */
  private static SSTables.ReplicaStream nothing(String replica) {
    return new SSTables.ReplicaStream(replica, 2, 3L * MIB, 0, false, "session failed: Connection refused");
  }

  private static SSTables.Streamed streamed(List<SSTables.ReplicaStream> replicas, List<String> rangeReplicas) {
    return new SSTables.Streamed(replicas, List.of(new SSTables.RangeReplicas("(-100,0]", rangeReplicas),
        new SSTables.RangeReplicas("(0,100]", rangeReplicas)));
  }

  @Test
  void aReplicaThatReceivesNothingIsNamedAndTheLoadHoldsWhileTheLevelIsMet() throws IOException {
    SSTables.Streamed oneLost = streamed(List.of(got(THREE.get(0)), got(THREE.get(1)), nothing(THREE.get(2))), THREE);
    assertEquals(List.of("10.0.0.3:7000"), StreamCheck.missed("ks.t", oneLost, LOCAL_QUORUM, "dc1", DCS));
    IOException all = assertThrows(IOException.class, () -> StreamCheck.missed("ks.t", oneLost, ALL, "dc1", DCS));
    assertEquals("ks.t: 2 of 2 token ranges with rows have too few replicas with their files for ALL (replicas with"
        + " them: (-100,0] 2 of 3, (0,100] 2 of 3); replicas that missed files: 10.0.0.3:7000 missed 2 file(s), 3.0 MiB"
        + " planned, 0.0 MiB sent (session failed: Connection refused)", all.getMessage());

    SSTables.Streamed twoLost = streamed(List.of(got(THREE.get(0)), nothing(THREE.get(1)), nothing(THREE.get(2))), THREE);
    IOException two = assertThrows(IOException.class, () -> StreamCheck.missed("ks.t", twoLost, LOCAL_QUORUM, "dc1", DCS));
    assertTrue(two.getMessage().contains("10.0.0.2:7000 missed 2 file(s)") && two.getMessage().contains("10.0.0.3:7000"),
        two.getMessage());
  }

  @Test
  void aCompletedSessionThatSentLessThanPlannedIsAMissAndAReplicaWithoutSessionHasNothing() throws IOException {
    SSTables.ReplicaStream sentLess = new SSTables.ReplicaStream(THREE.get(2), 2, 3L * MIB, MIB, true, "");
    assertEquals(List.of(THREE.get(2)),
        StreamCheck.missed("ks.t", streamed(List.of(got(THREE.get(0)), got(THREE.get(1)), sentLess), THREE), QUORUM, "dc1", DCS));
    // the ring names a third replica the stream had no session with
    assertThrows(IOException.class, () -> StreamCheck.missed("ks.t",
        streamed(List.of(got(THREE.get(0)), nothing(THREE.get(1))), THREE), QUORUM, "dc1", DCS));
  }

  @Test
  void aReplicaMeantToGetNothingMissesNothing() throws IOException {
    SSTables.ReplicaStream idle = new SSTables.ReplicaStream(THREE.get(2), 0, 0, 0, false, "session failed");
    SSTables.Streamed streamed = new SSTables.Streamed(List.of(got(THREE.get(0)), got(THREE.get(1)), idle),
        List.of(new SSTables.RangeReplicas("(0,100]", THREE.subList(0, 2))));
    assertEquals(List.of(), StreamCheck.missed("ks.t", streamed, ALL, "dc1", DCS));
  }

  @Test
  void rowsWrittenButNoReplicaSentAnyFileIsAFailure() {
    SSTables.ReplicaStream idle = new SSTables.ReplicaStream(THREE.get(0), 0, 0, 0, true, "");
    IOException none = assertThrows(IOException.class, () -> StreamCheck.missed("ks.t",
        new SSTables.Streamed(List.of(idle), List.of(new SSTables.RangeReplicas("(0,100]", THREE))), ONE, "dc1", DCS));
    assertTrue(none.getMessage().startsWith("ks.t: rows written but no replica was sent any file"), none.getMessage());
    assertThrows(IOException.class, () -> StreamCheck.missed("ks.t", new SSTables.Streamed(List.of(), List.of()), ONE, "dc1", DCS));
  }
}
