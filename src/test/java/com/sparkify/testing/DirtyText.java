package com.sparkify.testing;

import java.util.List;

/**
 * Text values as real event logs carry them, each of which a careless CSV reader or writer changes: edge
 * white space of every kind, quotes, separators, line breaks, non-ASCII letters. Tests put them through the
 * job and expect them back unchanged.
 */
public final class DirtyText {
  public static final List<String> VALUES = List.of(
      "Heavy Soul ",
      " I Will Not Reap Destruction",
      "  both ends  ",
      "\tTabbed\t",
      "\u00A0no-break space\u00A0",
      "doubled  inner   spaces",
      "\"Weird Al\" Yankovic",
      "Lee \"Scratch\" Perry",
      "ends with a quote\"",
      "Emerson, Lake & Palmer",
      "semi;colon",
      "line\nbreak",
      "crlf\r\nbreak",
      " \n ",
      "   ",
      "\t",
      "back\\slash and \\\"quote",
      "#not a comment",
      "'single' quotes",
      "Hüsker Dü",
      "Sigur Rós \uD83C\uDFB5");

  private DirtyText() {}
}
