package com.sparkify.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void localModeRetriesFailedTasksAsAClusterDoes() {
    assertEquals("local[*,4]", SparkSessions.withTaskRetries("local[*]", 4));
    assertEquals("local[2,4]", SparkSessions.withTaskRetries("local[2]", 4));
    assertEquals("local[1,8]", SparkSessions.withTaskRetries("local", 8));
    assertEquals("local[2,3]", SparkSessions.withTaskRetries("local[2,3]", 4), "retries the user chose stay");
    assertEquals("spark://master:7077", SparkSessions.withTaskRetries("spark://master:7077", 4));
    assertEquals("yarn", SparkSessions.withTaskRetries("yarn", 4));
    assertEquals("local-cluster[2,1,1024]", SparkSessions.withTaskRetries("local-cluster[2,1,1024]", 4));
  }
}
