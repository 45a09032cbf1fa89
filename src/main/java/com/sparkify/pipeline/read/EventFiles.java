package com.sparkify.pipeline.read;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.tables.EventColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Checks each candidate file's header on the driver (one line per file): a file that cannot be an event
 * log is rejected as a whole, with its reason, before any task reads it. A file the file system fails to
 * open or read is an input problem of the run (exit 3).
 */
public final class EventFiles {
  private static final char BOM = '\uFEFF';

  private EventFiles() {}

  public record Inspection(List<EventFile> accepted, List<FileReport> reports) {}

  /** @param fallbackEncoding as the rows are read, so that a header saved by a spreadsheet reads the same */
  public static Inspection inspect(Configuration hadoop, List<Path> files, int maxRecordChars, String fallbackEncoding) {
    List<EventFile> accepted = new ArrayList<>();
    List<FileReport> reports = new ArrayList<>();
    for (Path file : files) {
      String name = file.toString();
      List<String> header;
      try (CsvRecordReader reader = new CsvRecordReader(LogFiles.open(hadoop, file, fallbackEncoding), maxRecordChars)) {
        CsvRecord first = reader.next();
        header = first == null ? List.of() : names(first);
      } catch (IOException | RuntimeException e) {
        if (FileSystemFailure.in(e).isPresent()) {
          // unlike a broken file, this may pass on a later try: the whole run is, rather than the file rejected
          throw new SparkifyException(ExitStatus.INPUT_PROBLEM, name + " could not be read, the file system failed: "
              + Failures.rootMessage(e), e);
        }
        reports.add(rejected(name, readError(1, Failures.rootMessage(e))));
        continue;
      }
      if (header.isEmpty()) {
        reports.add(rejected(name, "EMPTY_FILE: no header row"));
      } else if (header.size() < 2 || header.stream().anyMatch(EventFiles::isBinary)) {
        reports.add(rejected(name, "NOT_CSV: the first line is not a comma-separated header"));
      } else {
        List<String> missing = new ArrayList<>(EventColumns.NAMES);
        missing.removeAll(header);
        List<String> extra = new ArrayList<>(header);
        extra.removeAll(EventColumns.NAMES);
        if (!missing.isEmpty()) {
          reports.add(rejected(name, "MISSING_COLUMNS: " + String.join(", ", missing)));
        } else {
          int[] columns = EventColumns.NAMES.stream().mapToInt(header::indexOf).toArray();
          accepted.add(new EventFile(name, columns, header.size()));
          reports.add(new FileReport(name, FileReport.Status.READ, null, List.copyOf(extra)));
        }
      }
    }
    return new Inspection(List.copyOf(accepted), List.copyOf(reports));
  }

  /** Header names, trimmed; a byte-order mark is not part of the first one. */
  private static List<String> names(CsvRecord header) {
    if (header.problem() != null || header.fields() == null) {
      return List.of(header.raw());
    }
    String[] fields = header.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i] == null ? "" : fields[i];
      fields[i] = (i == 0 && !field.isEmpty() && field.charAt(0) == BOM ? field.substring(1) : field).strip();
    }
    return Arrays.asList(fields);
  }

  private static boolean isBinary(String name) {
    return name.chars().anyMatch(c -> c < 0x20 || c == 0xFFFD);
  }

  /** A file's reason when it cannot be read to its end. */
  public static String readError(long line, String message) {
    return RejectReason.READ_ERROR.name() + " at line " + line + ": " + message;
  }

  private static FileReport rejected(String file, String reason) {
    return new FileReport(file, FileReport.Status.REJECTED, reason, List.of());
  }
}
