package com.sparkify.pipeline.settings;

import com.sparkify.pipeline.tables.CqlIdentifiers;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Builds {@link Settings} from the layers described at the top of reference.conf. */
public final class SettingsLoader {
  /** The user's file, read when present and no --config is given. */
  public static final Path DEFAULT_CONFIG_FILE = Path.of("conf", "application.conf");

  /** Environment variables and the keys they set; credentials belong here or in the user's file. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of(
          "SPARKIFY_CASSANDRA_HOST", "sparkify.cassandra.host",
          "SPARKIFY_CASSANDRA_PORT", "sparkify.cassandra.port",
          "SPARKIFY_CASSANDRA_USERNAME", "sparkify.cassandra.username",
          "SPARKIFY_CASSANDRA_PASSWORD", "sparkify.cassandra.password");

  /** Stands for YYYY-MM-DD in the daily file pattern and output. */
  public static final String DATE = "{date}";

  public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");
  /** Local nodes share one machine: each takes its heap plus ~400 MiB, and nine already crowd a laptop. */
  static final int MAX_LOCAL_NODES = 9;

  private SettingsLoader() {}

  /** The settings of this process: its command line, system properties and environment. */
  public static Settings load(CommandLine commandLine) {
    return load(commandLine, System.getenv(), System.getProperties(), Optional.of(DEFAULT_CONFIG_FILE));
  }

  /**
   * The settings from exactly the sources given, so that tests depend on nothing of the working copy's.
   *
   * @param defaultUserFile read when present and no --config is given (the process's is conf/application.conf)
   */
  public static Settings load(
      CommandLine commandLine, Map<String, String> env, Properties systemProperties, Optional<Path> defaultUserFile) {
    Config reference = ConfigFactory.defaultReference();
    Config merged =
        commandLine
            .overrides()
            .withFallback(sparkifyProperties(systemProperties))
            .withFallback(environment(env))
            .withFallback(userFile(commandLine, systemProperties, defaultUserFile))
            .withFallback(reference)
            .resolve();
    merged.checkValid(reference, "sparkify");
    try {
      return build(merged.getConfig("sparkify"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.Generic(e.getMessage(), e);
    }
  }

  private static Config sparkifyProperties(Properties properties) {
    Map<String, String> sparkify = new TreeMap<>();
    properties.stringPropertyNames().stream()
        .filter(name -> name.startsWith("sparkify."))
        // set by the build for the tests, not a setting of the job
        .filter(name -> !name.startsWith("sparkify.project."))
        .forEach(name -> sparkify.put(name, properties.getProperty(name)));
    return overrides(sparkify, "system properties");
  }

  /** Settings whose keys are other programs' dotted keys, passed through as they are. */
  private static final List<String> PASS_THROUGH =
      List.of("sparkify.cassandra.connector.", "sparkify.spark.conf.", "sparkify.spark.local-conf.");

  /**
   * Settings given as -Dsparkify.key=value. A pass-through key is quoted, as reference.conf writes it
   * ("spark.cassandra.output.consistency.level" = ...): unquoted it would be a nested path beside the quoted
   * default, both would flatten to one name, and which of them won would be chance.
   */
  static Config overrides(Map<String, String> values, String origin) {
    Map<String, String> paths = new LinkedHashMap<>();
    values.forEach((key, value) -> paths.put(PASS_THROUGH.stream()
        .filter(prefix -> key.startsWith(prefix) && !key.startsWith(prefix + "\"")).findFirst()
        .map(prefix -> prefix + ConfigUtil.quoteString(key.substring(prefix.length()))).orElse(key), value));
    return ConfigFactory.parseMap(paths, origin);
  }

  private static Config environment(Map<String, String> env) {
    Map<String, String> values = new TreeMap<>();
    ENVIRONMENT.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isEmpty()) {
            values.put(key, value);
          }
        });
    return ConfigFactory.parseMap(values, "environment");
  }

  private static Config userFile(CommandLine commandLine, Properties systemProperties, Optional<Path> defaultFile) {
    if (commandLine.configFile().isPresent()) {
      Path file = commandLine.configFile().get();
      Path readable = Files.isReadable(file) ? file : shipped(file, systemProperties).orElseThrow(
          () -> new ConfigException.Generic("config file " + file + " does not exist or cannot be read"));
      return ConfigFactory.parseFile(readable.toFile());
    }
    return defaultFile.filter(Files::isReadable)
        .map(file -> ConfigFactory.parseFile(file.toFile()))
        .orElse(ConfigFactory.empty());
  }

  /**
   * A config file shipped with spark-submit --files, found by its name in spark.files. YARN and Kubernetes put
   * it in the driver's working folder; a standalone cluster's driver reads it where spark.files says it is.
   */
  private static Optional<Path> shipped(Path file, Properties systemProperties) {
    String name = file.getFileName().toString();
    return Arrays.stream(systemProperties.getProperty("spark.files", "").split(","))
        .map(String::trim)
        .filter(entry -> !entry.isEmpty())
        .map(entry -> entry.startsWith("file:") ? Path.of(URI.create(entry)) : Path.of(entry))
        .filter(path -> path.getFileName() != null && path.getFileName().toString().equals(name))
        .filter(Files::isReadable)
        .findFirst();
  }

  private static Settings build(Config c) {
    Optional<Settings.Day> day = day(c);
    UnaryOperator<String> dated = path -> day.map(d -> path.replace(DATE, d.date().toString())).orElse(path);
    String output = dated.apply(nonBlank(c, day.isPresent() ? "daily.output" : "output"));
    String report = c.getString("report").isBlank() ? sibling(output, ".report.json") : dated.apply(c.getString("report"));
    return new Settings(
        nonBlank(c, "input"),
        day,
        output,
        report,
        sibling(report, ".rejects.csv"),
        ErrorBudget.parse(c.getString("max-rejects"), "sparkify.max-rejects"),
        c.getBoolean("dry-run"),
        c.getBoolean("verify"),
        c.getDuration("staging-stale-after"),
        c.getDuration("lock-stale-after"),
        new Settings.Read(
            c.getBoolean("read.repair-mojibake"),
            positive(c.getInt("read.max-record-chars"), "sparkify.read.max-record-chars"),
            tsRange(c, Instant.now()),
            fallbackEncoding(c.getString("read.fallback-encoding").trim())),
        logging(c),
        cassandra(c.getConfig("cassandra")),
        spark(c),
        local(c));
  }

  private static Optional<Settings.Day> day(Config c) {
    String text = c.getString("date").trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("sparkify.date (--date) = '" + text + "' is not a date like 2018-11-05");
    }
    String pattern = nonBlank(c, "daily.file-pattern");
    if (!pattern.contains(DATE) || pattern.contains("/")) {
      throw new IllegalArgumentException(
          "sparkify.daily.file-pattern = '" + pattern + "' must be a file name containing " + DATE);
    }
    return Optional.of(new Settings.Day(date, pattern.replace(DATE, date.toString())));
  }

  /** @param start the run's start: an empty {@code to} is one day after it */
  private static Settings.TsRange tsRange(Config c, Instant start) {
    Instant from = instant(nonBlank(c, "read.ts-range.from"), "sparkify.read.ts-range.from");
    String to = c.getString("read.ts-range.to").trim();
    Settings.TsRange range = new Settings.TsRange(from,
        to.isEmpty() ? start.plus(Duration.ofDays(1)) : instant(to, "sparkify.read.ts-range.to"));
    if (!range.from().isBefore(range.to())) {
      throw new IllegalArgumentException("sparkify.read.ts-range: from " + range.from() + " is not before to " + range.to());
    }
    return range;
  }

  /**
   * Lines are split at LF bytes before they are decoded, and parsed by their commas and quotes: the fallback must
   * write those as ASCII does (windows-1252, ISO-8859-15; not UTF-16).
   */
  private static String fallbackEncoding(String name) {
    if (name.isEmpty()) {
      return name;
    }
    String key = "sparkify.read.fallback-encoding = '" + name + "'";
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " is not a charset this Java knows (windows-1252, ISO-8859-15, ...)");
    }
    String syntax = "\n\r,\"";
    if (!charset.canEncode() || !Arrays.equals(syntax.getBytes(charset), syntax.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(key + " does not write line breaks, commas and quotes as ASCII does");
    }
    return charset.name();
  }

  private static Instant instant(String text, String key) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " = '" + text + "' is not a UTC time like 2000-01-01T00:00:00Z");
    }
  }

  private static Settings.Logging logging(Config c) {
    String level = c.getString("log-level").trim().toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new IllegalArgumentException("sparkify.log-level (--log-level) = '" + level + "': use one of " + LOG_LEVELS);
    }
    return new Settings.Logging(level, c.getDuration("progress-interval"));
  }

  /** data/events.csv → data/events.report.json: a file beside another, named after its stem. */
  private static String sibling(String path, String suffix) {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return path.substring(0, slash + 1) + stem + suffix;
  }

  private static Settings.Cassandra cassandra(Config c) {
    Map<String, String> connector = flatten(c.getConfig("connector"));
    connector.keySet().stream()
        .filter(key -> !key.startsWith("spark.cassandra."))
        .findFirst()
        .ifPresent(
            key -> {
              throw new IllegalArgumentException(
                  "sparkify.cassandra.connector." + key + ": only spark.cassandra.* keys belong there");
            });
    return new Settings.Cassandra(
        nonBlank(c, "host"),
        port(c, "port"),
        nonBlank(c, "local-dc"),
        c.getString("username"),
        new Secret(c.getString("password")),
        CqlIdentifiers.stored(c.getString("keyspace"), "sparkify.cassandra.keyspace"),
        replication(c.getConfig("replication")),
        TableDeclarations.parse(c.getObject("tables")),
        writeMode(c.getString("write-mode")),
        new Settings.SSTables(
            positive(c.getInt("sstable.max-size-mib"), "sparkify.cassandra.sstable.max-size-mib"),
            positive(c.getLong("sstable.rows-per-task"), "sparkify.cassandra.sstable.rows-per-task"),
            c.getString("sstable.work-dir"),
            between(c.getInt("sstable.stream-throughput-mib"), 0, 1_048_576, "sparkify.cassandra.sstable.stream-throughput-mib"),
            bulkConsistency(c.getString("sstable.consistency")),
            positive(c.getDuration("sstable.stream-timeout"), "sparkify.cassandra.sstable.stream-timeout")),
        connector);
  }

  private static Settings.WriteMode writeMode(String mode) {
    return switch (mode) {
      case "cql" -> Settings.WriteMode.CQL;
      case "sstable" -> Settings.WriteMode.SSTABLE;
      default -> throw new IllegalArgumentException(
          "sparkify.cassandra.write-mode = '" + mode + "': use cql or sstable (--write-mode cql|sstable)");
    };
  }

  private static Settings.BulkConsistency bulkConsistency(String level) {
    try {
      return Settings.BulkConsistency.valueOf(level);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sparkify.cassandra.sstable.consistency = '" + level + "': use one of "
          + Arrays.toString(Settings.BulkConsistency.values()));
    }
  }

  private static Settings.Replication replication(Config c) {
    String strategy = c.getString("class");
    Map<String, Integer> dataCenters = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> dc : new TreeMap<>(c.getObject("data-centers")).entrySet()) {
      String name =
          CqlIdentifiers.requireValidDataCenter(dc.getKey(), "sparkify.cassandra.replication.data-centers");
      dataCenters.put(name, positive(c.getConfig("data-centers").getInt(ConfigUtil.quoteString(name)),
          "sparkify.cassandra.replication.data-centers." + name));
    }
    switch (strategy) {
      case "SimpleStrategy" -> positive(c.getInt("replication-factor"), "sparkify.cassandra.replication.replication-factor");
      case "NetworkTopologyStrategy" -> {
        if (dataCenters.isEmpty()) {
          throw new IllegalArgumentException(
              "sparkify.cassandra.replication.data-centers must name at least one data centre for NetworkTopologyStrategy");
        }
      }
      default -> throw new IllegalArgumentException(
          "sparkify.cassandra.replication.class = '" + strategy + "': use SimpleStrategy or NetworkTopologyStrategy");
    }
    return new Settings.Replication(strategy, c.getInt("replication-factor"), Map.copyOf(dataCenters));
  }

  private static Settings.Spark spark(Config c) {
    return new Settings.Spark(
        nonBlank(c, "spark.local-master"), flatten(c.getConfig("spark.conf")), flatten(c.getConfig("spark.local-conf")),
        between(c.getInt("spark.quick-jvm-max-input-mib"), 0, 1_048_576, "sparkify.spark.quick-jvm-max-input-mib"));
  }

  private static Settings.LocalCassandra local(Config c) {
    return new Settings.LocalCassandra(
        Path.of(nonBlank(c, "local-cassandra.home")),
        between(c.getInt("local-cassandra.nodes"), 1, MAX_LOCAL_NODES, "sparkify.local-cassandra.nodes"),
        port(c, "local-cassandra.storage-port"),
        port(c, "local-cassandra.jmx-port"),
        positive(c.getInt("local-cassandra.heap-mb"), "sparkify.local-cassandra.heap-mb"),
        c.getBoolean("local-cassandra.password-auth"),
        c.getDuration("local-cassandra.start-timeout"));
  }

  /** Dotted keys such as spark.cassandra.output.batch.size.rows, whether quoted or written as nested objects. */
  private static Map<String, String> flatten(Config c) {
    Map<String, String> flat = new TreeMap<>();
    c.entrySet()
        .forEach(e -> flat.put(String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(e.getValue().unwrapped())));
    return flat;
  }

  private static String nonBlank(Config c, String key) {
    String value = c.getString(key);
    if (value.isBlank()) {
      throw new IllegalArgumentException("sparkify." + key + " must not be empty");
    }
    return value;
  }

  private static int port(Config c, String key) {
    int port = c.getInt(key);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("sparkify." + key + " = " + port + " is not a port number");
    }
    return port;
  }

  private static int between(int value, int min, int max, String key) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " = " + value + " must be from " + min + " to " + max);
    }
    return value;
  }

  private static int positive(int value, String key) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " = " + value + " must be at least 1");
    }
    return value;
  }

  private static Duration positive(Duration value, String key) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " = " + value + ": must be more than zero");
    }
    return value;
  }

  private static long positive(long value, String key) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " = " + value + " must be at least 1");
    }
    return value;
  }
}
