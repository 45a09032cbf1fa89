package com.sparkify.pipeline.read;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.SparkifyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists the input: the *.csv files of one folder, minus what the job itself writes there. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * @param exclude the job's own outputs (events.csv and the like), so a rerun never reads them back; a file
   *     of the same name in the input folder is excluded too, since an earlier run with another --output
   *     left it there
   * @return the files, sorted by name so every run reads them in the same order
   */
  public static List<Path> list(Configuration hadoop, String folder, Collection<String> exclude) {
    Path dir = new Path(folder);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "input folder " + folder + " does not exist (--input)");
      }
      Set<Path> excluded = exclude.stream().map(p -> fs.makeQualified(new Path(p))).collect(Collectors.toSet());
      Set<String> excludedNames = excluded.stream().map(Path::getName).collect(Collectors.toSet());
      List<Path> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        Path file = fs.makeQualified(status.getPath());
        if (status.isFile() && isCsv(file.getName()) && !excluded.contains(file) && !excludedNames.contains(file.getName())) {
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
