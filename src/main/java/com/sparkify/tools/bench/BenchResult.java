package com.sparkify.tools.bench;

import java.util.Map;

/**
 * One method's figures from one round at one input size.
 *
 * @param rows rows loaded into Cassandra (song rows, both tables counted once each)
 * @param peakRssMib the method's process peak resident memory, 0 when it ran inside the bench's own JVM
 * @param extrapolated whether the figure was measured on a slice and scaled to the full size
 * @param stageSeconds the job's Cassandra write stage from its report, NaN for other methods
 * @param readBackSeconds the job's read-back of its tables (--verify) from its report, NaN when it did not verify
 * @param settleSeconds how long the nodes compacted after the method ended
 * @param counted each table's rows, counted after the load
 */
record BenchResult(String method, long inputRows, long rows, double wallSeconds, double peakRssMib, boolean extrapolated,
    double stageSeconds, double readBackSeconds, double settleSeconds, Map<String, Long> counted) {

  BenchResult withStages(double write, double readBack) {
    return new BenchResult(method, inputRows, rows, wallSeconds, peakRssMib, extrapolated, write, readBack, settleSeconds,
        counted);
  }
}
