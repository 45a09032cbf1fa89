package com.sparkify.pipeline.report;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wall time of each stage, in the order the stages ran. */
public final class StageTimer {
  private static final Logger LOG = LoggerFactory.getLogger(StageTimer.class);

  // stages may run side by side, on threads of their own
  private final Map<String, Duration> stages = Collections.synchronizedMap(new LinkedHashMap<>());

  public <T> T time(String stage, Supplier<T> work) {
    LOG.info("{} ...", stage);
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      stages.put(stage, took);
      LOG.info("{}: {} s", stage, String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0));
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
    synchronized (stages) {
      return new LinkedHashMap<>(stages);
    }
  }
}
