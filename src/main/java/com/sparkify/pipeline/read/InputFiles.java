package com.sparkify.pipeline.read;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.SparkifyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists the input: the *.csv files of one folder, minus what the job itself writes there. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * @param excludedNames names of the job's own outputs (events.csv and the like): a file of such a name in
   *     the input folder is never input, so a rerun does not read back what an earlier run wrote
   * @return the files, sorted by name so every run reads them in the same order
   */
  public static List<Path> list(Configuration hadoop, String folder, Collection<String> excludedNames) {
    Path dir = new Path(folder);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "input folder " + folder + " does not exist (--input)");
      }
      List<Path> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        Path file = fs.makeQualified(status.getPath());
        if (status.isFile() && isCsv(file.getName()) && !excludedNames.contains(file.getName())) {
          files.add(file);
        }
      }
      if (files.isEmpty()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "input folder " + folder + " holds no *.csv file");
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "cannot list input folder " + folder + ": " + e.getMessage(), e);
    }
  }

  // Names starting with . or _ are Hadoop's convention for hidden and in-progress files (our staging too).
  private static boolean isCsv(String name) {
    return name.endsWith(".csv") && !name.startsWith(".") && !name.startsWith("_");
  }
}
