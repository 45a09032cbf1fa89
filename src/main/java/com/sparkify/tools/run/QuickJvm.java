package com.sparkify.tools.run;

import com.sparkify.pipeline.settings.CommandLine;
import com.sparkify.pipeline.settings.Settings;
import com.sparkify.pipeline.settings.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM options of a local run, chosen by the size of its input before its JVM starts: for a small input the
 * JIT's quick compiler only and the serial collector, which take a third off the shipped sample's run, and
 * Java's defaults otherwise, since C1 code is a fifth slower on a million rows. {@code scripts/sparkify run}
 * asks this class (a JVM of its own, without Spark) and the bench asks it for its sample methods.
 */
public final class QuickJvm {
  static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  /** About what gzip makes of these logs: a .gz file counts as this many times its size. */
  static final int GZIP_RATIO = 5;

  private QuickJvm() {}

  /** Prints the options for a run with these job flags, one per line; none when the flags are not valid. */
  public static void main(String[] args) {
    List<String> options;
    try {
      options = options(SettingsLoader.load(CommandLine.parse(args)));
    } catch (RuntimeException e) {
      // the run itself says what is wrong with its flags, and exits as it should
      options = List.of();
    }
    options.forEach(System.out::println);
  }

  public static List<String> options(Settings settings) {
    int limit = settings.spark().quickJvmMaxInputMib();
    if (limit == 0) {
      return List.of();
    }
    return localInputBytes(settings).filter(bytes -> bytes <= limit * 1024L * 1024L).isPresent() ? OPTIONS : List.of();
  }

  /** What the run will read, when it is on this machine: its day's file (or its .gz), or every file of its input folder. */
  static Optional<Long> localInputBytes(Settings settings) {
    Optional<Path> folder = localFolder(settings.input()).filter(Files::isDirectory);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    try (Stream<Path> files = settings.day().isPresent()
        ? Stream.of("", ".gz").map(gz -> folder.get().resolve(settings.day().get().fileName() + gz)).filter(Files::exists)
        : Files.list(folder.get())) {
      return Optional.of(files.filter(Files::isRegularFile).mapToLong(QuickJvm::weight).sum());
    } catch (IOException | UncheckedIOException e) { // a file gone while listed, a folder not readable: let the run say
      return Optional.empty();
    }
  }

  /** A path or file: URI as a local path; nothing for another file system's (hdfs://, s3a://). */
  private static Optional<Path> localFolder(String input) {
    try {
      URI uri = URI.create(input);
      if (uri.getScheme() == null) {
        return Optional.of(Path.of(input));
      }
      return uri.getScheme().equals("file") ? Optional.of(Path.of(uri)) : Optional.empty();
    } catch (IllegalArgumentException e) { // a local path that is no URI (a space, say)
      return Optional.of(Path.of(input));
    }
  }

  private static long weight(Path file) {
    try {
      return Files.size(file) * (file.getFileName().toString().endsWith(".gz") ? GZIP_RATIO : 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
