package com.sparkify.pipeline.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.spark.connector.cql.CassandraConnectionFactory;
import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.datastax.spark.connector.cql.DefaultConnectionFactory;
import com.datastax.spark.connector.cql.IpBasedContactInfo;
import com.datastax.spark.connector.cql.MultiplexingSchemaListener;
import com.datastax.spark.connector.cql.Scanner;
import com.datastax.spark.connector.rdd.ReadConf;
import org.apache.spark.SparkEnv;

/**
 * The connector's own session, with every statement idempotent unless it says otherwise. The connector
 * groups rows into unlogged batches and leaves their idempotence unset, so the driver takes them for
 * non-idempotent: when a node dies, the batches in flight on its connections fail instead of being retried on
 * another coordinator, and one lost node of three fails the run. The job's writes are upserts with the event's
 * own write time, so sending one twice changes nothing. Set as spark.cassandra.connection.factory; the
 * connector creates it by its no-argument constructor, on the driver and on each executor.
 */
public final class IdempotentSessionFactory implements CassandraConnectionFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public CqlSession createSession(CassandraConnectorConf conf) {
    if (!(conf.contactInfo() instanceof IpBasedContactInfo contact)) {
      // a driver profile file or a cloud bundle configures the driver itself: set the option there
      return DefaultConnectionFactory.createSession(conf);
    }
    CqlSessionBuilder builder = CqlSession.builder();
    if (contact.authConf().authProvider().isDefined()) {
      builder = builder.withAuthProvider(contact.authConf().authProvider().get());
    }
    String application = SparkEnv.get() == null ? "NoAppID" : SparkEnv.get().conf().getAppId();
    return builder
        .withConfigLoader(config(conf))
        .withApplicationName("Spark-Cassandra-Connector-" + application)
        .withSchemaChangeListener(new MultiplexingSchemaListener())
        .build();
  }

  /** The connector's driver settings (contact points, SSL, its retry policy, timeouts), plus idempotence. */
  static DriverConfigLoader config(CassandraConnectorConf conf) {
    return DefaultConnectionFactory.connectorConfigBuilder(conf, DriverConfigLoader.programmaticBuilder())
        .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
        .build();
  }

  @Override
  public Scanner getScanner(ReadConf readConf, CassandraConnectorConf conf, scala.collection.IndexedSeq<String> columns) {
    return DefaultConnectionFactory.getScanner(readConf, conf, columns);
  }

  // The connector caches one session per connector conf, which compares its factory by equals: every
  // deserialized copy of this stateless factory must be equal, or each task would open a session of its own.
  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().getName().hashCode();
  }
}
