package com.sparkify.pipeline.read;

import static com.sparkify.pipeline.tables.EventColumns.HEADER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.testing.LogFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {
  private static final String ROW = "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796,3";
  private final Configuration hadoop = new Configuration();
  @TempDir Path dir;

  private EventFiles.Inspection inspect() {
    return EventFiles.inspect(hadoop, InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.empty()).files(), 65536, "windows-1252");
  }

  private FileReport only() {
    List<FileReport> reports = inspect().reports();
    assertEquals(1, reports.size(), reports.toString());
    return reports.get(0);
  }

  @Test
  void mapsColumnsByHeaderNameAndReportsUnknownOnes() {
    new LogFolder(dir).write("a.csv",
        "userId,ts,status,song,sessionId,registration,page,method,location,level,length,lastName,itemInSession,gender,firstName,auth,artist,extra");
    EventFile file = inspect().accepted().get(0);
    assertEquals(18, file.fieldCount());
    assertArrayEquals(new int[] {16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, file.columns());
    assertEquals(List.of("extra"), only().extraColumns());
  }

  @Test
  void aByteOrderMarkAndCrlfAreNotPartOfTheNames() {
    new LogFolder(dir).bytes("a.csv", ("\uFEFF" + HEADER + "\r\n" + ROW + "\r\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(FileReport.Status.READ, only().status());
    assertEquals(17, inspect().accepted().get(0).fieldCount());
  }

  @Test
  void gzipFilesAreReadLikeAnyOther() {
    new LogFolder(dir).gzip("a.csv.gz", HEADER, ROW);
    assertEquals(FileReport.Status.READ, only().status());
  }

  @Test
  void filesThatCannotBeEventLogsAreRejectedWithTheirReason() {
    LogFolder logs = new LogFolder(dir);
    logs.bytes("empty.csv", new byte[0]);
    logs.bytes("image.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'});
    logs.write("json.csv", "{\"artist\": \"Muse\"}");
    logs.write("short.csv", HEADER.replace(",userId", "").replace("sessionId,", ""), ROW);
    logs.bytes("broken.csv.gz", "this is not gzip".getBytes(StandardCharsets.UTF_8));
    EventFiles.Inspection inspection = inspect();
    assertEquals(List.of(), inspection.accepted());
    assertEquals(
        List.of(
            "broken.csv.gz REJECTED READ_ERROR at line 1",
            "empty.csv REJECTED EMPTY_FILE: no header row",
            "image.csv REJECTED NOT_CSV: the first line is not a comma-separated header",
            "json.csv REJECTED NOT_CSV: the first line is not a comma-separated header",
            "short.csv REJECTED MISSING_COLUMNS: sessionId, userId"),
        inspection.reports().stream()
            // the codec's own words for a broken gzip vary by platform; the code before them does not
            .map(r -> new org.apache.hadoop.fs.Path(r.file()).getName() + " " + r.status() + " "
                + (r.reason().startsWith("READ_ERROR") ? r.reason().substring(0, r.reason().indexOf(':')) : r.reason()))
            .toList());
  }

  @Test
  void listingSkipsTheJobsOutputsHiddenFilesAndOtherNames() {
    LogFolder logs = new LogFolder(dir);
    logs.write("2018-11-01-events.csv", HEADER, ROW);
    logs.gzip("2018-11-02-events.csv.gz", HEADER, ROW);
    logs.write("events.csv", HEADER, ROW);
    logs.write("events.rejects.csv", "file,line,reason,text");
    logs.write("notes.txt", "not an event log");
    logs.write(".hidden.csv", HEADER, ROW);
    InputFiles.Listing listing = InputFiles.list(hadoop, dir.toString(), Set.of("events.csv", "events.rejects.csv"), Optional.empty());
    assertEquals(List.of("2018-11-01-events.csv", "2018-11-02-events.csv.gz"),
        listing.files().stream().map(org.apache.hadoop.fs.Path::getName).toList());
    assertEquals(1, listing.ignored().size(), "the job's own outputs are passed over: " + listing.ignored());
    assertTrue(listing.ignored().get(0).endsWith("notes.txt"));
  }

  @Test
  void aMissingOrEmptyInputFolderIsAnInputProblem() {
    SparkifyException missing = assertThrows(SparkifyException.class,
        () -> InputFiles.list(hadoop, dir.resolve("nope").toString(), Set.of(), Optional.empty()));
    assertEquals(ExitStatus.INPUT_PROBLEM, missing.status());
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    new LogFolder(dir).write("notes.txt", "x");
    SparkifyException empty = assertThrows(SparkifyException.class, () -> InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.empty()));
    assertTrue(empty.getMessage().contains("holds no *.csv or *.csv.gz file"), empty.getMessage());
  }

  @Test
  void aDailyRunListsOnlyThatDaysFileAndSaysWhichOneIsMissing() {
    LogFolder logs = new LogFolder(dir);
    logs.write("2018-11-01-events.csv", HEADER, ROW);
    logs.gzip("2018-11-02-events.csv.gz", HEADER, ROW);
    logs.write("2018-11-03-events.csv", HEADER, ROW);
    logs.write("notes.txt", "not an event log");

    InputFiles.Listing day = InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.of("2018-11-02-events.csv"));
    assertEquals(List.of("2018-11-02-events.csv.gz"), day.files().stream().map(org.apache.hadoop.fs.Path::getName).toList());
    assertEquals(List.of(), day.ignored(), "other files are not part of a day's run");

    SparkifyException missing = assertThrows(SparkifyException.class,
        () -> InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.of("2018-11-04-events.csv")));
    assertEquals(ExitStatus.INPUT_PROBLEM, missing.status());
    assertTrue(missing.getMessage().contains("holds no 2018-11-04-events.csv"), missing.getMessage());
  }

  @Test
  void aDayPresentPlainAndGzippedIsAnInputProblemNamingBothInWholeFolderAndDailyRuns() {
    LogFolder logs = new LogFolder(dir);
    logs.write("2018-11-04-events.csv", HEADER, ROW);
    logs.write("2018-11-05-events.csv", HEADER, ROW.replace("Muse", "\"Weird Al\"\" Yankovic\""));
    logs.write("2018-11-05-events.csv-old.csv", HEADER, ROW);
    logs.gzip("2018-11-05-events.csv.gz", HEADER, ROW.replace("Muse", "\"Weird Al\"\" Yankovic\""));
    for (Optional<String> day : List.of(Optional.<String>empty(), Optional.of("2018-11-05-events.csv"))) {
      SparkifyException twice = assertThrows(SparkifyException.class, () -> InputFiles.list(hadoop, dir.toString(), Set.of(), day));
      assertEquals(ExitStatus.INPUT_PROBLEM, twice.status());
      assertTrue(twice.getMessage().contains(dir.resolve("2018-11-05-events.csv").toString() + " and ")
          && twice.getMessage().contains(dir.resolve("2018-11-05-events.csv.gz").toString()), twice.getMessage());
    }
    assertEquals(List.of("2018-11-04-events.csv"),
        InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.of("2018-11-04-events.csv")).files().stream()
            .map(org.apache.hadoop.fs.Path::getName).toList(), "another day of the folder is read as before");
  }

  @Test
  void aFileTheFileSystemFailsToOpenIsAnInputProblemNamingIt() throws java.io.IOException {
    Path day = new LogFolder(dir).write("2018-11-04-events.csv", HEADER, ROW);
    List<org.apache.hadoop.fs.Path> listed = InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.empty()).files();
    java.nio.file.Files.delete(day); // gone between the listing and the read
    org.apache.hadoop.fs.Path gone = listed.get(0);
    SparkifyException e = assertThrows(SparkifyException.class, () -> EventFiles.inspect(hadoop, listed, 65536, "windows-1252"));
    assertEquals(ExitStatus.INPUT_PROBLEM, e.status());
    assertTrue(e.getMessage().startsWith(gone + " could not be read, the file system failed: "), e.getMessage());
  }
}
