package com.sparkify.pipeline.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of long-running Spark stages at a fixed interval: the job's stage they belong to (its job
 * description), tasks done, and rows read or written so far with their rate. Only task counts and metrics
 * reach the driver, which Spark sends it anyway.
 */
public final class ProgressLog extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final String DESCRIPTION = "spark.job.description";

  private final SparkContext spark;
  private final Map<Integer, String> descriptions = new ConcurrentHashMap<>();
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;

  private static final class Running {
    final String description;
    final int tasks;
    final long startNanos = System.nanoTime();
    volatile int done;
    volatile long rows;

    Running(String description, int tasks) {
      this.description = description;
      this.tasks = tasks;
    }
  }

  private ProgressLog(SparkContext spark) {
    this.spark = spark;
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sparkify-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts logging; closing it stops. A zero interval logs nothing. */
  public static ProgressLog start(SparkContext spark, Duration interval) {
    ProgressLog progress = new ProgressLog(spark);
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
    running.put(stage, new Running(descriptions.getOrDefault(stage, submitted.stageInfo().name()), submitted.stageInfo().numTasks()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    Running stage = running.get(task.stageId());
    if (stage == null || task.taskMetrics() == null) {
      return;
    }
    synchronized (stage) {
      stage.done++;
      stage.rows += Math.max(task.taskMetrics().outputMetrics().recordsWritten(),
          Math.max(task.taskMetrics().inputMetrics().recordsRead(), task.taskMetrics().shuffleWriteMetrics().recordsWritten()));
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    running.remove(completed.stageInfo().stageId());
  }

  private void logRunning() {
    running.forEach((stage, progress) -> {
      double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
      LOG.info(String.format(Locale.ROOT, "%s: %d/%d tasks, %,d rows in %.0f s (%,.0f rows/s) [Spark stage %d]",
          progress.description, progress.done, progress.tasks, progress.rows, seconds,
          seconds > 0 ? progress.rows / seconds : 0.0, stage));
    });
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    spark.removeSparkListener(this);
  }
}
