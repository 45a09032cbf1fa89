package com.sparkify.tools;

import java.util.List;

/** The end of a program's output or log, which is where the reason of a failure usually is. */
public final class LastLines {
  /** As many lines as a failure message shows: enough for a stack trace's top, short enough to read. */
  public static final int SHOWN = 30;

  private LastLines() {}

  public static String of(List<String> lines) {
    return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - SHOWN), lines.size()));
  }
}
