package com.sparkify.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;


import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
  private static final int MAX = 1000;

  @Test
  void readsRecordsWithTheirLineAndRawText() throws IOException {
    List<CsvRecord> records = readAll("a,b,c\nd,e,f\n");
    assertEquals(2, records.size());
    assertGood(records.get(0), 1, "a,b,c", "a", "b", "c");
    assertGood(records.get(1), 2, "d,e,f", "d", "e", "f");
  }

  @Test
  void aDoubledQuoteInsideQuotesIsOneQuote() throws IOException {
    List<CsvRecord> records = readAll("\"Weird Al\"\" Yankovic\",\"\"\"\",\"a\"\"\"\"b\"\n");
    assertGood(
        records.get(0),
        1,
        "\"Weird Al\"\" Yankovic\",\"\"\"\",\"a\"\"\"\"b\"",
        "Weird Al\" Yankovic",
        "\"",
        "a\"\"b");
  }

  @Test
  void commasInsideQuotesAreText() throws IOException {
    List<CsvRecord> records = readAll("x,\"Phoenix-Mesa-Scottsdale, AZ\",\",\"\n");
    assertGood(records.get(0), 1, "x,\"Phoenix-Mesa-Scottsdale, AZ\",\",\"", "x", "Phoenix-Mesa-Scottsdale, AZ", ",");
  }

  @Test
  void aQuotedLineFeedIsKeptWholeAndLaterLinesKeepTheirNumbers() throws IOException {
    List<CsvRecord> records = readAll("a,\"one\ntwo\n\nthree\",b\nnext\n");
    assertEquals(2, records.size());
    assertGood(records.get(0), 1, "a,\"one\ntwo\n\nthree\",b", "a", "one\ntwo\n\nthree", "b");
    assertGood(records.get(1), 5, "next", "next");
  }

  @Test
  void aQuotedCrlfIsKeptAsIsWhileTheTerminatingCrlfIsStripped() throws IOException {
    List<CsvRecord> records = readAll("a,\"one\r\ntwo\"\r\nnext,\"x\r\"\r\n");
    assertEquals(2, records.size());
    assertGood(records.get(0), 1, "a,\"one\r\ntwo\"", "a", "one\r\ntwo");
    assertGood(records.get(1), 3, "next,\"x\r\"", "next", "x\r");
  }

  @Test
  void crlfLineEndsAreNotPartOfTheLastField() throws IOException {
    List<CsvRecord> records = readAll("a,b\r\nc,\r\n\"d\"\r\n");
    assertEquals(3, records.size());
    assertGood(records.get(0), 1, "a,b", "a", "b");
    assertGood(records.get(1), 2, "c,", "c", null);
    assertGood(records.get(2), 3, "\"d\"", "d");
  }

  @Test
  void aCrNotBeforeALineFeedIsText() throws IOException {
    List<CsvRecord> records = readAll("a\rb,c\n");
    assertGood(records.get(0), 1, "a\rb,c", "a\rb", "c");
  }

  @Test
  void blankLinesAreSkippedButCounted() throws IOException {
    List<CsvRecord> records = readAll("\na\n\r\n\nb\n\n\r\n");
    assertEquals(2, records.size());
    assertGood(records.get(0), 2, "a", "a");
    assertGood(records.get(1), 5, "b", "b");
  }

  @Test
  void anEmptyFieldIsNullAndAQuotedEmptyFieldIsEmpty() throws IOException {
    List<CsvRecord> records = readAll(",\"\",x,\n\"\"\n");
    assertGood(records.get(0), 1, ",\"\",x,", null, "", "x", null);
    assertGood(records.get(1), 2, "\"\"", "");
  }

  @Test
  void spacesAreKept() throws IOException {
    List<CsvRecord> records = readAll(" a , \" b \" \n");
    assertEquals(RejectReason.BAD_QUOTE, records.get(0).problem()); // a quote after a space is inside the field
    records = readAll(" a ,\" b \",\t\n");
    assertGood(records.get(0), 1, " a ,\" b \",\t", " a ", " b ", "\t");
  }

  @Test
  void aLastLineWithoutTerminatorIsARecord() throws IOException {
    List<CsvRecord> records = readAll("a\nb,c");
    assertEquals(2, records.size());
    assertGood(records.get(1), 2, "b,c", "b", "c");
    assertGood(readAll("a\r\nb\r").get(1), 2, "b", "b");
    assertGood(readAll("a\n\"b\"").get(1), 2, "\"b\"", "b");
    assertGood(readAll("a\nb,").get(1), 2, "b,", "b", null);
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    assertEquals(List.of(), readAll(""));
    assertEquals(List.of(), readAll("\n\r\n\r"));
  }

  @Test
  void fieldCountsArePreserved() throws IOException {
    String sixteen = String.join(",", Collections.nCopies(16, "f"));
    String eighteen = String.join(",", Collections.nCopies(18, ""));
    List<CsvRecord> records = readAll(sixteen + "\n" + eighteen + "\n");
    assertEquals(16, records.get(0).fields().length);
    assertEquals(18, records.get(1).fields().length);
    assertArrayEquals(new String[18], records.get(1).fields());
  }

  @Test
  void aLeadingByteOrderMarkStaysInTheFirstField() throws IOException {
    List<CsvRecord> records = readAll("\uFEFFartist,auth\n\uFEFFx\n");
    assertGood(records.get(0), 1, "\uFEFFartist,auth", "\uFEFFartist", "auth");
    assertGood(records.get(1), 2, "\uFEFFx", "\uFEFFx"); // only the very first char is special
  }

  @Test
  void aLeadingByteOrderMarkBeforeAQuotedFirstFieldIsNoBadQuote() throws IOException {
    List<CsvRecord> records = readAll("\uFEFF\"artist\",auth\n");
    assertGood(records.get(0), 1, "\uFEFF\"artist\",auth", "\uFEFFartist", "auth");
    assertGood(readAll("\uFEFF,auth\n").get(0), 1, "\uFEFF,auth", "\uFEFF", "auth");
  }

  @Test
  void aQuoteInsideAnUnquotedFieldRejectsTheRestOfTheLine() throws IOException {
    List<CsvRecord> records = readAll("ok\nLee \"Scratch\" Perry,\"x\ny\n\"next\"\n");
    assertEquals(4, records.size());
    assertGood(records.get(0), 1, "ok", "ok");
    assertRejected(records.get(1), 2, "Lee \"Scratch\" Perry,\"x", RejectReason.BAD_QUOTE);
    assertGood(records.get(2), 3, "y", "y");
    assertGood(records.get(3), 4, "\"next\"", "next");
  }

  @Test
  void textAfterAClosingQuoteRejectsTheRestOfTheLine() throws IOException {
    List<CsvRecord> records = readAll("\"Lee \"Scratch\" Perry\",a\r\nnext\r\n");
    assertEquals(2, records.size());
    assertRejected(records.get(0), 1, "\"Lee \"Scratch\" Perry\",a", RejectReason.BAD_QUOTE);
    assertGood(records.get(1), 2, "next", "next");
  }

  @Test
  void textAfterAClosingQuoteOnALaterLineRejectsOnlyTheFirstLine() throws IOException {
    List<CsvRecord> records = readAll("a,\"stray\nb,c\nd,Lee \"Scratch\" Perry\ne\n");
    assertEquals(4, records.size());
    assertRejected(records.get(0), 1, "a,\"stray", RejectReason.BAD_QUOTE);
    assertGood(records.get(1), 2, "b,c", "b", "c");
    assertRejected(records.get(2), 3, "d,Lee \"Scratch\" Perry", RejectReason.BAD_QUOTE);
    assertGood(records.get(3), 4, "e", "e");
  }

  @Test
  void aQuoteNeverClosedRejectsOnlyItsLineAndReadingResumesAfterIt() throws IOException {
    List<CsvRecord> records = readAll("h\r\n\"abc,d\r\ne,f\r\n\r\n\"g\",h\r\n");
    assertEquals(4, records.size());
    assertGood(records.get(0), 1, "h", "h");
    assertRejected(records.get(1), 2, "\"abc,d", RejectReason.BAD_QUOTE);
    assertGood(records.get(2), 3, "e,f", "e", "f");
    assertGood(records.get(3), 5, "\"g\",h", "g", "h");
  }

  @Test
  void aQuoteNeverClosedOnTheLastLineIsRejected() throws IOException {
    List<CsvRecord> records = readAll("a\nb,\"c");
    assertEquals(2, records.size());
    assertRejected(records.get(1), 2, "b,\"c", RejectReason.BAD_QUOTE);
  }

  @Test
  void aStrayQuoteOnTheNextLineToo() throws IOException {
    List<CsvRecord> records = readAll("\"a\n\"b\nc\n");
    assertEquals(3, records.size());
    assertRejected(records.get(0), 1, "\"a", RejectReason.BAD_QUOTE);
    assertRejected(records.get(1), 2, "\"b", RejectReason.BAD_QUOTE);
    assertGood(records.get(2), 3, "c", "c");
  }

  @Test
  void aQuotedRecordLongerThanTheLimitRejectsOnlyItsFirstLine() throws IOException {
    String line = "0123456789";
    String text = "x,\"stray\n" + (line + "\n").repeat(5) + "\"closed\"\n";
    List<CsvRecord> records = readAll(text, 30);
    assertEquals(7, records.size());
    assertRejected(records.get(0), 1, "x,\"stray", RejectReason.BAD_QUOTE);
    for (int i = 1; i <= 5; i++) {
      assertGood(records.get(i), i + 1, line, line);
    }
    assertGood(records.get(6), 7, "\"closed\"", "closed");
  }

  @Test
  void aRecordOfExactlyTheLimitIsAccepted() throws IOException {
    String text = "\"ab\ncd\",e"; // 9 chars
    assertGood(readAll(text + "\n", 9).get(0), 1, text, "ab\ncd", "e");
    assertRejected(readAll(text + "\n", 8).get(0), 1, "\"ab", RejectReason.BAD_QUOTE);
  }

  @Test
  void aLineLongerThanTheLimitIsRejectedCutShort() throws IOException {
    List<CsvRecord> records = readAll("a,bcdefghij\n\"klmnopqrstuv\nnext\n", 5);
    assertEquals(3, records.size());
    assertRejected(records.get(0), 1, "a,bcd", RejectReason.TOO_LONG);
    assertRejected(records.get(1), 2, "\"klmn", RejectReason.BAD_QUOTE);
    assertGood(records.get(2), 3, "next", "next");
  }

  @Test
  void theLimitMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new CsvRecordReader(new StringReader(""), 0));
  }

  @Test
  void readsTheSameOneCharAtATime() throws IOException {
    String text =
        "\uFEFF\"h\",i\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\nx\"y\n\"stray\ne,f\n\"g\"h\n\"\"\"\"\n\"unclosed\nlast";
    List<String> expected = describe(readAll(new StringReader(text), 20));
    assertEquals(expected, describe(readAll(new OneCharReader(text), 20)));
    assertEquals(
        List.of(
            "1 [\uFEFFh, i] null",
            "2 [a\"b, c\r\nd] null",
            "5 null BAD_QUOTE x\"y",
            "6 null BAD_QUOTE \"stray",
            "7 [e, f] null",
            "8 null BAD_QUOTE \"g\"h",
            "9 [\"] null",
            "10 null BAD_QUOTE \"unclosed",
            "11 [last] null"),
        expected);
  }

  private static void assertGood(CsvRecord record, long line, String raw, String... fields) {
    assertNull(record.problem(), () -> "problem in " + record.raw());
    assertEquals(line, record.line(), "line");
    assertEquals(raw, record.raw(), "raw");
    assertArrayEquals(fields, record.fields(), "fields");
  }

  private static void assertRejected(CsvRecord record, long line, String raw, RejectReason problem) {
    assertEquals(problem, record.problem(), "problem");
    assertEquals(line, record.line(), "line");
    assertEquals(raw, record.raw(), "raw");
    assertNull(record.fields(), "fields");
  }

  private static List<String> describe(List<CsvRecord> records) {
    List<String> descriptions = new ArrayList<>();
    for (CsvRecord record : records) {
      String fields = record.fields() == null ? "null" : Arrays.toString(record.fields());
      String raw = record.problem() == null ? "" : " " + record.raw();
      descriptions.add(record.line() + " " + fields + " " + record.problem() + raw);
    }
    return descriptions;
  }

  private static List<CsvRecord> readAll(String text) throws IOException {
    return readAll(text, MAX);
  }

  private static List<CsvRecord> readAll(String text, int maxRecordChars) throws IOException {
    return readAll(new StringReader(text), maxRecordChars);
  }

  private static List<CsvRecord> readAll(Reader in, int maxRecordChars) throws IOException {
    List<CsvRecord> records = new ArrayList<>();
    try (CsvRecordReader reader = new CsvRecordReader(in, maxRecordChars)) {
      for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
        records.add(record);
      }
      assertNull(reader.next(), "the end of the input stays the end");
    }
    return records;
  }

  /** Hands out one char per read, so every char sits at a buffer boundary. */
  private static final class OneCharReader extends Reader {
    private final String text;
    private int next;

    OneCharReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] target, int offset, int length) {
      if (next == text.length()) {
        return -1;
      }
      target[offset] = text.charAt(next++);
      return 1;
    }

    @Override
    public void close() {}
  }
}
