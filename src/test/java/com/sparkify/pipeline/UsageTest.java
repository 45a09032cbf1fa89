package com.sparkify.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Flag;
import com.sparkify.pipeline.spark.LogLevels;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator sees before a run: the help text, and the log levels a flag sets. */
class UsageTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();

  @AfterEach
  void quietAgain() {
    LogLevels.apply("warn");
  }

  @Test
  void helpListsEveryFlagWithItsSettingAndDefaultEverySettingAndEveryExitCode() {
    String usage = Usage.text();
    for (Flag flag : Flag.values()) {
      assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(flag.synopsis()) + " +" + Pattern.quote(flag.key()) + " ").matcher(usage).find(),
          flag.synopsis());
    }
    assertTrue(usage.contains("(default data)"), usage);
    assertTrue(usage.contains("(default 100)"), usage);
    assertTrue(usage.contains("(default none)"), "an empty default reads as none: " + usage);
    ConfigFactory.defaultReference().getConfig("sparkify").entrySet()
        .forEach(e -> assertTrue(usage.contains("sparkify." + e.getKey() + " = "), e.getKey()));
    assertTrue(usage.contains("sparkify.max-rejects = 100"), usage);
    for (ExitStatus status : ExitStatus.values()) {
      assertTrue(usage.contains(status.code() + " " + status.name().toLowerCase().replace('_', ' ')), status.name());
    }
    usage.lines().forEach(line -> assertTrue(line.length() <= 112 || !line.contains(" "), "wrapped: " + line));
  }

  @Test
  void everyDeclaredFlagSetsItsSetting() {
    for (Flag flag : Flag.values()) {
      CommandLine parsed = flag.isSwitch() ? CommandLine.parse(flag.flag()) : CommandLine.parse(flag.flag(), "x");
      assertEquals(flag.isSwitch() ? "true" : "x", parsed.overrides().getString(flag.key()), flag.flag());
    }
  }

  /** The README's table of the job's flags is written by hand: it must name exactly the declared flags and their settings. */
  @Test
  void theReadmeFlagTableMatchesTheDeclaredFlags() throws IOException {
    String readme = Files.readString(PROJECT.resolve("README.md"));
    int start = readme.indexOf("### The job's flags");
    String table = readme.substring(start, readme.indexOf("\n#", start + 4));
    Map<String, String> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `(--[a-z-]+)[^|]*\\| `(sparkify\\.[a-z.-]+)`").matcher(table);
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }
    Map<String, String> declared = new TreeMap<>();
    for (Flag flag : Flag.values()) {
      declared.put(flag.flag(), flag.key());
    }
    assertEquals(declared, documented);
  }

  /** scripts/sparkify makes the paths its callers give absolute: it must know every flag that takes one. */
  @Test
  void theFrontDoorKnowsEveryPathFlag() throws IOException {
    String script = Files.readString(PROJECT.resolve("scripts/sparkify"));
    Matcher pathFlags = Pattern.compile("(?m)^ +(--[a-z|-]+)\\) realpath").matcher(script);
    assertTrue(pathFlags.find(), "the case line of absolute_paths");
    List<String> known = List.of(pathFlags.group(1).split("\\|"));
    for (Flag flag : Flag.values()) {
      if ("DIR".equals(flag.argument()) || "FILE".equals(flag.argument())) {
        assertTrue(known.contains(flag.flag()), flag.flag() + " in " + known);
      }
    }
  }

  @Test
  void theLogLevelFlagTurnsSparkUpWhileTheJobStaysAtInfo() {
    LogLevels.apply("warn");
    assertEquals(Level.WARN, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
    assertEquals(Level.OFF, LogManager.getLogger("org.apache.spark.executor.Executor").getLevel());
    assertEquals(Level.INFO, LogManager.getLogger("com.sparkify.pipeline.SparkifyJob").getLevel());

    LogLevels.apply("info");
    assertEquals(Level.INFO, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
    assertEquals(Level.INFO, LogManager.getLogger("org.apache.spark.executor.Executor").getLevel());

    LogLevels.apply("debug");
    assertEquals(Level.DEBUG, LogManager.getLogger("com.sparkify.pipeline.SparkifyJob").getLevel());
  }
}
