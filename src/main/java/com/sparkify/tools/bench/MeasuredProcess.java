package com.sparkify.tools.bench;

import com.sparkify.tools.LastLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end, with its wall time and the peak resident memory the kernel saw for it: of its
 * largest process, so that a script's figure is its JVM's, not the shell's.
 */
record MeasuredProcess(int exit, Duration wall, long peakRssKib, Path log) {

  static MeasuredProcess run(List<String> command, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    long peak = 0;
    // VmHWM is the process's own high-water mark, so sampling it now and then loses no peak but the last moments'
    while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMarkKib(process.pid()));
      peak = Math.max(peak, process.descendants().mapToLong(p -> highWaterMarkKib(p.pid())).max().orElse(0));
    }
    return new MeasuredProcess(process.exitValue(), Duration.ofNanos(System.nanoTime() - start), peak, log);
  }

  private static long highWaterMarkKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between two samples
    }
    return 0;
  }

  /** Fails with the log's tail when the command did not succeed. */
  MeasuredProcess requireSuccess(String what) throws IOException {
    if (exit != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IllegalStateException(what + " exited with " + exit + "; the end of " + log + ":\n"
          + LastLines.of(lines));
    }
    return this;
  }
}
