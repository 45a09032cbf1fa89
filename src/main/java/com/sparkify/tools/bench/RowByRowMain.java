package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.sparkify.pipeline.cassandra.CassandraTables;
import com.sparkify.pipeline.run.SparkSessions;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The seed's loader as its own process, for a from-process-start comparison: {@code FILE [settings flags]}.
 * Like the seed, it sends CREATE KEYSPACE and CREATE TABLE IF NOT EXISTS (also when they exist), then inserts
 * one row after the other.
 */
public final class RowByRowMain {
  private RowByRowMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings = SettingsLoader.load(CommandLine.parse(Arrays.copyOfRange(args, 1, args.length)));
    CassandraTables tables = new CassandraTables(settings.cassandra(), SparkSessions.conf(settings));
    try (CqlSession session = tables.openSession()) {
      session.execute(tables.schema().createKeyspace());
      tables.schema().tables().forEach(table -> session.execute(tables.schema().createTable(table)));
      long rows = DriverLoaders.rowByRow(session, tables.schema(), Path.of(args[0]), Long.MAX_VALUE);
      System.out.println("loaded " + rows + " rows row by row");
    }
  }
}
