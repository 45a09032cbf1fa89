package com.sparkify.pipeline.report;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall time of each stage, in the order the stages ran; each start and end is logged, the end with its row
 * count and rate when the stage returns one (a Long or {@link Counted}).
 */
public final class StageTimer {
  private static final Logger LOG = LoggerFactory.getLogger(StageTimer.class);

  // stages may run side by side, on threads of their own
  private final Map<String, Duration> stages = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Consumer<String> onStart;

  public StageTimer() {
    this(stage -> { });
  }

  /** @param onStart told each stage's name on the thread that runs it (to name the Spark jobs it starts) */
  public StageTimer(Consumer<String> onStart) {
    this.onStart = onStart;
  }

  public <T> T time(String stage, Supplier<T> work) {
    LOG.info("{} ...", stage);
    onStart.accept(stage);
    long start = System.nanoTime();
    T result = null;
    try {
      result = work.get();
      return result;
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      stages.put(stage, took);
      double seconds = took.toMillis() / 1000.0;
      Long rows = result instanceof Long count ? count : result instanceof Counted counted ? counted.rows() : null;
      if (rows != null) {
        LOG.info(String.format(Locale.ROOT, "%s: %,d rows in %.1f s (%,.0f rows/s)", stage, rows, seconds,
            seconds > 0 ? rows / seconds : 0.0));
      } else {
        LOG.info(String.format(Locale.ROOT, "%s: %.1f s", stage, seconds));
      }
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
