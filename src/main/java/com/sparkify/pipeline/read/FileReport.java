package com.sparkify.pipeline.read;

import java.util.List;

/** What happened to one file of the input folder, for the run report. */
public record FileReport(String file, Status status, String reason, List<String> extraColumns) {
  public enum Status {
    READ,
    REJECTED,
    IGNORED
  }
}
