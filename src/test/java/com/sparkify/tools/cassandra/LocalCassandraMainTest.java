package com.sparkify.tools.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cassandra command's own flags, and the settings they become; nothing is started. */
class LocalCassandraMainTest {
  @TempDir Path work;

  @Test
  void nodesIsASettingNodeAndKillAreTheStopCommandsOwn() throws IOException {
    LocalCassandraMain.Flags flags = LocalCassandraMain.Flags.parse(
        new String[] {"stop", "--node", "2", "--kill", "--config", "my.conf", "-Dsparkify.cassandra.port=9242"});
    assertEquals(Optional.of(2), flags.node());
    assertTrue(flags.kill());
    assertEquals(List.of("stop", "--config", "my.conf", "-Dsparkify.cassandra.port=9242"), flags.rest());

    LocalCassandraMain.Flags start = LocalCassandraMain.Flags.parse(new String[] {"start", "--nodes", "3"});
    assertEquals(Optional.empty(), start.node());
    assertFalse(start.kill());
    Settings settings = load(start.rest());
    assertEquals(3, settings.localCassandra().nodes());
  }

  @Test
  void bySettingsOneNodeWithJmxPortsFrom7199() throws IOException {
    Settings.LocalCassandra local = load(List.of()).localCassandra();
    assertEquals(1, local.nodes(), "start without --nodes is the single node, as before clusters");
    assertEquals(7199, local.jmxPort());
    assertEquals(Path.of(".cassandra"), local.home());
  }

  /** Only these arguments and reference.conf: an empty settings file stands in for the user's. */
  private Settings load(List<String> args) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--config", Files.writeString(work.resolve("empty.conf"), "").toString()));
    return SettingsLoader.load(CommandLine.parse(all.toArray(String[]::new)));
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
