package com.sparkify.pipeline.report;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time of each stage, in the order the stages ran. */
public final class StageTimer {
  private final Map<String, Duration> stages = new LinkedHashMap<>();

  public <T> T time(String stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      stages.put(stage, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  public void time(String stage, Runnable work) {
    time(
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  public Map<String, Duration> stages() {
    return Collections.unmodifiableMap(stages);
  }
}
