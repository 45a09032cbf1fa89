package com.sparkify.pipeline.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the exception chains of Spark and the driver into the one line an operator reads. */
public final class Failures {
  private Failures() {}

  /** The one line an operator reads: our own messages as they are, others' by their innermost cause. */
  public static String reason(Throwable e) {
    if (e instanceof SparkifyException || e instanceof IllegalArgumentException
        || e instanceof com.typesafe.config.ConfigException) {
      return e.getMessage();
    }
    return rootMessage(e);
  }

  /**
   * Why the connector's write failed, in one line: it wraps the driver's error in a message of several lines
   * ("Failed to write statements to k.t. The latest exception was / <the error> / Please check the executor
   * logs"), of which the middle one says what happened, e.g. the consistency level and the replicas alive.
   */
  public static String writeFailure(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      Matcher latest = LATEST.matcher(String.valueOf(cause.getMessage()));
      if (latest.find()) {
        return latest.group(1).strip();
      }
    }
    return rootMessage(e);
  }

  private static final Pattern LATEST = Pattern.compile("latest exception was\\s*\\R\\s*(\\S[^\\r\\n]*)");

  /** The first line of the innermost cause's message: Spark wraps the real reason several levels deep. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
