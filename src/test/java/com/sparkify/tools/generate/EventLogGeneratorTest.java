package com.sparkify.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.pipeline.tables.EventColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogGeneratorTest {

  private static final int ARTIST = 0, AUTH = 1, FIRST_NAME = 2, GENDER = 3, ITEM = 4, LAST_NAME = 5,
      LENGTH = 6, LOCATION = 8, METHOD = 9, PAGE = 10, REGISTRATION = 11, SESSION = 12, SONG = 13,
      STATUS = 14, TS = 15, USER_ID = 16;
  private static final long DAY_MS = 86_400_000L;
  // A six-significant-digit rendering is off by at most half of 1e7 ms.
  private static final long SCIENTIFIC_TOLERANCE_MS = 5_000_000L;
  private static final Pattern SCIENTIFIC = Pattern.compile("[1-9](\\.\\d{0,4}[1-9])?E\\+12");
  private static final Pattern EXACT_MILLIS = Pattern.compile("\\d{13}");
  private static final Pattern LENGTH_FORMAT = Pattern.compile("\\d+(\\.\\d{0,4}[1-9])?");
  private static final LocalDate NOVEMBER_2018 = LocalDate.of(2018, 11, 1);
  private static final long ROWS = 5000;
  private static final int DAYS = 7;

  @TempDir
  static Path tmp;

  private static Path sample;
  private static EventLogGenerator.Summary summary;
  private static List<Row> rows;

  private record Row(LocalDate day, String raw, List<String> fields) {
    String get(int column) {
      return fields.get(column);
    }

    boolean isSong() {
      return get(PAGE).equals("NextSong");
    }
  }

  @BeforeAll
  static void generateSample() throws IOException {
    sample = tmp.resolve("sample");
    summary = new EventLogGenerator(42, NOVEMBER_2018).generate(sample, ROWS, DAYS);
    rows = read(sample);
  }

  @Test
  void writesOneHeadedUtf8FilePerDayAndExactlyTheRequestedRows() throws IOException {
    List<String> expectedNames = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      expectedNames.add(NOVEMBER_2018.plusDays(day) + "-events.csv");
    }
    assertEquals(expectedNames, fileNames(sample));
    for (Path file : files(sample)) {
      String content = Files.readString(file);
      assertTrue(content.startsWith(EventColumns.HEADER + "\n"), file + " starts with the header");
      assertTrue(content.endsWith("\n"), file + " ends with a newline");
      assertFalse(content.contains("\r"), file + " uses \\n line endings");
    }
    assertEquals(ROWS, rows.size());
    assertEquals(new EventLogGenerator.Summary(DAYS, ROWS, rows.stream().filter(Row::isSong).count()), summary);
  }

  @Test
  void sameArgumentsGiveIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    Path again = tmp.resolve("again");
    Path otherSeed = tmp.resolve("other-seed");
    new EventLogGenerator(42, NOVEMBER_2018).generate(again, ROWS, DAYS);
    new EventLogGenerator(43, NOVEMBER_2018).generate(otherSeed, ROWS, DAYS);

    boolean anyDifference = false;
    for (String name : fileNames(sample)) {
      assertEquals(-1, Files.mismatch(sample.resolve(name), again.resolve(name)), name);
      anyDifference |= Files.mismatch(sample.resolve(name), otherSeed.resolve(name)) != -1;
    }
    assertTrue(anyDifference);
  }

  @Test
  void quotingIsMinimalRfc4180AndEveryRowHasAllColumns() {
    for (Row row : rows) {
      assertEquals(17, row.fields().size(), row.raw());
      assertEquals(row.raw(), encode(row.fields()));
    }
  }

  @Test
  void everyTraitOfTheRealLogsIsPresent() {
    assertRealLogTraits(rows);
  }

  @Test
  void everyTraitIsPresentForOtherSeedsToo() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      Path dir = tmp.resolve("seed-" + seed);
      new EventLogGenerator(seed, NOVEMBER_2018).generate(dir, 3000, 10);
      assertRealLogTraits(read(dir));
    }
  }

  @Test
  void aboutAThirdOfTimestampsAreInScientificNotation() {
    long scientific = rows.stream().filter(row -> SCIENTIFIC.matcher(row.get(TS)).matches()).count();
    double share = (double) scientific / rows.size();
    assertTrue(share > 0.25 && share < 0.35, "scientific share " + share);
  }

  @Test
  void pageViewsHaveNoSongAndSongPlaysHaveAllOfIt() {
    for (Row row : rows) {
      if (row.isSong()) {
        assertFalse(row.get(ARTIST).isEmpty() || row.get(SONG).isEmpty(), row.raw());
        assertTrue(LENGTH_FORMAT.matcher(row.get(LENGTH)).matches(), row.raw());
        assertEquals("PUT", row.get(METHOD), row.raw());
        assertEquals("200", row.get(STATUS), row.raw());
      } else {
        assertEquals("", row.get(ARTIST) + row.get(SONG) + row.get(LENGTH), row.raw());
      }
    }
  }

  @Test
  void loggedOutVisitorsAreAnonymousAndNeverPlaySongs() {
    for (Row row : rows) {
      if (row.get(AUTH).equals("Logged In")) {
        assertTrue(row.get(USER_ID).matches("\\d+"), row.raw());
        assertFalse(row.get(FIRST_NAME).isEmpty() || row.get(REGISTRATION).isEmpty(), row.raw());
      } else {
        assertTrue(row.get(AUTH).equals("Logged Out") || row.get(AUTH).equals("Guest"), row.raw());
        assertFalse(row.isSong(), row.raw());
        assertEquals("", row.get(USER_ID) + row.get(FIRST_NAME) + row.get(LAST_NAME) + row.get(GENDER)
            + row.get(REGISTRATION) + row.get(LOCATION), row.raw());
      }
    }
    assertTrue(rows.stream().anyMatch(row -> row.get(AUTH).equals("Logged Out")));
    assertTrue(rows.stream().anyMatch(row -> row.get(AUTH).equals("Guest")));
  }

  @Test
  void itemInSessionCountsUpFromZeroForOneVisitorPerSession() {
    Map<String, Integer> nextItem = new HashMap<>();
    Map<String, String> visitor = new HashMap<>();
    for (Row row : rows) {
      String session = row.get(SESSION);
      int expected = nextItem.getOrDefault(session, 0);
      assertEquals(expected, Integer.parseInt(row.get(ITEM)), row.raw());
      nextItem.put(session, expected + 1);
      String who = row.get(AUTH) + "/" + row.get(USER_ID);
      assertEquals(visitor.computeIfAbsent(session, s -> who), who, row.raw());
    }
    assertTrue(nextItem.values().stream().allMatch(items -> items <= 100));
    assertTrue(nextItem.size() > ROWS / 100, "sessions " + nextItem.size());
  }

  @Test
  void aboutEightyFivePercentOfRowsAreSongPlays() {
    double share = (double) rows.stream().filter(Row::isSong).count() / rows.size();
    assertTrue(share > 0.80 && share < 0.90, "song share " + share);
  }

  @Test
  void timestampsFallInTheirFilesDayInOrder() {
    assertTimestampsWithinDays(rows);
  }

  @Test
  void startDateNamesTheFilesAndBoundsTheTimestamps() throws IOException {
    Path dir = tmp.resolve("leap");
    new EventLogGenerator(7, LocalDate.of(2020, 2, 28)).generate(dir, 2000, 3);
    assertEquals(List.of("2020-02-28-events.csv", "2020-02-29-events.csv", "2020-03-01-events.csv"),
        fileNames(dir));
    assertTimestampsWithinDays(read(dir));
  }

  @Test
  void zeroRowsStillWritesEveryDaysHeader() throws IOException {
    Path dir = tmp.resolve("empty");
    EventLogGenerator.Summary written = new EventLogGenerator(1, NOVEMBER_2018).generate(dir, 0, 2);
    assertEquals(new EventLogGenerator.Summary(2, 0, 0), written);
    for (Path file : files(dir)) {
      assertEquals(EventColumns.HEADER + "\n", Files.readString(file));
    }
  }

  @Test
  void rejectsNegativeRowsNonPositiveDaysAndAncientStarts() {
    EventLogGenerator generator = new EventLogGenerator(1, NOVEMBER_2018);
    assertThrows(IllegalArgumentException.class, () -> generator.generate(tmp.resolve("bad"), -1, 1));
    assertThrows(IllegalArgumentException.class, () -> generator.generate(tmp.resolve("bad"), 10, 0));
    EventLogGenerator before2000 = new EventLogGenerator(1, LocalDate.of(1999, 12, 31));
    assertThrows(IllegalArgumentException.class, () -> before2000.generate(tmp.resolve("bad"), 10, 1));
    assertFalse(Files.exists(tmp.resolve("bad")));
  }

  @Test
  void scientificNotationMatchesSpreadsheets() {
    assertEquals("1.54092E+12", scientific(1_540_920_000_000L));
    assertEquals("1.54111E+12", scientific(1_541_106_352_796L));
    assertEquals("1.54E+12", scientific(1_540_004_999_999L));
    assertEquals("1.54001E+12", scientific(1_540_005_000_000L));
    assertEquals("2E+12", scientific(2_000_000_000_000L));
    assertEquals("1E+13", scientific(9_999_995_000_000L));
    assertEquals("1.23457E+06", scientific(1_234_567L));
  }

  @Test
  void decimalsKeepUpToFiveDigitsWithoutTrailingZeros() {
    assertEquals("246.30812", decimal(246, 30_812));
    assertEquals("218.442", decimal(218, 44_200));
    assertEquals("5.005", decimal(5, 500));
    assertEquals("7", decimal(7, 0));
  }

  private static void assertRealLogTraits(List<Row> rows) {
    List<Row> songs = rows.stream().filter(Row::isSong).toList();
    assertTrue(songs.stream().anyMatch(row -> row.get(ARTIST).contains("\"")), "artist with a quote");
    assertTrue(songs.stream().anyMatch(row -> row.get(ARTIST).contains(",")), "artist with a comma");
    assertTrue(songs.stream().anyMatch(row -> !isAscii(row.get(ARTIST))), "non-ASCII artist");
    assertTrue(songs.stream().anyMatch(row -> row.get(SONG).contains("\"")), "song with a quote");
    assertTrue(songs.stream().anyMatch(row -> row.get(SONG).contains(",")), "song with a comma");
    assertTrue(songs.stream().anyMatch(row -> !isAscii(row.get(SONG))), "non-ASCII song");
    assertTrue(songs.stream().anyMatch(row -> row.get(LENGTH).matches("\\d+\\.\\d{5}")), "5-decimal length");
    assertTrue(rows.stream().anyMatch(row -> row.get(LOCATION).contains(",")), "location with a comma");
    assertTrue(rows.stream().anyMatch(row -> row.raw().contains("\"\"")), "doubled quote in the raw text");
    assertTrue(rows.stream().anyMatch(row -> row.get(USER_ID).isEmpty()), "empty userId");
    for (int column : new int[] {REGISTRATION, TS}) {
      assertTrue(rows.stream().anyMatch(matches(column, SCIENTIFIC)), "scientific column " + column);
      assertTrue(rows.stream().anyMatch(matches(column, EXACT_MILLIS)), "exact column " + column);
      assertTrue(rows.stream().allMatch(matches(column, SCIENTIFIC).or(matches(column, EXACT_MILLIS))
          .or(row -> row.get(column).isEmpty())), "well-formed column " + column);
    }
  }

  private static void assertTimestampsWithinDays(List<Row> rows) {
    long previous = Long.MIN_VALUE;
    LocalDate previousDay = null;
    for (Row row : rows) {
      long dayStart = row.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      String ts = row.get(TS);
      if (EXACT_MILLIS.matcher(ts).matches()) {
        long millis = Long.parseLong(ts);
        assertTrue(millis >= dayStart && millis < dayStart + DAY_MS, row.raw());
        assertTrue(!row.day().equals(previousDay) || millis >= previous, "ordered by ts: " + row.raw());
        previous = millis;
        previousDay = row.day();
      } else {
        double approximate = Double.parseDouble(ts);
        assertTrue(approximate >= dayStart - SCIENTIFIC_TOLERANCE_MS
            && approximate < dayStart + DAY_MS + SCIENTIFIC_TOLERANCE_MS, row.raw());
      }
    }
  }

  private static Predicate<Row> matches(int column, Pattern pattern) {
    return row -> pattern.matcher(row.get(column)).matches();
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 128);
  }

  private static String scientific(long value) {
    StringBuilder sb = new StringBuilder();
    EventLogGenerator.appendScientific(sb, value);
    return sb.toString();
  }

  private static String decimal(long whole, long hundredThousandths) {
    StringBuilder sb = new StringBuilder();
    EventLogGenerator.appendDecimal(sb, whole, hundredThousandths);
    return sb.toString();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.sorted().toList();
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    return files(dir).stream().map(file -> file.getFileName().toString()).toList();
  }

  /** Data rows of all files in day order; no generated field holds a line break, so lines are rows. */
  private static List<Row> read(Path dir) throws IOException {
    List<Row> result = new ArrayList<>();
    for (Path file : files(dir)) {
      LocalDate day = LocalDate.parse(file.getFileName().toString().substring(0, 10));
      String content = Files.readString(file);
      String[] lines = content.substring(0, content.length() - 1).split("\n", -1);
      for (int i = 1; i < lines.length; i++) {
        result.add(new Row(day, lines[i], split(lines[i])));
      }
    }
    return result;
  }

  /** RFC 4180 field splitting for one line. */
  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** The inverse of {@link #split}, quoting only fields that need it. */
  private static String encode(List<String> fields) {
    List<String> encoded = new ArrayList<>();
    for (String field : fields) {
      boolean needsQuotes = field.contains(",") || field.contains("\"") || field.contains("\n");
      encoded.add(needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field);
    }
    return String.join(",", encoded);
  }
}
