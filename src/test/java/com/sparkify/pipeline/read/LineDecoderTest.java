package com.sparkify.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  /** Hands out its bytes a few at a time, as a network stream may. */
  private static InputStream trickling(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7919));
      }
    };
  }

  private static String readAll(LineDecoder decoder) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[1000];
    for (int n = decoder.read(buffer, 0, buffer.length); n >= 0; n = decoder.read(buffer, 0, buffer.length)) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  /** Each line's decoding, asked line by line after the whole text was read. */
  private static List<LineDecoder.Decoding> decodings(LineDecoder decoder, int lines) {
    List<LineDecoder.Decoding> each = new ArrayList<>();
    for (int line = 1; line <= lines; line++) {
      each.add(decoder.take(line));
    }
    return each;
  }

  @Test
  void eachLineIsUtf8OrTheFallbackWhereverTheBuffersEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    List<LineDecoder.Decoding> expected = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // 4-byte characters before the Windows-1252 byte: the line's start is found in chars too
      String line = i % 7 == 3 ? "🎸 \"Weird Al\"\" Yankovic\"," + i + ",Beyoncé" : i % 5 == 0 ? "Sigur Rós,🎸," + i : "Muse," + i + ",Uprising";
      boolean fallback = i % 7 == 3;
      lines.add(line);
      expected.add(fallback ? LineDecoder.Decoding.FALLBACK : LineDecoder.Decoding.UTF_8);
      bytes.writeBytes((line + (i % 2 == 0 ? "\r\n" : "\n")).getBytes(fallback ? CP1252 : StandardCharsets.UTF_8));
    }
    // the 4-byte character is not Windows-1252: those lines are written in UTF-8 up to the accent
    byte[] all = bytes.toByteArray();
    LineDecoder decoder = new LineDecoder(trickling(fixEmoji(all)), Optional.of(CP1252));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      // the whole line is decoded as Windows-1252, the UTF-8 bytes of its 🎸 too
      String line = expected.get(i) == LineDecoder.Decoding.FALLBACK ? lines.get(i).replace("🎸", "ðŸŽ¸") : lines.get(i);
      text.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    assertEquals(text.toString(), readAll(decoder));
    assertEquals(expected, decodings(decoder, lines.size()));
  }

  /** Windows-1252 has no 🎸 ('?' when encoded): put its UTF-8 bytes back, so the line mixes both. */
  private static byte[] fixEmoji(byte[] bytes) {
    ByteArrayOutputStream fixed = new ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '?') {
        fixed.writeBytes("🎸".getBytes(StandardCharsets.UTF_8));
      } else {
        fixed.write(bytes[i]);
      }
    }
    return fixed.toByteArray();
  }

  @Test
  void aLineNeitherDecodesIsUndecodableAndKeepsReplacementsForTheRejectsFile() throws IOException {
    byte[] bytes = "Muse\nMu\u0081se,Beyonc\u00e9\nBj\u00f6rk\n".getBytes(StandardCharsets.ISO_8859_1);
    LineDecoder withFallback = new LineDecoder(new ByteArrayInputStream(bytes), Optional.of(CP1252));
    assertEquals("Muse\nMu\uFFFDse,Beyonc\uFFFD\nBjörk\n", readAll(withFallback));
    assertEquals(List.of(LineDecoder.Decoding.UTF_8, LineDecoder.Decoding.UNDECODABLE, LineDecoder.Decoding.FALLBACK),
        decodings(withFallback, 3));
    LineDecoder without = new LineDecoder(new ByteArrayInputStream(bytes), Optional.empty());
    assertEquals("Muse\nMu\uFFFDse,Beyonc\uFFFD\nBj\uFFFDrk\n", readAll(without));
    assertEquals(List.of(LineDecoder.Decoding.UTF_8, LineDecoder.Decoding.UNDECODABLE, LineDecoder.Decoding.UNDECODABLE),
        decodings(without, 3));
  }

  @Test
  void aRecordTakesTheWorstOfItsLinesAndALineLongerThanTheBufferIsDecidedInPieces() throws IOException {
    String longLine = "x".repeat(200_000) + "é" + "y".repeat(100);
    byte[] bytes = ("\"Déjà\nvu\",1\n" + longLine + "\nlast").getBytes(CP1252);
    LineDecoder decoder = new LineDecoder(trickling(bytes), Optional.of(CP1252));
    assertEquals("\"Déjà\nvu\",1\n" + longLine + "\nlast", readAll(decoder));
    assertEquals(LineDecoder.Decoding.FALLBACK, decoder.take(2));
    assertEquals(LineDecoder.Decoding.FALLBACK, decoder.take(3));
    assertEquals(LineDecoder.Decoding.UTF_8, decoder.take(4));
    assertEquals(false, decoder.anyMarked());
  }
}
