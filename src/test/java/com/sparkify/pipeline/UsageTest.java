package com.sparkify.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.report.LogLevels;
import com.sparkify.pipeline.settings.CommandLine;
import com.typesafe.config.ConfigFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator sees before a run: the help text, and the log levels a flag sets. */
class UsageTest {
  @AfterEach
  void quietAgain() {
    LogLevels.apply("warn");
  }

  @Test
  void helpListsEveryFlagEverySettingWithItsDefaultAndEveryExitCode() {
    String usage = SparkifyJob.usage();
    CommandLine.FLAGS.keySet().forEach(flag -> assertTrue(usage.contains(flag + " "), flag));
    CommandLine.SWITCHES.keySet().forEach(flag -> assertTrue(usage.contains(flag + " "), flag));
    ConfigFactory.defaultReference().getConfig("sparkify").entrySet()
        .forEach(e -> assertTrue(usage.contains("sparkify." + e.getKey() + " = "), e.getKey()));
    assertTrue(usage.contains("sparkify.max-rejects = 100"), usage);
    for (ExitStatus status : ExitStatus.values()) {
      assertTrue(usage.contains(status.code() + " " + status.name().toLowerCase().replace('_', ' ')), status.name());
    }
  }

  @Test
  void theLogLevelFlagTurnsSparkUpWhileTheJobStaysAtInfo() {
    LogLevels.apply("warn");
    assertEquals(Level.WARN, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
    assertEquals(Level.OFF, LogManager.getLogger("org.apache.spark.executor.Executor").getLevel());
    assertEquals(Level.INFO, LogManager.getLogger("com.sparkify.pipeline.SparkifyJob").getLevel());

    LogLevels.apply("info");
    assertEquals(Level.INFO, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
    assertEquals(Level.INFO, LogManager.getLogger("org.apache.spark.executor.Executor").getLevel());

    LogLevels.apply("debug");
    assertEquals(Level.DEBUG, LogManager.getLogger("com.sparkify.pipeline.SparkifyJob").getLevel());
  }
}
