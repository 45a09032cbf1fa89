package com.sparkify.pipeline.read;

import static com.sparkify.pipeline.tables.EventColumns.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.testing.FailingFileSystem;
import com.sparkify.testing.LogFolder;
import com.sparkify.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventParserTest {
  private static final String ROW = "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796,3";
  private final SparkSession spark = SharedSpark.spark();
  @TempDir Path dir;

  private List<Row> readAll() {
    return readAll("windows-1252");
  }

  private List<Row> readAll(String fallback) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<EventFile> files =
        EventFiles.inspect(hadoop, InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.empty()).files(), 200, fallback).accepted();
    return EventParser.parse(spark, files, 200, true, fallback).collectAsList().stream()
        .sorted(Comparator.comparing((Row r) -> r.<String>getAs(ParsedColumns.FILE)).thenComparing(r -> r.<Long>getAs(ParsedColumns.LINE)))
        .toList();
  }

  @Test
  void readsQuotedFieldsWithCommasAndDoubledQuotes() {
    new LogFolder(dir).write("a.csv", HEADER,
        "\"Weird Al\"\" Yankovic\",Logged In,Kaylee,F,1,Summers,246.30812,free,\"Phoenix-Mesa-Scottsdale, AZ\",PUT,NextSong,1540344794796,139,\"Amish Paradise, Live\",200,1541106106796,8");
    Row row = readAll().get(0);
    assertEquals("Weird Al\" Yankovic", row.getAs("artist"));
    assertEquals("Phoenix-Mesa-Scottsdale, AZ", row.getAs("location"));
    assertEquals("Amish Paradise, Live", row.getAs("song"));
    assertEquals("8", row.getAs("userId"));
    assertEquals(2L, (long) row.getAs(ParsedColumns.LINE));
    assertNull(row.getAs(ParsedColumns.PROBLEM));
  }

  @Test
  void keepsScientificNotationAndNonAsciiTextAsWritten() {
    new LogFolder(dir).write("a.csv", HEADER,
        "Sigur Rós,Logged In,Zoë,F,0,Müller,300.1,paid,Reykjavík,PUT,NextSong,1.54092E+12,7,Hoppípolla,200,1.54111E+12,12");
    Row row = readAll().get(0);
    assertEquals("Sigur Rós", row.getAs("artist"));
    assertEquals("Hoppípolla", row.getAs("song"));
    assertEquals("1.54092E+12", row.getAs("registration"));
    assertEquals("1.54111E+12", row.getAs("ts"));
  }

  @Test
  void emptyFieldsOfPageViewsAndLoggedOutVisitorsAreNull() {
    new LogFolder(dir).write("a.csv", HEADER, ",Logged Out,,,0,,,free,,PUT,Login,,52,,307,1541106106796,");
    Row row = readAll().get(0);
    assertNull(row.getAs("artist"));
    assertNull(row.getAs("length"));
    assertNull(row.getAs("userId"));
    assertEquals("Login", row.getAs("page"));
  }

  @Test
  void matchesColumnsByHeaderNameInEveryFile() {
    LogFolder logs = new LogFolder(dir);
    logs.write("2018-11-01-events.csv", HEADER, ROW);
    logs.write("2018-11-02-events.csv",
        "userId,ts,status,song,sessionId,registration,page,method,location,level,length,lastName,itemInSession,gender,firstName,auth,artist,extra",
        "4,1541206106796,200,Creep,11,1540344794796,NextSong,PUT,Boston,paid,238.2,Ray,5,M,Bob,Logged In,Radiohead,ignored");
    List<Row> rows = readAll();
    assertEquals(2, rows.size());
    Row second = rows.get(1);
    assertEquals("Radiohead", second.getAs("artist"));
    assertEquals("Creep", second.getAs("song"));
    assertEquals("4", second.getAs("userId"));
    assertEquals("5", second.getAs("itemInSession"));
    assertEquals("Bob", second.getAs("firstName"));
  }

  @Test
  void crlfGzipAndAQuotedLineBreakAreReadWhole() {
    LogFolder logs = new LogFolder(dir);
    logs.bytes("a.csv", (HEADER + "\r\n" + ROW.replace("Uprising", "\"Up\r\nrising\"") + "\r\n" + ROW + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    logs.gzip("b.csv.gz", HEADER, ROW);
    List<Row> rows = readAll();
    assertEquals(List.of("Up\r\nrising", "Uprising", "Uprising"), rows.stream().map(r -> r.<String>getAs("song")).toList());
    assertEquals(List.of(2L, 4L, 2L), rows.stream().map(r -> r.<Long>getAs(ParsedColumns.LINE)).toList());
    assertEquals("3", rows.get(1).getAs("userId"), "no CR left at the end of a CRLF line");
  }

  @Test
  void brokenRowsAreKeptWithTheirProblemLineAndText() {
    String shortRow = ROW.substring(0, ROW.lastIndexOf(','));
    String strayQuote = ROW.replace("Uprising", "Up\"rising");
    new LogFolder(dir).write("a.csv", HEADER, shortRow, strayQuote, ROW + ",extra", ROW);
    List<Row> rows = readAll();
    assertEquals(List.of("FIELD_COUNT", "BAD_QUOTE", "FIELD_COUNT"),
        rows.subList(0, 3).stream().map(r -> r.<String>getAs(ParsedColumns.PROBLEM)).toList());
    assertEquals(List.of(shortRow, strayQuote, ROW + ",extra", ROW),
        rows.stream().map(r -> r.<String>getAs(ParsedColumns.RAW)).toList());
    assertEquals(List.of(2L, 3L, 4L, 5L), rows.stream().map(r -> r.<Long>getAs(ParsedColumns.LINE)).toList());
    assertNull(rows.get(3).getAs(ParsedColumns.PROBLEM));
    assertNull(rows.get(0).getAs("artist"), "a row with the wrong field count carries no values");
  }

  @Test
  void aQuoteLeftOpenRejectsOneLineAndReadingResumes() {
    String open = ROW.replace("Uprising", "\"Uprising");
    String[] lines = new String[12];
    lines[0] = HEADER;
    lines[1] = open;
    for (int i = 2; i < lines.length; i++) {
      lines[i] = ROW;
    }
    new LogFolder(dir).write("a.csv", lines);
    List<Row> rows = readAll();
    assertEquals(11, rows.size());
    assertEquals("BAD_QUOTE", rows.get(0).getAs(ParsedColumns.PROBLEM));
    assertEquals(open, rows.get(0).getAs(ParsedColumns.RAW));
    assertTrue(rows.subList(1, 11).stream().allMatch(r -> r.getAs(ParsedColumns.PROBLEM) == null));
  }

  /** A day file as a spreadsheet on Windows saves it, between lines in UTF-8 (the files were put together). */
  private void writeMixed() {
    java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes((HEADER + "\n" + ROW.replace("Muse", "Sigur Rós") + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes((ROW.replace("Muse", "Beyoncé").replace("Uprising", "\"Déjà\nvu\"") + "\r\n").getBytes(cp1252));
    bytes.writeBytes((ROW.replace("Muse", "\"Weird Al\"\" Yankovic\"") + "\n").getBytes(cp1252));
    bytes.writeBytes((ROW.replace("Muse", "Mötley Crüe").replace("Uprising", "Café 🎸") + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes((ROW.replace("Muse", "Bj\u00C3\u00B6rk") + "\n").getBytes(StandardCharsets.UTF_8));
    // 0x81 means nothing in Windows-1252 either
    byte[] undefined = ROW.replace("Muse", "Mu?e").getBytes(cp1252);
    undefined[2] = (byte) 0x81;
    bytes.writeBytes(undefined);
    bytes.write('\n');
    new LogFolder(dir).bytes("a.csv", bytes.toByteArray());
  }

  @Test
  void aLineThatIsNotUtf8IsDecodedWithTheFallbackAndFlagged() {
    writeMixed();
    List<Row> rows = readAll();
    assertEquals(Arrays.asList("Sigur Rós", "Beyoncé", "Weird Al\" Yankovic", "Mötley Crüe", "Björk", null),
        rows.stream().map(r -> r.<String>getAs("artist")).toList());
    assertEquals(Arrays.asList("Uprising", "Déjà\nvu", "Uprising", "Café 🎸", "Uprising", null),
        rows.stream().map(r -> r.<String>getAs("song")).toList());
    assertEquals(List.of(false, true, false, false, false, false), rows.stream().map(r -> r.<Boolean>getAs(ParsedColumns.FALLBACK)).toList());
    assertEquals(Arrays.asList(null, null, null, null, null, "BAD_ENCODING"),
        rows.stream().map(r -> r.<String>getAs(ParsedColumns.PROBLEM)).toList());
    assertEquals(List.of(2L, 3L, 5L, 6L, 7L, 8L), rows.stream().map(r -> r.<Long>getAs(ParsedColumns.LINE)).toList());
    assertEquals(ROW.replace("Muse", "Mu\uFFFDe"), rows.get(5).getAs(ParsedColumns.RAW), "only the rejects file sees U+FFFD");
    assertTrue(rows.get(4).<Boolean>getAs(ParsedColumns.REPAIRED), "mojibake in a UTF-8 line is still repaired");
  }

  @Test
  void withoutAFallbackALineThatIsNotUtf8IsRejected() {
    writeMixed();
    List<Row> rows = readAll("");
    assertEquals(Arrays.asList(null, "BAD_ENCODING", null, null, null, "BAD_ENCODING"),
        rows.stream().map(r -> r.<String>getAs(ParsedColumns.PROBLEM)).toList());
    assertEquals(List.of(false, false, false, false, false, false), rows.stream().map(r -> r.<Boolean>getAs(ParsedColumns.FALLBACK)).toList());
  }

  @Test
  void mojibakeIsRepairedInTextFieldsAndTheRowFlagged() {
    String twice = "Caf\u00C3\u0083\u00C2\u00A9 Tacvba";
    new LogFolder(dir).write("a.csv", HEADER, ROW.replace("Muse", "CafÃ© Tacvba"), ROW.replace("Muse", twice), ROW.replace("Muse", "Björk"));
    List<Row> rows = readAll();
    assertEquals(List.of("Café Tacvba", "Café Tacvba", "Björk"), rows.stream().map(r -> r.<String>getAs("artist")).toList());
    assertEquals(List.of(true, true, false), rows.stream().map(r -> r.<Boolean>getAs(ParsedColumns.REPAIRED)).toList());
    assertEquals(ROW.replace("Muse", "CafÃ© Tacvba"), rows.get(0).getAs(ParsedColumns.RAW), "the original text stays as it was");
  }

  @Test
  void mojibakeRepairCanBeTurnedOff() {
    new LogFolder(dir).write("a.csv", HEADER, ROW.replace("Muse", "CafÃ© Tacvba"));
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Row row = EventParser.parse(spark,
        EventFiles.inspect(hadoop, InputFiles.list(hadoop, dir.toString(), Set.of(), Optional.empty()).files(), 200, "windows-1252").accepted(), 200, false, "windows-1252")
        .first();
    assertEquals("CafÃ© Tacvba", row.getAs("artist"));
    assertFalse(row.<Boolean>getAs(ParsedColumns.REPAIRED));
  }

  /** A day's gzipped log of 2000 song rows, as dirty as real ones: quotes, a spreadsheet ts, non-ASCII text. */
  private byte[] gzippedDay(LogFolder logs) throws Exception {
    String[] lines = new String[2001];
    lines[0] = HEADER;
    for (int i = 1; i < lines.length; i++) {
      lines[i] = ROW.replace("Muse", "\"Weird Al\"\" Yankovic\"").replace(",10,", "," + i + ",")
          .replace("1541106106796", "1.54111E+12").replace("Uprising", "Beyoncé " + i);
    }
    return java.nio.file.Files.readAllBytes(logs.gzip("a.csv.gz", lines));
  }

  /** The reader's rows stop where the file broke, and one more says where (the driver leaves them all out). */
  private void assertBreaksOffWithAReadError(List<Row> rows, String error) {
    Row last = rows.get(rows.size() - 1);
    assertEquals("READ_ERROR", last.getAs(ParsedColumns.PROBLEM));
    assertTrue(last.<String>getAs(ParsedColumns.RAW).contains(error), last.<String>getAs(ParsedColumns.RAW));
    List<Row> before = rows.subList(0, rows.size() - 1);
    assertTrue(before.stream().allMatch(r -> r.getAs(ParsedColumns.PROBLEM) == null));
    long lastRead = before.isEmpty() ? 1 : before.get(before.size() - 1).<Long>getAs(ParsedColumns.LINE);
    assertEquals(lastRead + 1, (long) last.<Long>getAs(ParsedColumns.LINE), "the line where reading stopped");
  }

  @Test
  void aGzipCutAt60PercentEndsWithAReadError() throws Exception {
    LogFolder logs = new LogFolder(dir);
    byte[] whole = gzippedDay(logs);
    logs.bytes("a.csv.gz", java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
    List<Row> rows = readAll();
    assertTrue(rows.size() > 100 && rows.size() < 2000, "the rows before the break: " + rows.size());
    assertBreaksOffWithAReadError(rows, "Unexpected end of input stream");
  }

  @Test
  void aCorruptGzipStreamEndsWithAReadError() throws Exception {
    LogFolder logs = new LogFolder(dir);
    byte[] corrupt = gzippedDay(logs);
    for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
      corrupt[i] = (byte) ~corrupt[i];
    }
    logs.bytes("a.csv.gz", corrupt);
    List<Row> rows = readAll();
    Row last = rows.get(rows.size() - 1);
    // what a corrupt stream decompresses to before the decompressor notices is garbage, rejected or not
    assertEquals("READ_ERROR", last.getAs(ParsedColumns.PROBLEM));
    assertTrue(rows.size() < 2001, "the read stops at the corruption: " + rows.size());
  }

  @Test
  void dataAfterTheEndOfTheGzipStreamIsAReadError() throws Exception {
    LogFolder logs = new LogFolder(dir);
    byte[] whole = gzippedDay(logs);
    byte[] trailing = java.util.Arrays.copyOf(whole, whole.length + 100);
    for (int i = whole.length; i < trailing.length; i++) {
      trailing[i] = (byte) ('a' + i % 26);
    }
    logs.bytes("a.csv.gz", trailing);
    // Hadoop's decompressor takes the data for a gzip member of its own and fails on it
    assertBreaksOffWithAReadError(readAll(), "not a gzip file");
  }

  @Test
  void aFileSystemFailureFailsTheTaskOnEveryAttemptAndThenTheRunWithAnInputProblemNamingTheFile() {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    FailingFileSystem.register(hadoop);
    String[] lines = new String[8001];
    lines[0] = HEADER;
    for (int i = 1; i < lines.length; i++) {
      lines[i] = ROW.replace(",10,", "," + i + ",");
    }
    new LogFolder(dir).write("2018-11-05-fs-fails.csv", lines);
    String folder = FailingFileSystem.SCHEME + "://" + dir;
    List<EventFile> files = EventFiles.inspect(hadoop, InputFiles.list(hadoop, folder, Set.of(), Optional.empty()).files(), 200, "")
        .accepted();
    int opensBefore = FailingFileSystem.opens("2018-11-05-fs-fails.csv");
    SparkifyException e = assertThrows(SparkifyException.class,
        () -> EventParser.reading(() -> EventParser.parse(spark, files, 200, true, "").collectAsList()));
    assertEquals(ExitStatus.INPUT_PROBLEM, e.status());
    assertTrue(e.getMessage().startsWith(folder.replace(":///", ":/") + "/2018-11-05-fs-fails.csv could not be read past line ")
        && e.getMessage().contains("the file system failed: connection reset by the storage service (injected)"), e.getMessage());
    assertEquals(4, FailingFileSystem.opens("2018-11-05-fs-fails.csv") - opensBefore, "local[2,4]: four attempts");
  }
}
