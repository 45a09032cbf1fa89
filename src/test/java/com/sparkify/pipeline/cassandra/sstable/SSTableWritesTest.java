package com.sparkify.pipeline.cassandra.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SSTableWritesTest {
  @Test
  void fewRowsMakeOneTaskManyRowsKeepTheCoresBusyAndRowsPerTaskCapsEach() {
    assertEquals(1, SSTableWrites.tasks(0, 2, 2_000_000));
    assertEquals(1, SSTableWrites.tasks(6_800, 2, 2_000_000), "the sample: one file per table");
    assertEquals(2, SSTableWrites.tasks(100_000, 2, 2_000_000));
    assertEquals(2, SSTableWrites.tasks(1_000_000, 2, 2_000_000));
    assertEquals(5, SSTableWrites.tasks(10_000_000, 2, 2_000_000));
    assertEquals(8, SSTableWrites.tasks(10_000_000, 8, 2_000_000));
    assertEquals(10, SSTableWrites.tasks(1_000_000, 2, 100_000));
  }
}
