package com.sparkify.pipeline.report;

/** What a stage produced, when it knows how many rows: {@link StageTimer} logs them with their rate. */
public interface Counted {
  long rows();
}
