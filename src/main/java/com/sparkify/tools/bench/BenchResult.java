package com.sparkify.tools.bench;

/**
 * One method's figures at one input size.
 *
 * @param rows rows loaded into Cassandra (song rows, both tables counted once each)
 * @param peakRssMib the method's process peak resident memory, 0 when it ran inside the bench's own JVM
 * @param extrapolated whether the figure was measured on a slice and scaled to the full size
 */
record BenchResult(String method, long inputRows, long rows, double wallSeconds, double peakRssMib, boolean extrapolated) {
  double rowsPerSecond() {
    return rows / wallSeconds;
  }
}
