package com.sparkify.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MojibakeTest {

  @Test
  void repairsUtf8ReadOnceAsLatin1() {
    assertEquals("Café Tacvba", Mojibake.repair("CafÃ© Tacvba"));
    assertEquals("Hüsker Dü", Mojibake.repair("HÃ¼sker DÃ¼"));
    assertEquals("王菲", Mojibake.repair(mangle("王菲")));
    assertEquals("Emoji 😀", Mojibake.repair(mangle("Emoji 😀")));
  }

  @Test
  void repairsUtf8ReadTwiceAsLatin1() {
    assertEquals("Café Tacvba", Mojibake.repair("Caf\u00C3\u0083\u00C2\u00A9 Tacvba"));
  }

  @Test
  void repairsUtf8ReadThriceAsLatin1() {
    String thrice = mangle(mangle(mangle("Sigur Rós")));
    assertEquals("Sigur R\u00C3\u0083\u00C2\u0083\u00C3\u0082\u00C2\u00B3s", thrice);
    assertEquals("Sigur Rós", Mojibake.repair(thrice));
  }

  @Test
  void stopsAfterThreeRounds() {
    String once = mangle("Sigur Rós");
    assertEquals(once, Mojibake.repair(mangle(mangle(mangle(once)))));
  }

  @Test
  void leavesGenuineLatin1TextAsTheSameInstance() {
    for (String text : new String[] {"Björk", "Sigur Rós", "Mötley Crüe", "Beyoncé", "Café Tacvba", "Ã"}) {
      assertSame(text, Mojibake.repair(text), text);
    }
  }

  @Test
  void leavesAsciiAndWiderTextAsTheSameInstance() {
    for (String text : new String[] {"Weird Al Yankovic", "", "王菲", "Ω and CafÃ©", "CafÃ© 😀"}) {
      assertSame(text, Mojibake.repair(text), text);
    }
  }

  @Test
  void nullStaysNull() {
    assertNull(Mojibake.repair(null));
  }

  private static String mangle(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
