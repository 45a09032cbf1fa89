package com.sparkify.pipeline.spark;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of Spark stages that run longer than an interval, once per interval: the job's stage they
 * belong to (its job description) and tasks done. Row counts are logged when a job stage ends
 * ({@link StageTimer}), from the job's own counts.
 */
public final class ProgressLog extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final String DESCRIPTION = "spark.job.description";

  private final SparkContext spark;
  private final Map<Integer, String> descriptions = new ConcurrentHashMap<>();
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;
  private final long intervalNanos;

  private record Running(String description, int tasks, long startNanos, AtomicInteger done) {}

  private ProgressLog(SparkContext spark, Duration interval) {
    this.spark = spark;
    this.intervalNanos = interval.toNanos();
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sparkify-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts logging; closing it stops. A zero interval logs nothing. */
  public static ProgressLog start(SparkContext spark, Duration interval) {
    ProgressLog progress = new ProgressLog(spark, interval);
    if (interval.toMillis() > 0) {
      spark.addSparkListener(progress);
      long millis = interval.toMillis();
      progress.ticker.scheduleAtFixedRate(progress::logRunning, millis, millis, TimeUnit.MILLISECONDS);
    }
    return progress;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    String description = job.properties() == null ? null : job.properties().getProperty(DESCRIPTION);
    if (description != null) {
      job.stageIds().foreach(stage -> descriptions.put((Integer) stage, description));
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    int stage = submitted.stageInfo().stageId();
    running.put(stage, new Running(descriptions.getOrDefault(stage, submitted.stageInfo().name()),
        submitted.stageInfo().numTasks(), System.nanoTime(), new AtomicInteger()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    Running stage = running.get(task.stageId());
    if (stage != null) {
      stage.done().incrementAndGet();
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    running.remove(completed.stageInfo().stageId());
  }

  /** Stages that have run for a whole interval: short ones only show in the stage timings. */
  private void logRunning() {
    running.forEach((stage, progress) -> {
      long elapsed = System.nanoTime() - progress.startNanos();
      if (elapsed >= intervalNanos) {
        LOG.info(String.format(Locale.ROOT, "%s: running for %.0f s, %d of %d tasks done [Spark stage %d]",
            progress.description(), elapsed / 1e9, progress.done().get(), progress.tasks(), stage));
      }
    });
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    spark.removeSparkListener(this);
  }
}
