package com.sparkify.pipeline.errors;

/** A failure the operator can act on: its message is the one line printed, its status the exit code. */
public class SparkifyException extends RuntimeException {
  private final ExitStatus status;

  public SparkifyException(ExitStatus status, String message) {
    this(status, message, null);
  }

  public SparkifyException(ExitStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public ExitStatus status() {
    return status;
  }
}
