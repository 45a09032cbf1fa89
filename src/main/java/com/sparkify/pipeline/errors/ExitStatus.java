package com.sparkify.pipeline.errors;

/** The job's exit codes, stable so a scheduler can decide whether a retry can help. */
public enum ExitStatus {
  OK(0, false, "success"),
  // lost executors and other unforeseen failures end here too, and those may pass on a second try
  INTERNAL_ERROR(1, true, "unexpected error: see the log; report it if a retry fails too"),
  BAD_USAGE(2, false, "bad command line or configuration: fix it, a retry will not help"),
  // a day's file may arrive late
  INPUT_PROBLEM(3, true, "input folder or the day's file missing, or no readable event log"),
  TOO_MANY_REJECTS(4, false, "more rejected rows than the error budget allows: see the rejects file, nothing was written"),
  CASSANDRA_UNREACHABLE(5, true, "Cassandra could not be reached or refused the login: retry later"),
  WRITE_FAILED(6, true, "writing events.csv or the Cassandra tables failed part-way: rerun, it is idempotent");

  private final int code;
  private final boolean retryable;
  private final String meaning;

  ExitStatus(int code, boolean retryable, String meaning) {
    this.code = code;
    this.retryable = retryable;
    this.meaning = meaning;
  }

  /**
   * How a failure ends the job: the status a {@link SparkifyException} carries, a configuration error as bad
   * usage, anything else (a lost executor, a bug) as an internal error. The one place that decides it.
   */
  public static ExitStatus of(Throwable failure) {
    if (failure instanceof SparkifyException known) {
      return known.status();
    }
    if (failure instanceof IllegalArgumentException || failure instanceof com.typesafe.config.ConfigException) {
      return BAD_USAGE;
    }
    return INTERNAL_ERROR;
  }

  /** Whether running the job again unchanged can succeed: what a scheduler's retries are for. */
  public boolean retryable() {
    return retryable;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
