package com.sparkify.pipeline.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void aConnectorWriteFailureIsTheDriversErrorInOneLine() {
    // as Spark hands the executor's failure to the driver: wrapped, the connector's message in the middle
    IOException connector = new IOException("Failed to write statements to ks.t. The\nlatest exception was\n"
        + "  Not enough replicas available for query at consistency LOCAL_QUORUM (2 required but only 1 alive)\n\n"
        + "Please check the executor logs for more exceptions and information");
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure", connector);
    assertEquals("Not enough replicas available for query at consistency LOCAL_QUORUM (2 required but only 1 alive)",
        Failures.writeFailure(spark));
  }

  @Test
  void otherFailuresAreTheirInnermostCausesFirstLine() {
    assertEquals("connection refused", Failures.writeFailure(new RuntimeException("outer", new IOException("connection refused\nmore"))));
  }
}
