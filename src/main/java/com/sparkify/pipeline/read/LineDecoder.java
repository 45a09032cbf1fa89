package com.sparkify.pipeline.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Decodes a log line by line: a line that is valid UTF-8 is UTF-8, one that is not is decoded with the fallback
 * charset (a day file saved by a spreadsheet is Windows-1252), and one that neither decodes is marked
 * {@link Decoding#UNDECODABLE} (its text, with U+FFFD where the bytes were, is only fit for the rejects file). The
 * lines that were not UTF-8 are remembered by number until {@link #take} hands them to the record they belong to.
 *
 * <p>Lines end at LF bytes, which both charsets write as ASCII does. A line longer than the buffer is decided
 * piece by piece: it is far past any record the reader accepts.
 */
final class LineDecoder extends Reader {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** How a line, or the lines of a record, were decoded; later constants are worse. */
  enum Decoding {
    UTF_8,
    FALLBACK,
    UNDECODABLE
  }

  private final InputStream in;
  private final CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
  private final CharsetDecoder fallback;
  private final CharsetDecoder replacing = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final byte[] bytes = new byte[BUFFER_BYTES];
  private final CharBuffer chars;
  private int start;
  private int end;
  private boolean endOfInput;
  /** The line number of bytes[start]. */
  private long line = 1;
  /** {line, Decoding ordinal} of each line not decoded as UTF-8 that no record has taken yet. */
  private final ArrayDeque<long[]> marks = new ArrayDeque<>();

  /** @param fallback for lines that are not UTF-8; empty: such lines are undecodable */
  LineDecoder(InputStream in, Optional<Charset> fallback) {
    this.in = in;
    this.fallback = fallback.map(LineDecoder::strict).orElse(null);
    float charsPerByte = Math.max(1, this.fallback == null ? 1 : this.fallback.maxCharsPerByte());
    chars = CharBuffer.allocate((int) Math.ceil(BUFFER_BYTES * charsPerByte)).flip();
  }

  /**
   * How the lines up to and including {@code lastLine} were decoded, the worst of them; they are forgotten
   * then, so memory holds only the lines decoded ahead of the reader.
   */
  Decoding take(long lastLine) {
    Decoding worst = Decoding.UTF_8;
    while (!marks.isEmpty() && marks.peekFirst()[0] <= lastLine) {
      Decoding decoding = Decoding.values()[(int) marks.pollFirst()[1]];
      worst = decoding.compareTo(worst) > 0 ? decoding : worst;
    }
    return worst;
  }

  /** Whether a line not yet taken was not UTF-8: when none was, a record need not know its last line. */
  boolean anyMarked() {
    return !marks.isEmpty();
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !decodeMore()) {
      return -1;
    }
    int count = Math.min(length, chars.remaining());
    chars.get(buffer, offset, count);
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Decodes the complete lines in the buffer, reading more bytes until there is one; false at the end. */
  private boolean decodeMore() throws IOException {
    while (true) {
      int lastBreak = lastBreak(start, end);
      if (lastBreak >= start) {
        decode(lastBreak + 1, true);
        return true;
      }
      if (endOfInput) {
        if (start == end) {
          return false;
        }
        decode(end, true);
        return true;
      }
      if (start == 0 && end == bytes.length) {
        decode(end, false); // a piece of a line longer than the buffer
        return true;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(bytes, start, bytes, 0, end - start);
      end -= start;
      start = 0;
    }
    int count = in.read(bytes, end, bytes.length - end);
    if (count < 0) {
      endOfInput = true;
    } else {
      end += count;
    }
  }

  /**
   * Decodes bytes[start, to) into chars: as UTF-8 in one go when it all is (the common case), else the lines
   * that are not one by one with the fallback.
   *
   * @param complete whether to ends a line or the input; a piece of a long line may end inside a character,
   *     whose first bytes are then left for the next piece
   */
  private void decode(int to, boolean complete) {
    ByteBuffer input = ByteBuffer.wrap(bytes, start, to - start);
    chars.clear();
    // lines are counted only as far as a line that is not UTF-8 needs its number
    int countedTo = start;
    long countedLine = line;
    while (input.hasRemaining()) {
      int from = input.position();
      utf8.reset();
      CoderResult result = utf8.decode(input, chars, complete);
      if (!result.isError()) {
        break;
      }
      int error = input.position();
      int lineStart = lastBreak(from, error) + 1;
      int lineEnd = nextBreak(error, to);
      // the line's valid beginning was decoded already: take it back, the whole line is decoded again
      chars.position(chars.position() - utf16Length(lineStart, error));
      countedLine += breaks(countedTo, lineStart);
      countedTo = lineStart;
      mark(countedLine, decodeOther(lineStart, lineEnd));
      input.position(lineEnd);
    }
    int consumed = input.position();
    line = countedLine + breaks(countedTo, consumed);
    start = consumed;
    chars.flip();
  }

  private Decoding decodeOther(int from, int to) {
    int mark = chars.position();
    if (fallback != null) {
      fallback.reset();
      ByteBuffer line = ByteBuffer.wrap(bytes, from, to - from);
      if (!fallback.decode(line, chars, true).isError() && !fallback.flush(chars).isError()) {
        return Decoding.FALLBACK;
      }
      chars.position(mark);
    }
    replacing.reset();
    replacing.decode(ByteBuffer.wrap(bytes, from, to - from), chars, true);
    replacing.flush(chars);
    return Decoding.UNDECODABLE;
  }

  private void mark(long lineNumber, Decoding decoding) {
    long[] last = marks.peekLast();
    if (last != null && last[0] == lineNumber) {
      last[1] = Math.max(last[1], decoding.ordinal()); // the next piece of a long line
    } else {
      marks.addLast(new long[] {lineNumber, decoding.ordinal()});
    }
  }

  /** The UTF-16 length of valid UTF-8: one char per byte that starts a character, two for a 4-byte one. */
  private int utf16Length(int from, int to) {
    int length = 0;
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xFF;
      length += (b & 0xC0) == 0x80 ? 0 : (b & 0xF8) == 0xF0 ? 2 : 1;
    }
    return length;
  }

  /** The last LF in bytes[from, to), or from - 1. */
  private int lastBreak(int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return from - 1;
  }

  /** Just past the LF that ends the line holding {@code from}, or {@code to}. */
  private int nextBreak(int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return to;
  }

  private int breaks(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  private static CharsetDecoder strict(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
