package com.sparkify.pipeline;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.report.RunReport;
import com.sparkify.pipeline.run.PipelineRun;
import com.sparkify.pipeline.run.SparkSessions;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import com.sparkify.pipeline.spark.LogLevels;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's entry point, for spark-submit and java alike: the command line, the settings, the Spark
 * session, one {@link PipelineRun}, and how it ended as an exit code and one line.
 */
public final class SparkifyJob {
  private static final Logger LOG = LoggerFactory.getLogger(SparkifyJob.class);

  private SparkifyJob() {}

  public static void main(String[] args) {
    ExitStatus status = run(args);
    // A cluster-mode driver that calls System.exit(0) is taken on YARN for one that died early, and retried.
    if (status != ExitStatus.OK || !"cluster".equals(new SparkConf().get("spark.submit.deployMode", "client"))) {
      System.exit(status.code());
    }
  }

  /** Runs the job for a command line and says how it ended; the one-line reason of a failure goes to stderr. */
  public static ExitStatus run(String[] args) {
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        System.out.print(Usage.text());
        return ExitStatus.OK;
      }
      if (!commandLine.positional().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument '" + commandLine.positional().get(0) + "' (see --help)");
      }
      settings = SettingsLoader.load(commandLine);
    } catch (RuntimeException e) {
      return fail(e);
    }
    LogLevels.apply(settings.logging().level());
    SparkSession spark = null;
    try {
      spark = SparkSessions.create(settings);
      RunReport report = new PipelineRun(spark, settings).run();
      report.lines().forEach(System.out::println);
      System.out.println(report.oneLine() + (settings.dryRun() ? "" : " report=" + settings.report()));
      return ExitStatus.OK;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      return fail(e);
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /** How a failure ends a command of the project: its exit status, and its one-line reason on stderr. */
  public static ExitStatus fail(Exception e) {
    ExitStatus status = ExitStatus.of(e);
    if (status == ExitStatus.INTERNAL_ERROR) {
      LOG.error("run failed", e);
    } else {
      LOG.debug("run failed", e);
    }
    System.err.println("sparkify: " + Failures.reason(e) + " [exit " + status.code() + ": " + status.meaning() + "]");
    return status;
  }
}
