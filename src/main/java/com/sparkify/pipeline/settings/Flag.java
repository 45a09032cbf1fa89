package com.sparkify.pipeline.settings;

/**
 * The job's command-line flags, each declared once with the setting it sets: the parser, the help text and
 * the README's flag table all come from (or are checked against) this list. Defaults are not repeated here:
 * they are reference.conf's.
 */
public enum Flag {
  INPUT("--input", "DIR", "sparkify.input", "the folder of daily logs: every *.csv and *.csv.gz in it"),
  DATE("--date", "YYYY-MM-DD", "sparkify.date",
      "only that day's file (sparkify.daily.file-pattern), into that day's outputs (sparkify.daily.output)"),
  OUTPUT("--output", "FILE", "sparkify.output", "the consolidated events.csv; with --date, sets sparkify.daily.output"),
  REPORT("--report", "FILE", "sparkify.report",
      "the JSON run report; empty: beside the output; the rejects file goes beside the report"),
  MAX_REJECTS("--max-rejects", "N|P%", "sparkify.max-rejects", "error budget: rejected rows, or a share of the rows read"),
  KEYSPACE("--keyspace", "NAME", "sparkify.cassandra.keyspace", "created if missing"),
  CASSANDRA_HOST("--cassandra-host", "HOST[,HOST]", "sparkify.cassandra.host", "contact points, comma-separated"),
  WRITE_MODE("--write-mode", "cql|sstable", "sparkify.cassandra.write-mode",
      "the tables through CQL, or as SSTables streamed to the nodes (bulk loads; see README)"),
  DRY_RUN("--dry-run", null, "sparkify.dry-run", "read, check and report; write nothing anywhere"),
  VERIFY("--verify", null, "sparkify.verify",
      "after the writes, read this run's rows back from each table and fail (exit 6) on any missing or different"),
  LOG_LEVEL("--log-level", "LEVEL", "sparkify.log-level",
      "Spark's, Hadoop's and the connector's logging: error, warn, info, debug, trace");

  private final String name;
  private final String argument;
  private final String key;
  private final String description;

  Flag(String name, String argument, String key, String description) {
    this.name = name;
    this.argument = argument;
    this.key = key;
    this.description = description;
  }

  /** As typed: --input. */
  public String flag() {
    return name;
  }

  /** What follows the flag (DIR), or null for a switch, which sets its setting to true. */
  public String argument() {
    return argument;
  }

  public boolean isSwitch() {
    return argument == null;
  }

  /** The setting it sets. */
  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /** "--input DIR", or "--dry-run". */
  public String synopsis() {
    return isSwitch() ? name : name + " " + argument;
  }
}
