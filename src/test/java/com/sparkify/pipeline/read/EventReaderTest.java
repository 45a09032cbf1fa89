package com.sparkify.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.SparkifyException;
import com.sparkify.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {
  static final String HEADER =
      "artist,auth,firstName,gender,itemInSession,lastName,length,level,location,method,page,registration,sessionId,song,status,ts,userId";

  private final SparkSession spark = SharedSpark.spark();
  @TempDir Path dir;

  @Test
  void readsQuotedFieldsWithCommasAndDoubledQuotes() throws IOException {
    write("a.csv", HEADER,
        "\"Weird Al\"\" Yankovic\",Logged In,Kaylee,F,1,Summers,246.30812,free,\"Phoenix-Mesa-Scottsdale, AZ\",PUT,NextSong,1540344794796,139,\"Amish Paradise, Live\",200,1541106106796,8");
    Row row = readAll().get(0);
    assertEquals("Weird Al\" Yankovic", row.getAs("artist"));
    assertEquals("Phoenix-Mesa-Scottsdale, AZ", row.getAs("location"));
    assertEquals("Amish Paradise, Live", row.getAs("song"));
    assertEquals("8", row.getAs("userId"));
  }

  @Test
  void keepsScientificNotationAndNonAsciiTextAsWritten() throws IOException {
    write("a.csv", HEADER, "Sigur Rós,Logged In,Zoë,F,0,Müller,300.1,paid,Reykjavík,PUT,NextSong,1.54092E+12,7,Hoppípolla,200,1.54111E+12,12");
    Row row = readAll().get(0);
    assertEquals("Sigur Rós", row.getAs("artist"));
    assertEquals("Hoppípolla", row.getAs("song"));
    assertEquals("Zoë", row.getAs("firstName"));
    assertEquals("1.54092E+12", row.getAs("registration"));
    assertEquals("1.54111E+12", row.getAs("ts"));
  }

  @Test
  void emptyFieldsOfPageViewsAndLoggedOutVisitorsAreNull() throws IOException {
    write("a.csv", HEADER, ",Logged Out,,,0,,,free,,PUT,Login,,52,,307,1541106106796,");
    Row row = readAll().get(0);
    assertNull(row.getAs("artist"));
    assertNull(row.getAs("length"));
    assertNull(row.getAs("userId"));
    assertEquals("Login", row.getAs("page"));
  }

  @Test
  void matchesColumnsByHeaderNameInEveryFile() throws IOException {
    write("2018-11-01-events.csv", HEADER,
        "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796,3");
    write("2018-11-02-events.csv",
        "userId,ts,status,song,sessionId,registration,page,method,location,level,length,lastName,itemInSession,gender,firstName,auth,artist,extra",
        "4,1541206106796,200,Creep,11,1540344794796,NextSong,PUT,Boston,paid,238.2,Ray,5,M,Bob,Logged In,Radiohead,ignored");
    List<Row> rows = readAll();
    assertEquals(2, rows.size());
    Row second = rows.stream().filter(r -> "Radiohead".equals(r.getAs("artist"))).findFirst().orElseThrow();
    assertEquals("Creep", second.getAs("song"));
    assertEquals("4", second.getAs("userId"));
    assertEquals("5", second.getAs("itemInSession"));
    assertEquals("Bob", second.getAs("firstName"));
    assertEquals(EventColumns.NAMES, List.of(readDataset().columns()));
  }

  @Test
  void ignoresAByteOrderMarkBeforeTheHeader() throws IOException {
    write("a.csv", "\uFEFF" + HEADER, "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796,3");
    assertEquals("Muse", readAll().get(0).getAs("artist"));
  }

  @Test
  void neverReadsTheJobsOwnOutputOrOtherFiles() throws IOException {
    write("2018-11-01-events.csv", HEADER, "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796,3");
    write("events.csv", HEADER, "Old,Logged In,Ann,F,1,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Old,200,1541106106796,3");
    write("notes.txt", "not an event log");
    write(".hidden.csv", HEADER, "Hidden,Logged In,Ann,F,2,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Hidden,200,1541106106796,3");
    List<org.apache.hadoop.fs.Path> files = InputFiles.list(hadoop(), dir.toString(), Set.of("events.csv"));
    assertEquals(List.of("2018-11-01-events.csv"), files.stream().map(org.apache.hadoop.fs.Path::getName).toList());
  }

  @Test
  void aMissingOrEmptyInputFolderIsAnInputProblem() throws IOException {
    SparkifyException missing = assertThrows(SparkifyException.class,
        () -> InputFiles.list(hadoop(), dir.resolve("nope").toString(), Set.of()));
    assertEquals(ExitStatus.INPUT_PROBLEM, missing.status());
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    SparkifyException empty = assertThrows(SparkifyException.class, () -> InputFiles.list(hadoop(), dir.toString(), Set.of()));
    assertTrue(empty.getMessage().contains("holds no *.csv"), empty.getMessage());
  }

  @Test
  void aFileWithoutARequiredColumnNamesTheMissingColumns() throws IOException {
    write("a.csv", HEADER.replace(",userId", ""), "Muse,Logged In,Ann,F,0,Lee,200.5,free,Austin,PUT,NextSong,1540344794796,10,Uprising,200,1541106106796");
    SparkifyException e = assertThrows(SparkifyException.class, this::readAll);
    assertEquals(ExitStatus.INPUT_PROBLEM, e.status());
    assertTrue(e.getMessage().contains("[userId]"), e.getMessage());
  }

  private org.apache.hadoop.conf.Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private Dataset<Row> readDataset() {
    return EventReader.read(spark, InputFiles.list(hadoop(), dir.toString(), Set.of()));
  }

  private List<Row> readAll() {
    return readDataset().collectAsList();
  }

  private void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
