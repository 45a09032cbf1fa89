package com.sparkify.pipeline.spark;

import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The job's log levels, set in code because spark-submit configures logging before the application jar is on
 * the classpath, so the log4j2.properties inside it never applies there. Levels only: the appenders stay
 * whatever the launcher (or a cluster's own log4j2 file) set up.
 */
public final class LogLevels {
  /** Loggers that are noise at the default level: the job reports the reason of a failure once, in one line. */
  private static final Map<String, Level> QUIET_BY_DEFAULT = Map.of(
      // a stack trace per failed task
      "org.apache.spark.executor.Executor", Level.OFF,
      "org.apache.spark.scheduler.TaskSetManager", Level.ERROR,
      // a line per statement that failed while a node was out: thousands for one lost node
      "com.datastax.spark.connector.writer.QueryExecutor", Level.OFF,
      // Hadoop's native libraries are optional
      "org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);

  private LogLevels() {}

  /** @param level for Spark, Hadoop and the connector; the job's own lines stay at INFO unless it is finer */
  public static void apply(String level) {
    Level others = Level.toLevel(level.toUpperCase(Locale.ROOT), Level.WARN);
    Configurator.setRootLevel(others);
    Configurator.setLevel("com.sparkify", others.isLessSpecificThan(Level.INFO) ? others : Level.INFO);
    boolean quiet = others.isMoreSpecificThan(Level.WARN);
    QUIET_BY_DEFAULT.forEach((logger, quietLevel) -> Configurator.setLevel(logger, quiet ? quietLevel : others));
  }
}
