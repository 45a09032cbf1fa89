package com.sparkify.tools.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sparkify.testing.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickJvmTest {
  private static final int MIB = 1024 * 1024;
  @TempDir Path input;

  private List<String> options(String... flags) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString()));
    args.addAll(List.of(flags));
    return QuickJvm.options(Tables.settings(args.toArray(String[]::new)));
  }

  private void file(String name, int bytes) throws IOException {
    Files.write(input.resolve(name), new byte[bytes]);
  }

  @Test
  void aSmallInputGetsTheQuickJvmAndALargeOneJavasDefaults() throws IOException {
    file("2018-11-01-events.csv", 20 * MIB);
    assertEquals(QuickJvm.OPTIONS, options(), "20 MiB, within the default 32");
    file("2018-11-02-events.csv", 13 * MIB);
    assertEquals(List.of(), options(), "33 MiB");
    assertEquals(QuickJvm.OPTIONS, options("-Dsparkify.spark.quick-jvm-max-input-mib=33"));
    assertEquals(List.of(), options("-Dsparkify.spark.quick-jvm-max-input-mib=0"), "0: never");
  }

  @Test
  void aGzipFileCountsAsWhatItHolds() throws IOException {
    file("2018-11-01-events.csv.gz", 7 * MIB);
    assertEquals(List.of(), options(), "7 MiB of gzip are about 35 MiB of logs");
    assertEquals(QuickJvm.OPTIONS, options("-Dsparkify.spark.quick-jvm-max-input-mib=35"));
  }

  @Test
  void aDaysRunCountsItsOwnFileOnly() throws IOException {
    file("2018-11-01-events.csv", MIB);
    file("2018-11-02-events.csv.gz", 10 * MIB);
    assertEquals(QuickJvm.OPTIONS, options("--date", "2018-11-01"));
    assertEquals(List.of(), options("--date", "2018-11-02"), "its .gz, counted as 50 MiB");
  }

  @Test
  void anInputElsewhereOrMissingGetsJavasDefaults() {
    assertEquals(List.of(), QuickJvm.options(Tables.settings("--input", "hdfs://namenode/logs")));
    assertEquals(List.of(), QuickJvm.options(Tables.settings("--input", input.resolve("missing").toString())));
    assertEquals(QuickJvm.OPTIONS, QuickJvm.options(Tables.settings("--input", input.toUri().toString())), "file: URI, empty");
  }
}
