package com.sparkify.pipeline.spark;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Observation;

/** Counters attached to a Dataset (Dataset.observe), read once the action over it has finished. */
public final class Observed {
  // The metrics arrive when the action ends; the wait only guards against a plan that skipped the counters.
  private static final Duration WAIT = Duration.ofMinutes(2);

  private Observed() {}

  /**
   * A new observation with a name of its own: the name is part of the plan, and a plan equal to one that
   * an earlier run in the same session cached would be answered from that cache without counting.
   */
  public static Observation create(String purpose) {
    return new Observation("sparkify-" + purpose + "-" + UUID.randomUUID());
  }

  public static long count(Observation observation, String metric) {
    Map<String, Object> values = await(observation);
    Object value = values.get(metric);
    // sum() over no rows is null
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Map<String, Object> await(Observation observation) {
    CompletableFuture<Map<String, Object>> values = CompletableFuture.supplyAsync(() -> {
      try {
        return observation.getAsJava();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the row counts", e);
      }
    });
    try {
      return values.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the row counts of " + observation.name() + " were never reported", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the row counts could not be read", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the row counts", e);
    }
  }
}
