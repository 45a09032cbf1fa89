package com.sparkify.pipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  private Settings load(Map<String, String> env, Properties system, String... args) {
    return SettingsLoader.load(CommandLine.parse(args), env, system, Optional.empty());
  }

  private Settings load(String... args) {
    return load(Map.of(), new Properties(), args);
  }

  @Test
  void theDefaultUserFileIsReadOnlyWhenOneIsGiven() {
    Path file = Path.of(write("sparkify.input = from-the-user-file"));
    assertEquals("from-the-user-file",
        SettingsLoader.load(CommandLine.parse(), Map.of(), new Properties(), Optional.of(file)).input());
    assertEquals("data", SettingsLoader.load(CommandLine.parse(), Map.of(), new Properties(), Optional.empty()).input());
    assertEquals("data", SettingsLoader.load(CommandLine.parse(), Map.of(), new Properties(),
        Optional.of(dir.resolve("missing.conf"))).input(), "a default file that is not there is no error");
  }

  @Test
  void defaultsComeFromReferenceConf() {
    Settings settings = load("--config", write(""));
    assertEquals("data", settings.input());
    assertEquals("data/events.csv", settings.output());
    assertEquals("127.0.0.1", settings.cassandra().host());
    assertEquals(9042, settings.cassandra().port());
    assertEquals("sparkify", settings.cassandra().keyspace());
    assertEquals(List.of("events_by_session_item_index", "events_by_user_session_item_index"),
        settings.cassandra().enabledTables().stream().map(QueryTable::name).toList());
    assertEquals(new Settings.Replication("SimpleStrategy", 1, Map.of()), settings.cassandra().replication());
    assertEquals("local[*]", settings.spark().localMaster());
  }

  @Test
  void theWriteModeIsCqlUnlessSSTableIsAskedForAndNothingElseIsAccepted() {
    assertEquals(Settings.WriteMode.CQL, load().cassandra().writeMode());
    Settings sstable = load("--write-mode", "sstable");
    assertEquals(Settings.WriteMode.SSTABLE, sstable.cassandra().writeMode());
    assertEquals(new Settings.SSTables(256, 2_000_000, "", 0, Settings.BulkConsistency.LOCAL_QUORUM, Duration.ofMinutes(10)), sstable.cassandra().sstables());
    assertEquals(8, load("-Dsparkify.cassandra.sstable.stream-throughput-mib=8").cassandra().sstables().streamThroughputMib());
    ConfigException e = assertThrows(ConfigException.class, () -> load("--write-mode", "bulk"));
    assertTrue(e.getMessage().contains("sparkify.cassandra.write-mode = 'bulk': use cql or sstable (--write-mode cql|sstable)"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.sstable.max-size-mib=0"));
    assertTrue(e.getMessage().contains("sparkify.cassandra.sstable.max-size-mib = 0 must be at least 1"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.sstable.stream-throughput-mib=-1"));
    assertTrue(e.getMessage().contains("sparkify.cassandra.sstable.stream-throughput-mib = -1 must be from 0 to 1048576"), e.getMessage());
  }

  @Test
  void theTimeRangeRunsFrom2000ToOneDayAfterTheStartUnlessSet() {
    java.time.Instant before = java.time.Instant.now();
    Settings.TsRange range = load().read().tsRange();
    java.time.Instant after = java.time.Instant.now();
    assertEquals(java.time.Instant.parse("2000-01-01T00:00:00Z"), range.from());
    assertFalse(range.to().isBefore(before.plus(java.time.Duration.ofDays(1))), range.to().toString());
    assertFalse(range.to().isAfter(after.plus(java.time.Duration.ofDays(1))), range.to().toString());
    assertEquals(new Settings.TsRange(java.time.Instant.parse("2018-11-01T00:00:00Z"), java.time.Instant.parse("2018-12-01T00:00:00Z")),
        load("-Dsparkify.read.ts-range.from=2018-11-01T00:00:00Z", "-Dsparkify.read.ts-range.to=2018-12-01T00:00:00Z").read().tsRange());
    ConfigException e = assertThrows(ConfigException.class, () -> load("-Dsparkify.read.ts-range.from=2018-11-01"));
    assertTrue(e.getMessage().contains("sparkify.read.ts-range.from = '2018-11-01' is not a UTC time like 2000-01-01T00:00:00Z"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("-Dsparkify.read.ts-range.to=1999-12-31T00:00:00Z"));
    assertTrue(e.getMessage().contains("sparkify.read.ts-range: from 2000-01-01T00:00:00Z is not before to 1999-12-31T00:00:00Z"),
        e.getMessage());
  }

  @Test
  void theFallbackEncodingIsWindows1252AnAsciiCompatibleCharsetOrNone() {
    assertEquals("windows-1252", load().read().fallbackEncoding());
    assertEquals("ISO-8859-15", load("-Dsparkify.read.fallback-encoding=latin9").read().fallbackEncoding());
    assertEquals("", load("-Dsparkify.read.fallback-encoding=").read().fallbackEncoding());
    ConfigException e = assertThrows(ConfigException.class, () -> load("-Dsparkify.read.fallback-encoding=klingon"));
    assertTrue(e.getMessage().contains("sparkify.read.fallback-encoding = 'klingon' is not a charset this Java knows"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("-Dsparkify.read.fallback-encoding=UTF-16"));
    assertTrue(e.getMessage().contains("sparkify.read.fallback-encoding = 'UTF-16' does not write line breaks, commas and quotes as ASCII does"),
        e.getMessage());
  }

  @Test
  void eachLayerOverridesTheOneBelow() {
    String file = write("sparkify.cassandra.host = file-host\nsparkify.cassandra.port = 1001\n"
        + "sparkify.cassandra.keyspace = from_file\nsparkify.input = file-input\n");
    Map<String, String> env = Map.of("SPARKIFY_CASSANDRA_HOST", "env-host", "SPARKIFY_CASSANDRA_PORT", "1002");
    Properties system = new Properties();
    system.setProperty("sparkify.cassandra.port", "1003");
    system.setProperty("sparkify.cassandra.keyspace", "from_system");
    Settings settings = load(env, system, "--config", file, "--keyspace", "from_flag");

    assertEquals("file-input", settings.input(), "file over reference");
    assertEquals("env-host", settings.cassandra().host(), "environment over file");
    assertEquals(1003, settings.cassandra().port(), "system property over environment");
    assertEquals("from_flag", settings.cassandra().keyspace(), "command line over system property");
  }

  @Test
  void flagsAndDashDArgumentsSetTheirKeys() {
    Settings settings = load("--input", "in", "--output", "out/e.csv", "--cassandra-host", "cass1",
        "-Dsparkify.cassandra.port=9142", "-Dsparkify.cassandra.connector.spark.cassandra.output.concurrent.writes=32");
    assertEquals("in", settings.input());
    assertEquals("out/e.csv", settings.output());
    assertEquals("cass1", settings.cassandra().host());
    assertEquals(9142, settings.cassandra().port());
    assertEquals("32", settings.cassandra().connectorConf().get("spark.cassandra.output.concurrent.writes"));
  }

  @Test
  void connectorConfCarriesConnectionCredentialsAndTuning() {
    Settings settings = load(Map.of("SPARKIFY_CASSANDRA_USERNAME", "etl", "SPARKIFY_CASSANDRA_PASSWORD", "s3cret"),
        new Properties(), "--config", write("sparkify.cassandra.connector { \"spark.cassandra.output.batch.size.rows\" = 50 }"));
    Map<String, String> conf = settings.cassandra().connectorConf();
    assertEquals("127.0.0.1", conf.get("spark.cassandra.connection.host"));
    assertEquals("9042", conf.get("spark.cassandra.connection.port"));
    assertEquals("datacenter1", conf.get("spark.cassandra.connection.localDC"));
    assertEquals("etl", conf.get("spark.cassandra.auth.username"));
    assertEquals("s3cret", conf.get("spark.cassandra.auth.password"));
    assertEquals("50", conf.get("spark.cassandra.output.batch.size.rows"));
    assertEquals("LOCAL_QUORUM", conf.get("spark.cassandra.output.consistency.level"));
  }

  @Test
  void withoutAUsernameNoCredentialsAreSent() {
    assertFalse(load().cassandra().connectorConf().containsKey("spark.cassandra.auth.username"));
  }

  @Test
  void passwordsNeverAppearInTheSettingsText() {
    Settings settings = load(Map.of("SPARKIFY_CASSANDRA_PASSWORD", "s3cret-value"), new Properties(),
        "-Dsparkify.cassandra.connector.spark.cassandra.connection.ssl.trustStore.password=store-pw-1",
        "-Dsparkify.cassandra.connector.spark.cassandra.connection.ssl.enabled=true");
    assertEquals("s3cret-value", settings.cassandra().password().reveal());
    assertEquals("store-pw-1", settings.cassandra().connectorConf().get("spark.cassandra.connection.ssl.trustStore.password"));
    assertFalse(settings.toString().contains("s3cret-value"), settings.toString());
    assertFalse(settings.toString().contains("store-pw-1"), settings.toString());
    assertTrue(settings.toString().contains("spark.cassandra.connection.ssl.enabled=true"), settings.toString());
  }

  @Test
  void networkTopologyStrategyTakesFactorsPerDataCenter() {
    Settings settings = load("--config", write(
        "sparkify.cassandra.replication { class = NetworkTopologyStrategy, data-centers { dc1 = 3, dc-2 = 2 } }"));
    assertEquals(Map.of("dc1", 3, "dc-2", 2), settings.cassandra().replication().dataCenters());
  }

  @Test
  void aKeyspaceWrittenWithCapitalsIsTheLowerCaseNameCassandraStores() {
    assertEquals("sparkify_daily", load("--keyspace", "Sparkify_Daily").cassandra().keyspace());
  }

  @Test
  void aPassThroughKeyGivenWithDashDWinsOverItsQuotedDefault() {
    // reference.conf quotes the connector's and Spark's dotted keys; -D writes them as paths
    for (int i = 0; i < 20; i++) {
      Settings settings = load("-Dsparkify.cassandra.connector.spark.cassandra.output.consistency.level=ALL",
          "-Dsparkify.spark.conf.spark.sql.shuffle.partitions=64",
          "-Dsparkify.cassandra.connector.\"spark.cassandra.output.batch.size.bytes\"=1024");
      assertEquals("ALL", settings.cassandra().connector().get("spark.cassandra.output.consistency.level"));
      assertEquals("64", settings.spark().conf().get("spark.sql.shuffle.partitions"));
      assertEquals("1024", settings.cassandra().connector().get("spark.cassandra.output.batch.size.bytes"));
    }
  }

  @Test
  void tablesAreReadBackAtTheConsistencyTheirWriteModeWritesWith() {
    assertEquals("LOCAL_QUORUM", load().cassandra().writeConsistency());
    assertEquals("ALL", load("-Dsparkify.cassandra.connector.spark.cassandra.output.consistency.level=ALL")
        .cassandra().writeConsistency());
    assertEquals("EACH_QUORUM", load("--write-mode", "sstable", "-Dsparkify.cassandra.sstable.consistency=EACH_QUORUM",
        "-Dsparkify.cassandra.connector.spark.cassandra.output.consistency.level=ALL").cassandra().writeConsistency());
  }

  @Test
  void theBulkWriteConsistencyAndStreamTimeoutAreCheckedNamingTheirKey() {
    Settings.SSTables sstables = load("-Dsparkify.cassandra.sstable.consistency=EACH_QUORUM",
        "-Dsparkify.cassandra.sstable.stream-timeout=90s").cassandra().sstables();
    assertEquals(Settings.BulkConsistency.EACH_QUORUM, sstables.consistency());
    assertEquals(Duration.ofSeconds(90), sstables.streamTimeout());
    ConfigException level = assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.sstable.consistency=TWO"));
    assertTrue(level.getMessage().contains("sparkify.cassandra.sstable.consistency = 'TWO'"), level.getMessage());
    ConfigException timeout = assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.sstable.stream-timeout=0s"));
    assertTrue(timeout.getMessage().contains("sparkify.cassandra.sstable.stream-timeout"), timeout.getMessage());
  }

  @Test
  void invalidIdentifiersAreConfigurationErrorsNamingTheKey() {
    ConfigException keyspace = assertThrows(ConfigException.class, () -> load("--keyspace", "x; DROP TABLE y"));
    assertTrue(keyspace.getMessage().contains("sparkify.cassandra.keyspace"), keyspace.getMessage());
    ConfigException dc = assertThrows(ConfigException.class, () -> load("--config", write(
        "sparkify.cassandra.replication { class = NetworkTopologyStrategy, data-centers { \"dc'1\" = 3 } }")));
    assertTrue(dc.getMessage().contains("sparkify.cassandra.replication.data-centers"), dc.getMessage());
  }

  @Test
  void badValuesAreConfigurationErrors() {
    assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.port=70000"));
    assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.port=many"));
    assertThrows(ConfigException.class, () -> load("-Dsparkify.cassandra.replication.class=EverywhereStrategy"));
    assertThrows(ConfigException.class, () -> load("--config", write(
        "sparkify.cassandra.replication.class = NetworkTopologyStrategy")));
    assertThrows(ConfigException.class, () -> load("--config", write("sparkify.cassandra.connector { foo = 1 }")));
    assertThrows(ConfigException.class, () -> load("--config", dir.resolve("missing.conf").toString()));
  }

  @Test
  void theReportAndRejectsGoBesideTheOutputUnlessTold() {
    Settings settings = load("--output", "out/day.csv");
    assertEquals("out/day.report.json", settings.report());
    assertEquals("out/day.rejects.csv", settings.rejects());
    Settings told = load("--report", "/var/log/sparkify/run.json");
    assertEquals("/var/log/sparkify/run.rejects.csv", told.rejects());
  }

  @Test
  void theErrorBudgetIsACountOrAShare() {
    assertEquals(new ErrorBudget(100, Double.NaN), load("--config", write("")).maxRejects());
    ErrorBudget count = load("--max-rejects", "2").maxRejects();
    org.junit.jupiter.api.Assertions.assertTrue(count.allows(2, 10));
    assertFalse(count.allows(3, 1_000_000));
    ErrorBudget share = load("--max-rejects", "1.5%").maxRejects();
    org.junit.jupiter.api.Assertions.assertTrue(share.allows(15, 1000));
    assertFalse(share.allows(16, 1000));
    assertThrows(ConfigException.class, () -> load("--max-rejects", "many"));
    assertThrows(ConfigException.class, () -> load("--max-rejects", "150%"));
    assertThrows(ConfigException.class, () -> load("--max-rejects", "-1"));
  }

  @Test
  void theCommandLineRejectsWhatItDoesNotKnow() {
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--inptu", "x"));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--input"));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("-Dspark.master=local"));
    assertTrue(CommandLine.parse("--help").help());
  }

  @Test
  void aDateSelectsThatDaysFileAndOutputsBesideNoOtherDay() {
    Settings whole = load("--config", write(""));
    assertTrue(whole.day().isEmpty());
    assertFalse(whole.dryRun());

    Settings day = load("--config", write(""), "--date", "2018-11-05");
    assertEquals(new Settings.Day(LocalDate.of(2018, 11, 5), "2018-11-05-events.csv"), day.day().orElseThrow());
    assertEquals("data/daily/2018-11-05/events.csv", day.output());
    assertEquals("data/daily/2018-11-05/events.report.json", day.report());
    assertEquals("data/daily/2018-11-05/events.rejects.csv", day.rejects());

    Settings custom = load("--config", write("sparkify.daily.file-pattern = \"events_{date}.csv\""),
        "--date", "2018-11-06", "--output", "out/{date}.csv", "--report", "reports/{date}.json");
    assertEquals("events_2018-11-06.csv", custom.day().orElseThrow().fileName());
    assertEquals("out/2018-11-06.csv", custom.output(), "--output names the day's file when --date is given");
    assertEquals("reports/2018-11-06.json", custom.report());
    assertEquals("reports/2018-11-06.rejects.csv", custom.rejects());

    ConfigException notADate = assertThrows(ConfigException.class, () -> load("--date", "2018-11-31"));
    assertTrue(notADate.getMessage().contains("is not a date like"), notADate.getMessage());
    assertThrows(ConfigException.class, () -> load("--date", "05/11/2018"));
    ConfigException noPlaceholder = assertThrows(ConfigException.class,
        () -> load("--date", "2018-11-05", "-Dsparkify.daily.file-pattern=events.csv"));
    assertTrue(noPlaceholder.getMessage().contains("{date}"), noPlaceholder.getMessage());
  }

  @Test
  void dryRunAndLogLevelAreFlags() {
    Settings settings = load("--dry-run", "--log-level", "INFO");
    assertTrue(settings.dryRun());
    assertEquals("info", settings.logging().level());
    assertEquals("warn", load().logging().level());
    assertThrows(ConfigException.class, () -> load("--log-level", "loud"));
  }

  @Test
  void aConfigFileShippedWithSparkSubmitIsFoundByItsNameInSparkFiles() throws IOException {
    Path shipped = Files.createDirectories(dir.resolve("shipped")).resolve("application.conf");
    Files.writeString(shipped, "sparkify.cassandra.keyspace = shipped_ks\n");
    Properties driver = new Properties();
    driver.setProperty("spark.files", "file:/somewhere/else/other.conf," + shipped.toUri());

    Settings settings = load(Map.of(), driver, "--config", "application.conf");
    assertEquals("shipped_ks", settings.cassandra().keyspace());
    assertThrows(ConfigException.class, () -> load(Map.of(), new Properties(), "--config", "application.conf"));
  }

  private String write(String content) {
    try {
      Path file = Files.createTempFile(dir, "application", ".conf");
      Files.writeString(file, content);
      return file.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
