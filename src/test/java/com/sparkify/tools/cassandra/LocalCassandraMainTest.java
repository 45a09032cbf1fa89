package com.sparkify.tools.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The cassandra command's own flags, and the settings they become; nothing is started. */
class LocalCassandraMainTest {
  @Test
  void nodesIsASettingNodeAndKillAreTheStopCommandsOwn() {
    LocalCassandraMain.Flags flags = LocalCassandraMain.Flags.parse(
        new String[] {"stop", "--node", "2", "--kill", "--config", "my.conf", "-Dsparkify.cassandra.port=9242"});
    assertEquals(Optional.of(2), flags.node());
    assertTrue(flags.kill());
    assertEquals(List.of("stop", "--config", "my.conf", "-Dsparkify.cassandra.port=9242"), flags.rest());

    LocalCassandraMain.Flags start = LocalCassandraMain.Flags.parse(new String[] {"start", "--nodes", "3"});
    assertEquals(Optional.empty(), start.node());
    assertFalse(start.kill());
    Settings settings = SettingsLoader.load(CommandLine.parse(start.rest().toArray(String[]::new)), Map.of(), new Properties());
    assertEquals(3, settings.localCassandra().nodes());
  }

  @Test
  void bySettingsOneNodeWithJmxPortsFrom7199() {
    Settings.LocalCassandra local = SettingsLoader.load(CommandLine.parse(), Map.of(), new Properties()).localCassandra();
    assertEquals(1, local.nodes(), "start without --nodes is the single node, as before clusters");
    assertEquals(7199, local.jmxPort());
    assertEquals(Path.of(".cassandra"), local.home());
  }

  @Test
  void misusedFlagsAreBadUsageAndStartNothing() {
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"start", "--kill"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"status", "--node", "1"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"start", "--nodes"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"start", "--nodes", "three"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"stop", "--node", "0"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"start", "--nodes", "0"}));
    assertEquals(ExitStatus.BAD_USAGE, LocalCassandraMain.run(new String[] {"start", "--nodes", "10"}));
  }
}
