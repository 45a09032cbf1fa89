package com.sparkify.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for every test class of a JVM. spark-testing-base's Java base class uses JUnit 4
 * lifecycle annotations that JUnit 5 ignores, so it is driven by hand: started on first use, stopped
 * when the test JVM exits.
 */
public final class SharedSpark {
  private static final Suite SUITE = start();

  private SharedSpark() {}

  public static SparkSession spark() {
    return SUITE.spark();
  }

  /** Same rows and schema, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    SUITE.assertDataFrameNoOrderEquals(expected, actual);
  }

  private static Suite start() {
    Suite suite = new Suite();
    suite.runBefore();
    Runtime.getRuntime().addShutdownHook(new Thread(JavaDataFrameSuiteBase::runAfterClass));
    return suite;
  }

  private static final class Suite extends JavaDataFrameSuiteBase {
    @Override
    public boolean enableHiveSupport() {
      return false;
    }

    @Override
    public SparkConf conf() {
      return super.conf()
          .setMaster("local[2,4]")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "2");
    }
  }
}
