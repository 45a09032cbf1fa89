package com.sparkify.pipeline.read;


import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of RFC 4180 text (comma, double quote, {@code ""} for a quote inside quotes, line
 * breaks allowed inside quotes, records ending at LF or CRLF) so that every record can be accounted for:
 * each carries its starting line and original text, and a malformed one comes back as a reject instead of
 * being guessed at. Blank lines are skipped but counted.
 *
 * <p>A malformed record on one physical line is rejected with the rest of that line. A malformed record
 * spanning lines (a quote never closed, closed too late, or followed by text) is taken for a stray quote:
 * only its first line is rejected and the text read after that line is parsed again. Memory stays bounded
 * by {@code maxRecordChars}: a record growing past it is malformed, and a reject's text is cut short there.
 */
public final class CsvRecordReader implements Closeable {
  private static final int BUFFER_CHARS = 64 * 1024;
  private static final int END_OF_INPUT = -1;
  private static final char BOM = '\uFEFF';

  // where the parser stands within the current field
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int AFTER_QUOTE = 3;

  private final Reader in;
  private final int maxRecordChars;
  private final StringBuilder raw = new StringBuilder();
  private final List<String> fields = new ArrayList<>();
  private char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;
  private long line = 1;
  private boolean startOfInput = true;

  public CsvRecordReader(Reader in, int maxRecordChars) {
    if (maxRecordChars < 1) {
      throw new IllegalArgumentException("maxRecordChars must be positive: " + maxRecordChars);
    }
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /** The next record, or null at the end of the input. Never throws for malformed text, only for I/O errors. */
  public CsvRecord next() throws IOException {
    raw.setLength(0);
    fields.clear();
    long start = line;
    boolean bom = startOfInput && startsWithBom();
    startOfInput = false;
    int state = FIELD_START;
    int fieldStart = raw.length();
    boolean escaped = false;
    while (true) {
      if (raw.length() > maxRecordChars) {
        return malformed(start, state == QUOTED ? RejectReason.BAD_QUOTE : RejectReason.TOO_LONG);
      }
      int c = read();
      if (c == END_OF_INPUT) {
        if (state == QUOTED) {
          return malformed(start, RejectReason.BAD_QUOTE);
        }
        if (state == FIELD_START && raw.length() == 0) {
          return null;
        }
        endField(state, fieldStart, escaped);
        return record(start, bom);
      }
      if (state == QUOTED) {
        raw.append((char) c);
        if (c == '"') {
          if (peek() == '"') {
            raw.append((char) read());
            escaped = true;
          } else {
            state = AFTER_QUOTE;
          }
        } else if (c == '\n') {
          line++;
        } else {
          appendPlainRun(true);
        }
        continue;
      }
      if (c == '\r' && isLineEnd(peek())) {
        continue; // the CR of a CRLF belongs to the line terminator, not to the last field
      }
      if (c == '\n') {
        line++;
        if (state == FIELD_START && raw.length() == 0) {
          start = line; // a blank line
          continue;
        }
        endField(state, fieldStart, escaped);
        return record(start, bom);
      }
      if (c == ',') {
        endField(state, fieldStart, escaped);
        raw.append(',');
        fieldStart = raw.length();
        state = FIELD_START;
        continue;
      }
      if (state == AFTER_QUOTE || (c == '"' && state == UNQUOTED)) {
        raw.append((char) c);
        return malformed(start, RejectReason.BAD_QUOTE);
      }
      if (c == '"') {
        fieldStart = raw.length();
        escaped = false;
        state = QUOTED;
      } else {
        state = UNQUOTED;
      }
      raw.append((char) c);
      appendPlainRun(state == QUOTED);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Consumes a leading U+FEFF into the raw text; the caller, who knows it is a header, strips it. */
  private boolean startsWithBom() throws IOException {
    if (peek() != BOM) {
      return false;
    }
    raw.append((char) read());
    return true;
  }

  private void endField(int state, int fieldStart, boolean escaped) {
    if (state == FIELD_START) {
      fields.add(null);
    } else if (state == UNQUOTED) {
      fields.add(raw.substring(fieldStart));
    } else {
      String value = raw.substring(fieldStart + 1, raw.length() - 1);
      fields.add(escaped ? value.replace("\"\"", "\"") : value);
    }
  }

  private CsvRecord record(long start, boolean bom) {
    if (bom) {
      String first = fields.get(0);
      fields.set(0, first == null ? String.valueOf(BOM) : BOM + first);
    }
    return new CsvRecord(start, fields.toArray(new String[0]), raw.toString(), null);
  }

  /**
   * A single-line reject takes the rest of its line along. A record spanning lines only got there through
   * a quote, most likely a stray one: only its first line is rejected, so that one stray quote cannot
   * swallow the good lines after it.
   */
  private CsvRecord malformed(long start, RejectReason problem) throws IOException {
    int firstBreak = raw.indexOf("\n");
    if (firstBreak >= 0) {
      return rejectFirstLine(start, firstBreak);
    }
    skipRestOfLine();
    return reject(start, problem);
  }

  /** Rejects the record's first line and puts the text read after it back, to be parsed again. */
  private CsvRecord rejectFirstLine(long start, int firstBreak) {
    unread(raw.substring(firstBreak + 1));
    line = start + 1;
    boolean crlf = firstBreak > 0 && raw.charAt(firstBreak - 1) == '\r';
    raw.setLength(crlf ? firstBreak - 1 : firstBreak);
    return reject(start, RejectReason.BAD_QUOTE);
  }

  private CsvRecord reject(long start, RejectReason problem) {
    String text = raw.length() > maxRecordChars ? raw.substring(0, maxRecordChars) : raw.toString();
    return new CsvRecord(start, null, text, problem);
  }

  /** Consumes up to and including the next LF, keeping what fits in the raw text. */
  private void skipRestOfLine() throws IOException {
    for (int c = read(); c != END_OF_INPUT; c = read()) {
      if (c == '\n') {
        line++;
        return;
      }
      if (raw.length() < maxRecordChars && !(c == '\r' && isLineEnd(peek()))) {
        raw.append((char) c);
      }
    }
  }

  /**
   * Copies the buffered chars up to the next one that matters straight into the raw text: most of a
   * record is plain text, and one bulk copy is much cheaper than a char-by-char trip through the parser.
   * The copy stops one char past maxRecordChars, so the caller still sees an overflow.
   */
  private void appendPlainRun(boolean quoted) {
    int from = position;
    int end = from + (int) Math.min(limit - from, maxRecordChars + 1L - raw.length());
    while (position < end && isPlain(buffer[position], quoted)) {
      position++;
    }
    raw.append(buffer, from, position - from);
  }

  private static boolean isPlain(char c, boolean quoted) {
    return quoted ? c != '"' && c != '\n' : c != ',' && c != '"' && c != '\n' && c != '\r';
  }

  /** A CR right before LF or the end of the input ends a line, so a CRLF file's last field has no CR. */
  private static boolean isLineEnd(int next) {
    return next == '\n' || next == END_OF_INPUT;
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return END_OF_INPUT;
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return END_OF_INPUT;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int count;
    do {
      count = in.read(buffer, 0, buffer.length);
    } while (count == 0);
    if (count < 0) {
      return false;
    }
    position = 0;
    limit = count;
    return true;
  }

  /** Puts text back in front of the unread input; it is shorter than one record, so memory stays bounded. */
  private void unread(String text) {
    int length = text.length();
    if (length <= position) {
      position -= length;
    } else {
      int rest = limit - position;
      char[] grown = new char[Math.max(BUFFER_CHARS, length + rest)];
      System.arraycopy(buffer, position, grown, length, rest);
      buffer = grown;
      position = 0;
      limit = length + rest;
    }
    text.getChars(0, length, buffer, position);
  }
}
