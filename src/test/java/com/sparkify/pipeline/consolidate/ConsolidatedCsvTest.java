package com.sparkify.pipeline.consolidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.transform.TypedEvents;
import com.sparkify.testing.DirtyText;
import com.sparkify.testing.EventRows;
import com.sparkify.testing.StrictCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolidatedCsvTest {
  @TempDir Path dir;

  private final Dataset<Row> events = TypedEvents.from(EventRows.text(
      EventRows.song("Weird Al\" Yankovic", "Amish Paradise, Live", "200.5", "338", "4", "12", "1541106106796"),
      EventRows.song("Muse", "Uprising", "304.8", "10", "1", "3", "1541106106797")));

  private void writeAndCommit(Dataset<Row> rows, Path output) {
    try (SingleCsvFile file = ConsolidatedCsv.stage(rows, output.toString())) {
      assertEquals(rows.count(), file.rows());
      file.commit();
    }
  }

  @Test
  void writesOneRfc4180FileWithAHeaderInInputOrder() throws IOException {
    Path output = dir.resolve("events.csv");
    writeAndCommit(events, output);
    assertEquals(
        List.of(
            EventColumns.HEADER,
            "\"Weird Al\"\" Yankovic\",Logged In,Ann,F,4,Lee,200.5,free,\"Austin, TX\",PUT,NextSong,1540920000000,338,\"Amish Paradise, Live\",200,1541106106796,12",
            "Muse,Logged In,Ann,F,1,Lee,304.8,free,\"Austin, TX\",PUT,NextSong,1540920000000,10,Uprising,200,1541106106797,3"),
        Files.readAllLines(output, StandardCharsets.UTF_8));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(output), left.toList(), "no staging folder or part file is left behind");
    }
  }

  /** Every text value comes back as it went in: nothing trimmed, empty stays empty, null stays an empty field. */
  @Test
  void keepsEveryTextValueExactly() {
    List<Row> rows = new ArrayList<>();
    List<String> values = new ArrayList<>(DirtyText.VALUES);
    values.add("");
    values.add(null);
    for (int i = 0; i < values.size(); i++) {
      // the value in every text column at once; the artist, never empty, keeps it a song row
      Row song = EventRows.song(artist(i, values.get(i)), "x", "1.5", "1", Integer.toString(i), "7", "1541106106796");
      rows.add(withTextColumns(song, values.get(i)));
    }
    Path output = dir.resolve("events.csv");
    writeAndCommit(TypedEvents.from(EventRows.textKeepingEmpty(rows)), output);

    List<List<String>> records = StrictCsv.read(output);
    assertEquals(EventColumns.NAMES, records.get(0));
    assertEquals(values.size() + 1, records.size());
    for (int i = 0; i < values.size(); i++) {
      String expected = values.get(i) == null ? "" : values.get(i);
      List<String> record = records.get(i + 1);
      assertEquals(artist(i, values.get(i)), record.get(0), "artist of row " + i);
      for (String column : TEXT_COLUMNS) {
        assertEquals(expected, record.get(EventColumns.NAMES.indexOf(column)), column + " of row " + i);
      }
    }
  }

  @Test
  void emptyTextIsQuotedAndAMissingValueIsNot() throws IOException {
    Row row = withTextColumns(EventRows.song("Muse", "x", "1.5", "1", "0", "7", "1541106106796"), "");
    Path output = dir.resolve("events.csv");
    writeAndCommit(TypedEvents.from(EventRows.textKeepingEmpty(List.of(
        row, withTextColumns(EventRows.song("Muse", "x", "1.5", "1", "1", "7", "1541106106796"), null)))), output);
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals("Muse,\"\",\"\",\"\",0,\"\",1.5,\"\",\"\",\"\",\"\",1540920000000,1,\"\",200,1541106106796,7", lines.get(1));
    assertEquals("Muse,,,,1,,1.5,,,,,1540920000000,1,,200,1541106106796,7", lines.get(2));
  }

  private static String artist(int row, String value) {
    return value == null ? "artist " + row : value + row;
  }

  private static final List<String> TEXT_COLUMNS =
      List.of("auth", "firstName", "gender", "lastName", "level", "location", "method", "page", "song");

  private static Row withTextColumns(Row row, String value) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < row.size(); i++) {
      values[i] = TEXT_COLUMNS.contains(EventColumns.NAMES.get(i)) ? value : row.get(i);
    }
    return RowFactory.create(values);
  }

  @Test
  void replacesAnEarlierFileWithIdenticalBytesOnARerun() throws IOException {
    Path output = dir.resolve("events.csv");
    writeAndCommit(events, output);
    byte[] first = Files.readAllBytes(output);
    writeAndCommit(events, output);
    assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(output));
  }

  @Test
  void aStagedFileThatIsNotCommittedLeavesThePreviousFileIntact() throws IOException {
    Path output = dir.resolve("events.csv");
    Files.writeString(output, "previous run\n");
    try (SingleCsvFile file = ConsolidatedCsv.stage(events, output.toString())) {
      assertEquals(2, file.rows());
    }
    assertEquals("previous run\n", Files.readString(output));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(output), left.toList(), "the staged file is discarded");
    }
  }

  @Test
  void aFailedWriteLeavesThePreviousFileIntact() throws IOException {
    Path output = dir.resolve("events.csv");
    Files.writeString(output, "previous run\n");
    Dataset<Row> failing = events.withColumn("artist", functions.assert_true(functions.lit(false)).cast("string"));
    SparkifyException e = assertThrows(SparkifyException.class, () -> ConsolidatedCsv.stage(failing, output.toString()));
    assertEquals(ExitStatus.WRITE_FAILED, e.status());
    assertEquals("previous run\n", Files.readString(output));
  }
}
