package com.sparkify.pipeline.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.read.FileReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a run did, filled in as it goes so that a failed run reports as far as it got: the JSON file for
 * schedulers and people, the table and one line printed at the end.
 */
public final class RunReport {
  private static final String OUTPUTS_FROM = "outputs_from_run";
  private final Instant started = Instant.now();
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final Map<String, Long> written = new LinkedHashMap<>();
  private final Map<String, Object> conflicts = new LinkedHashMap<>();
  /** Output file → started_at of the run that wrote the file now in place. */
  private final Map<String, String> outputsFrom = new LinkedHashMap<>();
  private Map<String, Duration> stages = Map.of();
  private ExitStatus status = ExitStatus.INTERNAL_ERROR;

  /** What a dry run found missing in Cassandra; null in a real run. */
  private List<String> wouldCreate;

  /** @param date the day of a daily run, or null */
  public RunReport(String input, String date, String output, String rejects) {
    json.put("input", input);
    if (date != null) {
      json.put("date", date);
    }
    json.put("output", output);
    json.put("rejects_file", rejects);
  }

  public void files(List<FileReport> files, Map<String, long[]> rowsPerFile) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (FileReport file : files) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", file.file());
      line.put("status", file.status().name().toLowerCase(Locale.ROOT));
      if (file.reason() != null) {
        line.put("reason", file.reason());
      }
      long[] rows = rowsPerFile.get(file.file());
      if (file.status() == FileReport.Status.READ) {
        line.put("rows", rows == null ? 0 : rows[0]);
        line.put("rows_rejected", rows == null ? 0 : rows[1]);
      }
      if (!file.extraColumns().isEmpty()) {
        line.put("ignored_columns", file.extraColumns());
      }
      lines.add(line);
    }
    json.put("files_read", count(files, FileReport.Status.READ));
    json.put("files_rejected", count(files, FileReport.Status.REJECTED));
    json.put("files_ignored", count(files, FileReport.Status.IGNORED));
    json.put("files", lines);
  }

  public void rows(RowCounts.Counts counts, Map<String, Long> rejectsByReason) {
    json.put("rows_read", counts.read());
    json.put("rows_without_artist", counts.withoutArtist());
    json.put("rows_rejected", counts.rejected());
    json.put("rejects_by_reason", new TreeMap<>(rejectsByReason));
    json.put("rows_repaired", counts.repaired());
    json.put("rows_with_invalid_bytes", counts.invalidBytes());
  }

  /** @param missing what a real run would create in Cassandra */
  public void dryRun(List<String> missing) {
    wouldCreate = List.copyOf(missing);
    json.put("dry_run", true);
    json.put("cassandra_would_create", missing);
  }

  public void consolidated(long rows) {
    json.put("rows_consolidated", rows);
  }

  public void written(String table, long rows) {
    written.put(table, rows);
  }

  /** @param examples a few conflicting keys with their contents, as text */
  public void keyConflicts(String table, long keys, List<String> examples) {
    conflicts.put(table, Map.of("keys", keys, "examples", examples));
  }

  /**
   * Which runs wrote the outputs in place before this run: what the previous report said of them, or, for
   * a report from before this field, its start when it succeeded; "unknown" for a file no report tells of.
   */
  public void outputsBefore(FileSystem fs, Path previousReport, List<String> outputs) throws IOException {
    JsonNode previous = null;
    if (fs.exists(previousReport)) {
      try (InputStream in = fs.open(previousReport)) {
        previous = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        previous = null; // unreadable: the files' runs are then unknown
      }
    }
    for (String output : outputs) {
      String from = null;
      if (previous != null && previous.path(OUTPUTS_FROM).has(output)) {
        from = previous.path(OUTPUTS_FROM).get(output).asText();
      } else if (previous != null && !previous.has(OUTPUTS_FROM) && "OK".equals(previous.path("exit_status").path("name").asText())) {
        from = previous.path("started_at").asText();
      }
      if (from == null && fs.exists(new Path(output))) {
        from = "unknown";
      }
      if (from != null) {
        outputsFrom.put(output, from);
      }
    }
  }

  /** This run's file replaced the output. */
  public void committed(String output) {
    outputsFrom.put(output, started.toString());
  }

  /** @param commit how the outputs are replaced on their file system: atomic or copy */
  public void outputCommit(String commit) {
    json.put("output_commit", commit);
  }

  public void stagingRemoved(List<String> folders) {
    json.put("staging_removed", folders);
  }

  public void finish(ExitStatus status, String message, Map<String, Duration> stages) {
    this.status = status;
    this.stages = stages;
    Map<String, Object> exit = new LinkedHashMap<>();
    exit.put("code", status.code());
    exit.put("name", status.name());
    if (message != null) {
      exit.put("message", message);
    }
    json.put("exit_status", exit);
  }

  public long get(String key) {
    Object value = json.get(key);
    return value == null ? 0 : ((Number) value).longValue();
  }

  public Map<String, Long> rowsWritten() {
    return Map.copyOf(written);
  }

  public ExitStatus status() {
    return status;
  }

  public String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("started_at", started.toString());
    document.put("finished_at", Instant.now().toString());
    document.putAll(json);
    document.put(OUTPUTS_FROM, outputsFrom);
    document.put("rows_written", written);
    document.put("key_conflicts", conflicts);
    Map<String, Double> timings = new LinkedHashMap<>();
    stages.forEach((stage, took) -> timings.put(stage, took.toMillis() / 1000.0));
    document.put("timings_s", timings);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the run report cannot be rendered", e);
    }
  }

  public void write(Configuration hadoop, String path) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(hadoop);
    // no .crc file beside a local report: people and schedulers read it, not Hadoop
    FileSystem target = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    try (OutputStream out = target.create(file, true)) {
      out.write((toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** For people: a small table. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    line(lines, "files read / rejected / ignored",
        get("files_read") + " / " + get("files_rejected") + " / " + get("files_ignored"));
    line(lines, "rows read", get("rows_read"));
    line(lines, "rows dropped: no artist (page views)", get("rows_without_artist"));
    line(lines, "rows rejected (see the rejects file)", get("rows_rejected"));
    line(lines, "rows repaired (mojibake)", get("rows_repaired"));
    line(lines, wouldCreate != null ? "song rows (events.csv and each table)" : "rows in events.csv", get("rows_consolidated"));
    written.forEach((table, rows) -> line(lines, "rows written to " + table, rows));
    if (wouldCreate != null) {
      line(lines, "dry run: nothing written; Cassandra would get",
          wouldCreate.isEmpty() ? "rows only" : String.join(", ", wouldCreate));
    }
    stages.forEach((stage, took) ->
        line(lines, "time: " + stage, String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)));
    return lines;
  }

  /** For logs and schedulers: one line. */
  public String oneLine() {
    StringBuilder line = new StringBuilder("sparkify: ").append(status.name()).append(wouldCreate != null ? " (dry run)" : "");
    for (String key : List.of("rows_read", "rows_consolidated", "rows_without_artist", "rows_rejected", "rows_repaired")) {
      line.append(' ').append(key).append('=').append(get(key));
    }
    written.forEach((table, rows) -> line.append(" written[").append(table).append("]=").append(rows));
    return line.toString();
  }

  private static void line(List<String> lines, String label, Object value) {
    String text = value instanceof Long number ? String.format(Locale.ROOT, "%,d", number) : value.toString();
    lines.add(String.format(Locale.ROOT, "%-52s %12s", label, text));
  }

  private static long count(List<FileReport> files, FileReport.Status status) {
    return files.stream().filter(f -> f.status() == status).count();
  }
}
