package com.sparkify.pipeline.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.sparkify.testing.Tables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class IdempotentSessionFactoryTest {
  private static CassandraConnectorConf connectorConf() {
    SparkConf conf = new SparkConf(false);
    CassandraTables.connectorConf(Tables.settings("--cassandra-host", "10.0.0.1,10.0.0.2").cassandra()).forEach(conf::set);
    return CassandraConnectorConf.apply(conf);
  }

  @Test
  void theJobsConnectorConfUsesIt() {
    assertTrue(connectorConf().connectionFactory() instanceof IdempotentSessionFactory, connectorConf().connectionFactory().toString());
  }

  @Test
  void everyStatementIsIdempotentAndTheConnectorsOwnSettingsStay() {
    DriverExecutionProfile profile = IdempotentSessionFactory.config(connectorConf()).getInitialConfig().getDefaultProfile();
    assertTrue(profile.getBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE));
    assertTrue(profile.getString(DefaultDriverOption.RETRY_POLICY_CLASS).endsWith("MultipleRetryPolicy"),
        profile.getString(DefaultDriverOption.RETRY_POLICY_CLASS));
    assertEquals(2, profile.getStringList(DefaultDriverOption.CONTACT_POINTS).size(), "both contact points");
  }

  @Test
  void aDeserializedCopyIsTheSameFactorySoTheConnectorsSessionCacheHolds() throws Exception {
    CassandraConnectorConf conf = connectorConf();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(conf);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Object copy = in.readObject();
      assertEquals(conf, copy);
      assertEquals(conf.hashCode(), copy.hashCode());
    }
  }
}
