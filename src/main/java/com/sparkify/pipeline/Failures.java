package com.sparkify.pipeline;

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
