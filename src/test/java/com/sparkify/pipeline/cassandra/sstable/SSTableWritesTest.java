package com.sparkify.pipeline.cassandra.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.testing.SharedSpark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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

  /**
   * A resubmitted stage runs its partitions again from attempt number 0, as a second job over the same
   * partitions does here: each attempt of partition 0 still gets a folder of its own.
   */
  @Test
  void everyTaskAttemptHasAFolderOfItsOwnEvenWithTheSamePartitionAndAttemptNumber() {
    JavaRDD<Integer> partitions = JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext())
        .parallelize(List.of(1, 2, 3, 4), 2);
    Set<String> folders = new HashSet<>();
    for (int stage = 0; stage < 2; stage++) {
      List<String> attempts = partitions.mapPartitions(rows -> List.of(TaskContext.getPartitionId() + "-"
          + TaskContext.get().attemptNumber() + " " + SSTableWrites.taskFolder("/run", "songs")).iterator()).collect();
      assertEquals(List.of("0-0", "1-0"), attempts.stream().map(attempt -> attempt.split(" ")[0]).toList());
      attempts.forEach(attempt -> folders.add(attempt.split(" ")[1]));
    }
    assertEquals(4, folders.size(), "two partitions run twice, each attempt in its own folder: " + folders);
  }
}
