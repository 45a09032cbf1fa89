package com.sparkify.pipeline;

import com.sparkify.pipeline.settings.Settings;
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
    // spark-submit --master local[N] is local mode too
    if (conf.get("spark.master").startsWith("local")) {
      settings.spark().localConf().forEach(conf::setIfMissing);
    }
    settings.spark().conf().forEach(conf::setIfMissing);
    settings.cassandra().connectorConf().forEach(conf::set);
    return conf;
  }

  public static SparkSession create(Settings settings) {
    return SparkSession.builder().config(conf(settings)).getOrCreate();
  }
}
