package com.sparkify.pipeline.run;

import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.settings.Settings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark conf and session of a run, for spark-submit and local mode alike. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * spark-submit passes the master (and the user's --conf) as system properties, which SparkConf reads; without
   * one this is a local run. The user's own Spark settings win over our defaults; the Cassandra
   * connection is ours to set, so driver and executors reach the same cluster with the same credentials.
   */
  public static SparkConf conf(Settings settings) {
    SparkConf conf = new SparkConf().setAppName("sparkify");
    if (!conf.contains("spark.master")) {
      conf.setMaster(settings.spark().localMaster());
    }
    settings.spark().conf().forEach(conf::setIfMissing);
    // spark-submit --master local[N] is local mode too
    if (conf.get("spark.master").startsWith("local")) {
      settings.spark().localConf().forEach(conf::setIfMissing);
      conf.setMaster(withTaskRetries(conf.get("spark.master"), conf.getInt("spark.task.maxFailures", 4)));
    }
    CassandraTables.connectorConf(settings.cassandra()).forEach(conf::set);
    return conf;
  }

  /**
   * local[N] gives a failed task no second attempt (spark.task.maxFailures applies to clusters only), so one
   * request lost with a Cassandra node would fail the run; local[N,F] retries it as a cluster would. A master
   * that names its retries already is left as it is.
   */
  static String withTaskRetries(String master, int maxFailures) {
    Matcher local = LOCAL.matcher(master);
    return local.matches() ? "local[" + (local.group(1) == null ? "1" : local.group(1)) + "," + maxFailures + "]" : master;
  }

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[([^,\\]]+)\\])?");

  public static SparkSession create(Settings settings) {
    return SparkSession.builder().config(conf(settings)).getOrCreate();
  }
}
