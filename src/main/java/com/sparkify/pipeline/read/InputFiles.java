package com.sparkify.pipeline.read;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the input: the *.csv and *.csv.gz files of one folder, minus what the job itself writes there; for a
 * daily run, only that day's file. A file present both plain and gzipped is an input problem, not read twice.
 */
public final class InputFiles {
  private InputFiles() {}

  /** The candidate event logs, sorted by name so every run reads them in the same order, and what was passed over. */
  public record Listing(List<Path> files, List<String> ignored) {}

  /**
   * @param excludedNames names of the job's own outputs (events.csv, its rejects file and report): a file of
   *     such a name in the input folder is passed over, so a rerun does not read back what an earlier run wrote
   * @param dayFile for a daily run, the name of that day's file: only it (or it gzipped) is read, and other
   *     days' files are not even reported
   */
  public static Listing list(
      Configuration hadoop, String folder, Collection<String> excludedNames, Optional<String> dayFile) {
    Path dir = new Path(folder);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "input folder " + folder + " does not exist (--input)");
      }
      List<Path> files = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        Path file = fs.makeQualified(status.getPath());
        String name = file.getName();
        // Names starting with . or _ are Hadoop's hidden and in-progress files (our staging folders too).
        if (!status.isFile() || name.startsWith(".") || name.startsWith("_") || excludedNames.contains(name)
            || dayFile.filter(day -> !name.equals(day) && !name.equals(day + ".gz")).isPresent()) {
          continue;
        }
        if (isEventLog(name)) {
          files.add(file);
        } else {
          ignored.add(file.toString());
        }
      }
      if (files.isEmpty() && dayFile.isPresent()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "no input for the day: " + folder + " holds no "
            + dayFile.get() + " (nor " + dayFile.get() + ".gz); see sparkify.daily.file-pattern");
      }
      if (files.isEmpty()) {
        throw new SparkifyException(
            ExitStatus.INPUT_PROBLEM, "input folder " + folder + " holds no *.csv or *.csv.gz file");
      }
      files.sort(null);
      ignored.sort(null);
      requireEachOnce(files);
      return new Listing(List.copyOf(files), List.copyOf(ignored));
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "cannot list input folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * A day as X.csv beside X.csv.gz (gzipped, and the original left in place) would be read twice and double its
   * rows; which copy is the right one is for a person to decide.
   */
  private static void requireEachOnce(List<Path> files) {
    Set<Path> listed = new HashSet<>(files);
    for (Path plain : files) {
      Path zipped = plain.suffix(".gz");
      if (listed.contains(zipped)) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "the same log is in the input twice: " + plain + " and "
            + zipped + "; remove one of them");
      }
    }
  }

  private static boolean isEventLog(String name) {
    return name.endsWith(".csv") || name.endsWith(".csv.gz");
  }
}
