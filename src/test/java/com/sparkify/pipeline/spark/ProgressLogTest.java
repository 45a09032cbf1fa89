package com.sparkify.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.testing.SharedSpark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Spark stage running longer than the interval is logged while it runs, with its job stage's name. */
class ProgressLogTest {
  private final Captured captured = new Captured();
  private final Logger logger = (Logger) LogManager.getLogger(ProgressLog.class);

  private static final class Captured extends AbstractAppender {
    final List<String> messages = new CopyOnWriteArrayList<>();

    Captured() {
      super("captured", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
    }
  }

  @BeforeEach
  void capture() {
    captured.start();
    logger.addAppender(captured);
  }

  @AfterEach
  void release() {
    logger.removeAppender(captured);
    captured.stop();
  }

  @Test
  void aStageRunningLongerThanTheIntervalIsLoggedWhileItRuns() {
    SparkSession spark = SharedSpark.spark();
    try (ProgressLog progress = ProgressLog.start(spark.sparkContext(), Duration.ofSeconds(1))) {
      spark.sparkContext().setJobDescription("slow stage");
      spark.range(0, 6, 1, 2).foreach((ForeachFunction<Long>) row -> Thread.sleep(1000));
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
    String messages = String.join("\n", captured.messages);
    assertTrue(captured.messages.stream().anyMatch(
        m -> m.matches("slow stage: running for [1-9]\\d* s, [0-2] of 2 tasks done \\[Spark stage \\d+]")), messages);
    assertFalse(messages.contains("running for 0 s"), "a stage is logged once it has run for the interval: " + messages);
  }
}
