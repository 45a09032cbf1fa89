package com.sparkify.pipeline.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes UTF-8 text that was read as ISO-8859-1 and written out again, once or several times
 * ({@code CafÃ©} for {@code Café}). Genuine Latin-1 text is left alone: its bytes are almost never valid
 * UTF-8 (an accented letter followed by a plain one is not), so only a strict decode counts as a repair.
 */
public final class Mojibake {
  // every round undoes one mangling; more than three is not a pattern worth guessing at
  private static final int MAX_ROUNDS = 3;

  private Mojibake() {}

  /** The repaired text, or the same String instance when there is nothing unambiguous to repair (null stays null). */
  public static String repair(String text) {
    String current = text;
    for (int round = 0; round < MAX_ROUNDS && current != null; round++) {
      String repaired = repairOnce(current);
      if (repaired == null) {
        break;
      }
      current = repaired;
    }
    return current;
  }

  /** One round of repair, or null when the text is not UTF-8 bytes seen as Latin-1. */
  private static String repairOnce(String text) {
    if (!isLatin1WithHighChars(text)) {
      return null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // decoding into a buffer reports errors as results, not as exceptions, which most calls would throw
    CharBuffer decoded = CharBuffer.allocate(bytes.length);
    if (strict.decode(ByteBuffer.wrap(bytes), decoded, true).isError()
        || strict.flush(decoded).isError()) {
      return null;
    }
    String repaired = decoded.flip().toString();
    return repaired.equals(text) ? null : repaired;
  }

  private static boolean isLatin1WithHighChars(String text) {
    boolean high = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        return false;
      }
      high |= c >= 0x80;
    }
    return high;
  }
}
