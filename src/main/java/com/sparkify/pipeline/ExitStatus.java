package com.sparkify.pipeline;

/** The job's exit codes, stable so a scheduler can decide whether a retry can help. */
public enum ExitStatus {
  OK(0, "success"),
  INTERNAL_ERROR(1, "unexpected error: a bug, report it"),
  BAD_USAGE(2, "bad command line or configuration: fix it, a retry will not help"),
  INPUT_PROBLEM(3, "input folder missing or without a readable event log"),
  TOO_MANY_REJECTS(4, "more rejected rows than the error budget allows: see the rejects file, nothing was written"),
  CASSANDRA_UNREACHABLE(5, "Cassandra could not be reached or refused the login: retry later"),
  WRITE_FAILED(6, "writing events.csv or the Cassandra tables failed part-way: rerun, it is idempotent");

  private final int code;
  private final String meaning;

  ExitStatus(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
