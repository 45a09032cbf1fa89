package com.sparkify.pipeline.report;

import java.util.Map;
import org.apache.spark.sql.Observation;

/** Reads the metrics of an observed Dataset once the action over it has finished. */
public final class Observed {
  private Observed() {}

  public static long count(Observation observation, String metric) {
    try {
      Map<String, Object> values = observation.getAsJava();
      Object value = values.get(metric);
      // sum() over no rows is null
      return value == null ? 0 : ((Number) value).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the row counts", e);
    }
  }
}
