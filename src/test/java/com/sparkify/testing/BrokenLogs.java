package com.sparkify.testing;

import static com.sparkify.pipeline.tables.EventColumns.HEADER;

import com.sparkify.tools.generate.EventLogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder with every kind of bad input the job meets in real logs, made by code (never edited by hand),
 * and the exact outcome expected of each file and row.
 */
public final class BrokenLogs {
  /** A usable song row for (session, item, user) with the given artist, song and time. */
  public static String song(int session, int item, int user, String artist, String song, long ts) {
    return row("" + session, "" + item, "" + user, artist, song, "200.5", "" + ts);
  }

  /** A NextSong line in the logs' column order, every field as written. */
  private static String row(String session, String item, String user, String artist, String song, String length, String ts) {
    return EventRows.logLine(EventRows.songFields(artist, song, length, session, item, user, ts));
  }

  private static final String TS = "1541110000000";
  private static final String SHORT = row("9100", "0", "910", "Muse", "Short", "200.5", TS).replace(",200,", ",");
  private static final String LONG = row("9100", "1", "910", "Muse", "Long", "200.5", TS) + ",surplus \t";
  private static final String BAD_SESSION = row("abc", "2", "910", "Muse", "Bad session", "200.5", TS);
  private static final String BAD_ITEM = row("9100", "1.5", "910", "Muse", "Bad item", "200.5", TS);
  private static final String BAD_USER = row("9100", "4", "u910", "Muse", "Bad user", "200.5", TS);
  private static final String BAD_LENGTH = row("9100", "5", "910", "Muse", "\" Bad length, quoted \"", "3:45", TS);
  private static final String BAD_TS = row("9100", "6", "910", "Muse", "Bad ts", "200.5", "tomorrow");
  private static final String NO_SESSION = row("", "7", "910", "Muse", "No session", "200.5", TS);
  private static final String NO_USER = row("9100", "8", "", "Muse", "No user", "200.5", TS);
  private static final String STRAY_QUOTE = row("9100", "9", "910", "Mu\"se", "Stray quote", "200.5", TS);
  private static final String OPEN_QUOTE = row("9100", "10", "910", "Muse", "\"Open quote", "200.5", TS);
  // times that would become write times no later run could overwrite: 0, negative, in the year 50,000
  private static final String NAN_TS = row("9100", "11", "910", "Muse", "NaN ts", "200.5", "NaN");
  private static final String HUGE_TS = row("9100", "12", "910", "Muse", "Huge ts", "200.5", "1e300");
  private static final String NEGATIVE_TS = row("9100", "13", "910", "Muse", "Negative ts", "200.5", "-5");
  private static final String MICROS_TS = row("9100", "14", "910", "Muse", "Microsecond ts", "200.5", TS + "000");
  private static final String NO_TS = row("9100", "15", "910", "Muse", "No ts", "200.5", "");
  private static final java.nio.charset.Charset CP1252 = java.nio.charset.Charset.forName("windows-1252");
  /** 0x81 (here as the Latin-1 char of that code) is neither UTF-8 nor Windows-1252. */
  private static final String UNDECODABLE = row("9100", "16", "910", "Mu\u0081se", "Undecodable", "200.5", TS);
  /** A day file as a spreadsheet on Windows saves it: Windows-1252, CRLF. */
  public static final String SPREADSHEET = "spreadsheet.csv";

  /** broken.csv: its lines, with the reason each rejected one must get (line number → reason). */
  public static final Map<Integer, String> REJECTED_LINES = Map.ofEntries(
      Map.entry(4, "FIELD_COUNT"), Map.entry(5, "FIELD_COUNT"), Map.entry(6, "BAD_INT:sessionId"),
      Map.entry(7, "BAD_INT:itemInSession"), Map.entry(8, "BAD_INT:userId"), Map.entry(9, "BAD_NUMBER:length"),
      Map.entry(10, "BAD_TS"), Map.entry(11, "MISSING_KEY:sessionId"), Map.entry(12, "MISSING_KEY:userId"),
      Map.entry(13, "BAD_QUOTE"), Map.entry(14, "BAD_QUOTE"), Map.entry(15, "BAD_TS"), Map.entry(16, "BAD_TS"),
      Map.entry(17, "BAD_TS"), Map.entry(18, "BAD_TS"), Map.entry(19, "BAD_TS"), Map.entry(28, "BAD_ENCODING"));

  /** A day's gzip cut at 60 %: rejected whole, only the row saying where it broke is read. */
  public static final String CUT_GZIP = "2018-11-03-events.csv.gz";
  /** The sessions of the cut gzip's rows, none of which may reach any output. */
  public static final int CUT_SESSIONS_FROM = 9200;
  /** Every rejected row: broken.csv's, and the cut gzip's READ_ERROR. */
  public static final long REJECTED_ROWS = REJECTED_LINES.size() + 1;

  public static final Map<String, Long> REJECTS_BY_REASON = byReason();

  /** The original text of each rejected line of broken.csv. */
  public static final Map<Integer, String> REJECTED_TEXT = Map.ofEntries(
      Map.entry(4, SHORT), Map.entry(5, LONG), Map.entry(6, BAD_SESSION), Map.entry(7, BAD_ITEM),
      Map.entry(8, BAD_USER), Map.entry(9, BAD_LENGTH), Map.entry(10, BAD_TS), Map.entry(11, NO_SESSION),
      Map.entry(12, NO_USER), Map.entry(13, STRAY_QUOTE), Map.entry(14, OPEN_QUOTE), Map.entry(15, NAN_TS),
      Map.entry(16, HUGE_TS), Map.entry(17, NEGATIVE_TS), Map.entry(18, MICROS_TS), Map.entry(19, NO_TS),
      Map.entry(28, UNDECODABLE.replace('\u0081', '\uFFFD')));

  /** Song rows of the handmade files, page views of the handmade files, repaired rows and rows not in UTF-8. */
  public static final long HANDMADE_SONG_ROWS = 14;
  /** The times of the conflicting rows of session 9002, and of the tie in session 9007. */
  public static final long LATER = 1541110005000L;
  public static final long EARLIER = 1541110000000L;
  public static final long TIE = 1541110000000L;
  public static final long HANDMADE_PAGE_VIEWS = 2;
  public static final long REPAIRED_ROWS = 2;
  /** broken.csv's Beyoncé, and the spreadsheet's two lines with accents. */
  public static final long FALLBACK_ROWS = 3;

  private final EventLogGenerator.Summary generated;

  private BrokenLogs(EventLogGenerator.Summary generated) {
    this.generated = generated;
  }

  public EventLogGenerator.Summary generated() {
    return generated;
  }

  public long rowsRead() {
    return generated.rows() + HANDMADE_SONG_ROWS + HANDMADE_PAGE_VIEWS + REJECTED_ROWS;
  }

  public long songRows() {
    return generated.songRows() + HANDMADE_SONG_ROWS;
  }

  public long pageViews() {
    return generated.rows() - generated.songRows() + HANDMADE_PAGE_VIEWS;
  }

  /** Writes the corpus into an empty folder. */
  public static BrokenLogs write(Path dir) throws IOException {
    EventLogGenerator.Summary generated = new EventLogGenerator(11, LocalDate.of(2018, 11, 1)).generate(dir, 300, 2);
    LogFolder logs = new LogFolder(dir);
    ByteArrayOutputStream broken = new ByteArrayOutputStream();
    broken.writeBytes(String.join("\n",
            HEADER,
            song(9001, 0, 901, "CafÃ© Tacvba", "Eres", 1541110000000L),
            song(9001, 1, 901, "Caf\u00C3\u0083\u00C2\u00A9 Tacvba", "Déjate Caer", 1541110001000L),
            SHORT, LONG, BAD_SESSION, BAD_ITEM, BAD_USER, BAD_LENGTH, BAD_TS, NO_SESSION, NO_USER, STRAY_QUOTE, OPEN_QUOTE,
            NAN_TS, HUGE_TS, NEGATIVE_TS, MICROS_TS, NO_TS,
            song(9001, 2, 901, "Muse", "\"Line\nBreak\"", 1541110002000L),
            // the later event first, and with the smaller value: only its write time can make it win
            song(9002, 0, 902, "Muse", "A later", LATER),
            song(9002, 0, 902, "Muse", "B earlier", EARLIER),
            // one key, one time: the row later in the input wins
            song(9007, 0, 907, "Muse", "Z first in the input", TIE),
            song(9007, 0, 907, "Muse", "Y second in the input", TIE),
            ",Logged In,Ann,F,1,Lee,,free,\"Austin, TX\",GET,Home,1.54092E+12,9002,,200,1541110006000,902",
            "")
        .getBytes(StandardCharsets.UTF_8));
    // a line pasted in from a spreadsheet's Windows-1252 file, and one that no encoding makes sense of
    broken.writeBytes(song(9003, 0, 903, "Beyoncé", "Déjà vu", 1541110000000L).getBytes(CP1252));
    broken.write('\n');
    broken.writeBytes(UNDECODABLE.getBytes(StandardCharsets.ISO_8859_1));
    broken.write('\n');
    logs.bytes("broken.csv", broken.toByteArray());
    logs.bytes(SPREADSHEET, String.join("\r\n", HEADER,
            song(9008, 0, 908, "Mötley Crüe", "Kickstart My Heart", 1541110000000L),
            song(9008, 1, 908, "\"Weird Al\"\" Yankovic\"", "Amish Paradise", 1541110001000L),
            song(9008, 2, 908, "Sigur Rós", "Hoppípolla", 1541110002000L), "")
        .getBytes(CP1252));

    String reordered = "extra,userId,ts,status,song,sessionId,registration,page,method,location,level,length,lastName,"
        + "itemInSession,gender,firstName,auth,artist";
    logs.bytes("bom-crlf.csv", ("\uFEFF" + reordered + "\r\n"
            + "x,904,1541110000000,200,Creep,9004,1540920000000,NextSong,PUT,Boston,paid,238.2,Ray,0,M,Bob,Logged In,Radiohead\r\n"
            + "x,904,1541110001000,200,Karma Police,9004,1540920000000,NextSong,PUT,Boston,paid,261.7,Ray,1,M,Bob,Logged In,Radiohead\r\n")
        .getBytes(StandardCharsets.UTF_8));
    logs.gzip("zipped.csv.gz", HEADER, song(9005, 0, 905, "Björk", "Jóga", 1541110000000L),
        ",Logged Out,,,1,,,free,,GET,Login,,9005,,200,1541110001000,");
    logs.write("header-only.csv", HEADER);
    logs.bytes("empty.csv", new byte[0]);
    logs.write("no-user.csv", HEADER.replace(",userId", ""), song(9006, 0, 906, "Muse", "x", 1541110000000L));
    logs.bytes("picture.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D});
    logs.bytes("not-gzip.csv.gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
    logs.write("readme.txt", "these are Sparkify's logs");
    String[] day = new String[3001];
    day[0] = HEADER;
    for (int i = 1; i < day.length; i++) {
      day[i] = song(CUT_SESSIONS_FROM + i / 10, i % 10, 920, "\"Weird Al\"\" Yankovic\"", "Cut short " + i, 1541120000000L + i);
    }
    byte[] whole = Files.readAllBytes(logs.gzip(CUT_GZIP, day));
    logs.bytes(CUT_GZIP, Arrays.copyOf(whole, whole.length * 6 / 10));
    return new BrokenLogs(generated);
  }

  /** File name → status, and reason for the rejected ones. */
  public static final Map<String, String> FILE_OUTCOMES = Map.ofEntries(
      Map.entry("broken.csv", "read"),
      Map.entry("bom-crlf.csv", "read"),
      Map.entry(SPREADSHEET, "read"),
      Map.entry("zipped.csv.gz", "read"),
      Map.entry("header-only.csv", "read"),
      Map.entry("empty.csv", "rejected EMPTY_FILE: no header row"),
      Map.entry("no-user.csv", "rejected MISSING_COLUMNS: userId"),
      Map.entry("picture.csv", "rejected NOT_CSV: the first line is not a comma-separated header"),
      Map.entry("not-gzip.csv.gz", "rejected READ_ERROR at line 1"),
      Map.entry(CUT_GZIP, "rejected READ_ERROR"),
      Map.entry("readme.txt", "ignored not *.csv or *.csv.gz"));

  public static final List<String> FILES_READ_COUNTED = List.of("broken.csv", "bom-crlf.csv", "zipped.csv.gz", "header-only.csv");

  private static Map<String, Long> byReason() {
    Map<String, Long> counts = new TreeMap<>();
    REJECTED_LINES.values().forEach(reason -> counts.merge(reason, 1L, Long::sum));
    counts.put("READ_ERROR", 1L);
    return Map.copyOf(counts);
  }
}
