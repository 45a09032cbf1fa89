package com.sparkify.pipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.read.FileReport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a run did, filled in as it goes so that a failed run reports as far as it got; {@link #document()}
 * is the typed record behind the JSON file for schedulers and people, the table and the one line printed.
 */
public final class RunReport {
  private static final String OUTPUTS_FROM = "outputs_from_run";

  /** The run report as written: one field per JSON key, absent ones left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("finished_at") String finishedAt,
      String input,
      String date,
      String output,
      @JsonProperty("rejects_file") String rejectsFile,
      @JsonProperty("output_commit") String outputCommit,
      @JsonProperty("output_lock") String outputLock,
      @JsonProperty("staging_removed") List<String> stagingRemoved,
      @JsonProperty("dry_run") Boolean dryRun,
      @JsonProperty("cassandra_would_create") List<String> cassandraWouldCreate,
      @JsonProperty("files_read") long filesRead,
      @JsonProperty("files_rejected") long filesRejected,
      @JsonProperty("files_ignored") long filesIgnored,
      List<FileLine> files,
      @JsonProperty("rows_read") long rowsRead,
      @JsonProperty("rows_without_artist") long rowsWithoutArtist,
      @JsonProperty("rows_rejected") long rowsRejected,
      @JsonProperty("rejects_by_reason") Map<String, Long> rejectsByReason,
      @JsonProperty("rows_repaired") long rowsRepaired,
      @JsonProperty("rows_decoded_as_fallback") long rowsDecodedAsFallback,
      @JsonProperty("rows_consolidated") long rowsConsolidated,
      @JsonProperty("exit_status") Exit exitStatus,
      @JsonProperty(OUTPUTS_FROM) Map<String, String> outputsFromRun,
      @JsonProperty("write_mode") String writeMode,
      @JsonProperty("rows_written") Map<String, Long> rowsWritten,
      @JsonProperty("sstables") Map<String, SSTablesLine> sstables,
      @JsonProperty("key_conflicts") Map<String, Conflicts> keyConflicts,
      Map<String, VerifiedLine> verified,
      @JsonProperty("timings_s") Map<String, Double> timings) {}

  /** One file's outcome; rows only for files read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileLine(
      String file,
      String status,
      String reason,
      Long rows,
      @JsonProperty("rows_rejected") Long rowsRejected,
      @JsonProperty("rows_decoded_as_fallback") Long rowsDecodedAsFallback,
      @JsonProperty("ignored_columns") List<String> ignoredColumns) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Exit(int code, String name, String message) {}

  public record Conflicts(long keys, List<String> examples) {}

  /**
   * One table read back (--verify): the run's rows checked (one per primary key: of the run's rows sharing a key,
   * the latest), those not found, those found with other values and no later write time, and the seconds it took.
   */
  public record VerifiedLine(@JsonProperty("rows_checked") long rowsChecked, @JsonProperty("rows_missing") long rowsMissing,
      @JsonProperty("rows_different") long rowsDifferent, double seconds) {}

  /**
   * One table's SSTable load: the tasks that wrote, the files streamed (Data.db, one SSTable each), the bytes
   * of every file they wrote before streaming (all removed after), the replicas that received them, those that
   * missed some (the bulk write consistency was met without them; a repair of the table catches them up), and
   * the seconds the tasks spent, added up, sorting and writing files, and streaming them.
   */
  public record SSTablesLine(int tasks, int files, long bytes, List<String> replicas,
      @JsonProperty("sstable_replicas_missed") List<String> replicasMissed,
      @JsonProperty("task_write_s") double taskWriteSeconds, @JsonProperty("task_stream_s") double taskStreamSeconds,
      @JsonIgnore long rows) {}

  private final Instant started = Instant.now();
  private final String input;
  private final String date;
  private final String output;
  private final String rejectsFile;
  private String outputCommit;
  private String outputLock;
  private List<String> stagingRemoved;
  private List<String> wouldCreate;
  private List<FileReport> files = List.of();
  private Map<String, long[]> rowsPerFile = Map.of();
  private RowCounts.Counts counts = new RowCounts.Counts(0, 0, 0, 0, 0);
  private Map<String, Long> rejectsByReason = Map.of();
  private long consolidated;
  private final Map<String, String> outputsFrom = new LinkedHashMap<>();
  private final Map<String, Long> written = new LinkedHashMap<>();
  private final Map<String, Conflicts> conflicts = new LinkedHashMap<>();
  private final Map<String, VerifiedLine> verified = new LinkedHashMap<>();
  private String writeMode;
  private final Map<String, SSTablesLine> sstables = new LinkedHashMap<>();
  private Map<String, Duration> stages = Map.of();
  private ExitStatus status = ExitStatus.INTERNAL_ERROR;
  private String message;
  private boolean finished;

  /** @param date the day of a daily run, or null */
  public RunReport(String input, String date, String output, String rejects) {
    this.input = input;
    this.date = date;
    this.output = output;
    this.rejectsFile = rejects;
  }

  public void files(List<FileReport> files, Map<String, long[]> rowsPerFile) {
    this.files = List.copyOf(files);
    this.rowsPerFile = Map.copyOf(rowsPerFile);
  }

  public void rows(RowCounts.Counts counts, Map<String, Long> rejectsByReason) {
    this.counts = counts;
    this.rejectsByReason = new TreeMap<>(rejectsByReason);
  }

  /** @param missing what a real run would create in Cassandra */
  public void dryRun(List<String> missing) {
    wouldCreate = List.copyOf(missing);
  }

  public void consolidated(long rows) {
    consolidated = rows;
  }

  public void written(String table, long rows) {
    written.put(table, rows);
  }

  /** @param mode cql or sstable */
  public void writeMode(String mode) {
    writeMode = mode;
  }

  public void sstables(String table, SSTablesLine load) {
    sstables.put(table, load);
  }

  /** @param examples a few conflicting keys with their contents, as text */
  public void keyConflicts(String table, long keys, List<String> examples) {
    conflicts.put(table, new Conflicts(keys, List.copyOf(examples)));
  }

  public void verified(String table, VerifiedLine line) {
    verified.put(table, line);
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
    for (String path : outputs) {
      String from = null;
      if (previous != null && previous.path(OUTPUTS_FROM).has(path)) {
        from = previous.path(OUTPUTS_FROM).get(path).asText();
      } else if (previous != null && !previous.has(OUTPUTS_FROM) && "OK".equals(previous.path("exit_status").path("name").asText())) {
        from = previous.path("started_at").asText();
      }
      if (from == null && fs.exists(new Path(path))) {
        from = "unknown";
      }
      if (from != null) {
        outputsFrom.put(path, from);
      }
    }
  }

  /** This run's file replaced the output. */
  public void committed(String path) {
    outputsFrom.put(path, started.toString());
  }

  /** @param commit how the outputs are replaced on their file system: atomic or copy */
  public void outputCommit(String commit) {
    outputCommit = commit;
  }

  /** @param lock how this run holds its output: held, taken over from ..., or not guarded: ...; null for a dry run */
  public void outputLock(String lock) {
    outputLock = lock;
  }

  public void stagingRemoved(List<String> folders) {
    stagingRemoved = List.copyOf(folders);
  }

  public void finish(ExitStatus status, String message, Map<String, Duration> stages) {
    this.status = status;
    this.message = message;
    this.stages = stages;
    this.finished = true;
  }

  public Map<String, Long> rowsWritten() {
    return Map.copyOf(written);
  }

  public ExitStatus status() {
    return status;
  }

  /** The report as it stands. */
  public Document document() {
    List<FileLine> lines = new ArrayList<>();
    for (FileReport file : files) {
      long[] rows = rowsPerFile.get(file.file());
      boolean read = file.status() == FileReport.Status.READ;
      lines.add(new FileLine(file.file(), file.status().name().toLowerCase(Locale.ROOT), file.reason(),
          read ? (rows == null ? 0L : rows[0]) : null, read ? (rows == null ? 0L : rows[1]) : null,
          read ? (rows == null ? 0L : rows[2]) : null,
          file.extraColumns().isEmpty() ? null : file.extraColumns()));
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    stages.forEach((stage, took) -> timings.put(stage, took.toMillis() / 1000.0));
    return new Document(started.toString(), Instant.now().toString(), input, date, output, rejectsFile, outputCommit, outputLock,
        stagingRemoved, wouldCreate == null ? null : true, wouldCreate,
        count(FileReport.Status.READ), count(FileReport.Status.REJECTED), count(FileReport.Status.IGNORED), lines,
        counts.read(), counts.withoutArtist(), counts.rejected(), rejectsByReason, counts.repaired(), counts.decodedAsFallback(),
        consolidated, finished ? new Exit(status.code(), status.name(), message) : null,
        Map.copyOf(outputsFrom), writeMode, new LinkedHashMap<>(written), sstables.isEmpty() ? null : new LinkedHashMap<>(sstables),
        new LinkedHashMap<>(conflicts), verified.isEmpty() ? null : new LinkedHashMap<>(verified), timings);
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the run report cannot be rendered", e);
    }
  }

  /** For people: a small table. */
  public List<String> lines() {
    Document d = document();
    List<String> lines = new ArrayList<>();
    line(lines, "files read / rejected / ignored", d.filesRead() + " / " + d.filesRejected() + " / " + d.filesIgnored());
    line(lines, "rows read", d.rowsRead());
    line(lines, "rows dropped: no artist (page views)", d.rowsWithoutArtist());
    line(lines, "rows rejected (see the rejects file)", d.rowsRejected());
    line(lines, "rows repaired (mojibake)", d.rowsRepaired());
    line(lines, "rows decoded as the fallback encoding (not UTF-8)", d.rowsDecodedAsFallback());
    line(lines, wouldCreate != null ? "song rows (events.csv and each table)" : "rows in events.csv", d.rowsConsolidated());
    written.forEach((table, rows) -> line(lines, "rows written to " + table, rows));
    verified.forEach((table, line) -> line(lines, "rows read back from " + table + " (missing, different)",
        String.format(Locale.ROOT, "%,d (%d, %d)", line.rowsChecked(), line.rowsMissing(), line.rowsDifferent())));
    sstables.forEach((table, load) -> line(lines, "SSTables streamed to " + table,
        String.format(Locale.ROOT, "%d (%.1f MiB)", load.files(), load.bytes() / 1048576.0)
            + (load.replicasMissed().isEmpty() ? "" : "; missed by " + String.join(", ", load.replicasMissed())
                + ": repair the table")));
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
    Document d = document();
    StringBuilder line = new StringBuilder("sparkify: ").append(status.name()).append(wouldCreate != null ? " (dry run)" : "");
    line.append(" rows_read=").append(d.rowsRead())
        .append(" rows_consolidated=").append(d.rowsConsolidated())
        .append(" rows_without_artist=").append(d.rowsWithoutArtist())
        .append(" rows_rejected=").append(d.rowsRejected())
        .append(" rows_repaired=").append(d.rowsRepaired());
    written.forEach((table, rows) -> line.append(" written[").append(table).append("]=").append(rows));
    return line.toString();
  }

  private static void line(List<String> lines, String label, Object value) {
    String text = value instanceof Long number ? String.format(Locale.ROOT, "%,d", number) : value.toString();
    lines.add(String.format(Locale.ROOT, "%-52s %12s", label, text));
  }

  private long count(FileReport.Status status) {
    return files.stream().filter(f -> f.status() == status).count();
  }
}
