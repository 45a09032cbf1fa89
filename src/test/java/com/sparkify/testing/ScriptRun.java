package com.sparkify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One of the project's scripts run as a user runs it: its own process, its output (stdout and stderr) kept. */
public record ScriptRun(int exit, String output) {
  private static final long TIMEOUT_MINUTES = 5;
  private static final Path PROJECT = Path.of(System.getProperty("sparkify.project.dir", "")).toAbsolutePath();

  /** The command line of {@code scripts/sparkify} with these arguments, for a test to add its own to. */
  public static List<String> sparkify(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("scripts/sparkify").toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * @param work the folder it runs in, where its output is logged
   * @param environment changes to the inherited environment
   */
  public static ScriptRun of(Path work, List<String> command, Consumer<Map<String, String>> environment)
      throws IOException, InterruptedException {
    return start(work, command, environment).await();
  }

  /** The script started and left running, for a test that acts on it meanwhile; as {@link #of} otherwise. */
  public static Started start(Path work, List<String> command, Consumer<Map<String, String>> environment)
      throws IOException {
    Path log = work.resolve("output-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    environment.accept(builder.environment());
    return new Started(builder.start(), log, command);
  }

  public record Started(Process process, Path log, List<String> command) {
    /** Its end and output; a script still running after the time limit is killed, with its processes. */
    public ScriptRun await() throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        kill();
        throw new AssertionError(String.join(" ", command) + " did not end in " + TIMEOUT_MINUTES + " minutes:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** SIGKILL of the script and every process it started. */
    public void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
