package com.sparkify.tools.generate;

import com.sparkify.pipeline.tables.EventColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Writes synthetic Sparkify play-event logs shaped like the Udacity "event_data" files: one CSV per UTC day,
 * sessions interleaved by timestamp, and the quirks of the real files (quoted fields, spreadsheet-mangled
 * numbers, empty fields for logged-out visitors and page views).
 *
 * <p>Output depends only on the seed, start date, row count and day count. {@link Random} and
 * {@link StrictMath} are used because both are specified bit-for-bit, so every JVM writes the same bytes.
 * Memory stays bounded for any row count: only the sessions active at the current instant are held.
 */
public final class EventLogGenerator {

  /** What a {@link #generate} call wrote. */
  public record Summary(int files, long rows, long songRows) {}

  static final String HEADER = "artist,auth,firstName,gender,itemInSession,lastName,length,level,location,"
      + "method,page,registration,sessionId,song,status,ts,userId";

  private static final long DAY_MS = 86_400_000L;
  private static final int MAX_SESSION_ITEMS = 100;
  private static final double MEAN_SESSION_ITEMS = 22;
  private static final int MAX_ANONYMOUS_ITEMS = 5;
  private static final double ANONYMOUS_SESSION_SHARE = 0.12;
  private static final double GUEST_SHARE_OF_ANONYMOUS = 0.3;
  private static final double OPENS_ON_HOME_SHARE = 0.35;
  private static final double ENDS_WITH_LOGOUT_SHARE = 0.25;
  private static final double SONG_SHARE_MID_SESSION = 0.89;
  private static final double PAID_USER_SHARE = 0.25;
  private static final double SCIENTIFIC_SHARE = 0.3;
  private static final int ROWS_PER_USER = 80;
  private static final int MIN_USERS = 20;
  private static final int MAX_USERS = 5000;
  private static final long MAX_REGISTRATION_AGE_MS = 200 * DAY_MS;
  // Sessions average about 1.5 h: starting none in the last 2 h keeps the squeeze at the very end rare
  // without starving the last day.
  private static final long LAST_START_MARGIN_MS = 2 * 3_600_000L;

  // Keeps every epoch-millisecond field, registrations included, positive and long enough for E notation.
  private static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);

  private final long seed;
  private final LocalDate startDate;

  public EventLogGenerator(long seed, LocalDate startDate) {
    this.seed = seed;
    this.startDate = startDate;
  }

  /** Writes {@code days} files named {@code YYYY-MM-DD-events.csv} into {@code outDir}, {@code rows} rows in all. */
  public Summary generate(Path outDir, long rows, int days) throws IOException {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    if (startDate.isBefore(EARLIEST_START)) {
      throw new IllegalArgumentException("start must be on or after " + EARLIEST_START + ", got " + startDate);
    }
    Files.createDirectories(outDir);
    return new Run(outDir, rows, days).execute();
  }

  private enum Page {
    HOME("Home", "GET", "200"), NEXT_SONG("NextSong", "PUT", "200"), LOGIN("Login", "PUT", "307"),
    LOGOUT("Logout", "PUT", "307"), SETTINGS("Settings", "GET", "200"),
    SAVE_SETTINGS("Save Settings", "PUT", "307"), HELP("Help", "GET", "200"), ABOUT("About", "GET", "200"),
    ERROR("Error", "GET", "404"), UPGRADE("Upgrade", "GET", "200"), SUBMIT_UPGRADE("Submit Upgrade", "PUT", "307"),
    DOWNGRADE("Downgrade", "GET", "200"), SUBMIT_DOWNGRADE("Submit Downgrade", "PUT", "307"),
    REGISTER("Register", "GET", "200"), SUBMIT_REGISTRATION("Submit Registration", "PUT", "307");

    final String text;
    final String method;
    final String status;

    Page(String text, String method, String status) {
      this.text = text;
      this.method = method;
      this.status = status;
    }
  }

  // Repetition weights the draw: Home and Settings are far more common than plan changes or errors.
  private static final Page[] FREE_BROWSING = {Page.HOME, Page.HOME, Page.HOME, Page.HOME, Page.SETTINGS,
    Page.SETTINGS, Page.SAVE_SETTINGS, Page.HELP, Page.ABOUT, Page.ERROR, Page.UPGRADE, Page.SUBMIT_UPGRADE};
  private static final Page[] PAID_BROWSING = {Page.HOME, Page.HOME, Page.HOME, Page.HOME, Page.SETTINGS,
    Page.SETTINGS, Page.SAVE_SETTINGS, Page.HELP, Page.ABOUT, Page.ERROR, Page.DOWNGRADE, Page.SUBMIT_DOWNGRADE};
  private static final Page[] LOGGED_OUT_BROWSING = {Page.HOME, Page.HOME, Page.LOGIN, Page.LOGIN, Page.HELP,
    Page.ABOUT, Page.ERROR};
  private static final Page[] GUEST_BROWSING = {Page.HOME, Page.HOME, Page.REGISTER, Page.SUBMIT_REGISTRATION,
    Page.HELP, Page.ABOUT};

  /** Person fields pre-escaped for CSV; the shared anonymous visitor has them all empty. */
  private static final class User {
    final String id;
    final String firstName;
    final String lastName;
    final String gender;
    final String location;
    final long registration;
    boolean paid;

    User(String id, String firstName, String lastName, String gender, String location, long registration,
        boolean paid) {
      this.id = id;
      this.firstName = firstName;
      this.lastName = lastName;
      this.gender = gender;
      this.location = location;
      this.registration = registration;
      this.paid = paid;
    }

    boolean anonymous() {
      return id.isEmpty();
    }
  }

  private static final User ANONYMOUS = new User("", "", "", "", "", 0, false);

  private static final class Session implements Comparable<Session> {
    final long id;
    final User user;
    final String auth;
    final Page[] browsing;
    final int length;
    int item;
    long ts;

    Session(long id, User user, String auth, Page[] browsing, int length, long ts) {
      this.id = id;
      this.user = user;
      this.auth = auth;
      this.browsing = browsing;
      this.length = length;
      this.ts = ts;
    }

    @Override
    public int compareTo(Session other) {
      int byTime = Long.compare(ts, other.ts);
      return byTime != 0 ? byTime : Long.compare(id, other.id);
    }
  }

  /** State of one {@link #generate} call. */
  private final class Run {
    private final Path outDir;
    private final long rows;
    private final int days;
    private final Random rng = new Random(seed);
    private final long periodStart = startDate.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private final long lastMillisecond;
    private final long startWindow;
    private final User[] users;
    private final PriorityQueue<Session> active = new PriorityQueue<>();
    private final StringBuilder row = new StringBuilder(512);
    private char[] rowChars = new char[512];

    private long rowsToPlan;
    private long sessionsToPlan;
    private long nextSessionId = 1;
    // Starts are drawn in ascending order as sorted uniform samples, so none need to be held.
    private double startFraction;
    private int filesOpened;
    private long dayEnd;
    private Writer out;
    private long songRows;

    Run(Path outDir, long rows, int days) {
      this.outDir = outDir;
      this.rows = rows;
      this.days = days;
      long periodEnd = periodStart + days * DAY_MS;
      this.lastMillisecond = periodEnd - 1;
      this.startWindow = days * DAY_MS - LAST_START_MARGIN_MS;
      this.users = createUsers((int) Math.max(MIN_USERS, Math.min(MAX_USERS, rows / ROWS_PER_USER)));
      this.rowsToPlan = rows;
      long minSessions = (rows + MAX_SESSION_ITEMS - 1) / MAX_SESSION_ITEMS;
      this.sessionsToPlan = Math.min(rows, Math.max(minSessions, Math.round(rows / MEAN_SESSION_ITEMS)));
    }

    Summary execute() throws IOException {
      try {
        openNextDay();
        if (sessionsToPlan > 0) {
          active.add(planSession());
        }
        while (!active.isEmpty()) {
          Session session = active.poll();
          // Only the newest planned session can still be at item 0; once it starts, plan its successor.
          if (session.item == 0 && sessionsToPlan > 0) {
            active.add(planSession());
          }
          emit(session);
          if (session.item < session.length) {
            active.add(session);
          }
        }
        while (filesOpened < days) {
          openNextDay();
        }
      } finally {
        if (out != null) {
          out.close();
        }
      }
      return new Summary(days, rows, songRows);
    }

    private User[] createUsers(int count) {
      User[] created = new User[count];
      for (int i = 0; i < count; i++) {
        boolean female = rng.nextBoolean();
        long registration = periodStart - 1 - (long) (rng.nextDouble() * MAX_REGISTRATION_AGE_MS);
        created[i] = new User(Integer.toString(i + 1), csv(Catalogue.firstName(rng, female)),
            csv(Catalogue.lastName(rng)), female ? "F" : "M", csv(Catalogue.location(rng)),
            registration, rng.nextDouble() < PAID_USER_SHARE);
      }
      return created;
    }

    /** Draws the next session in start order, sizing it so all sessions together hold exactly {@code rows}. */
    private Session planSession() {
      double uniform = 1 - rng.nextDouble();
      startFraction = 1 - (1 - startFraction) * StrictMath.exp(StrictMath.log(uniform) / sessionsToPlan);
      long start = periodStart + (long) (startFraction * startWindow);

      long shortest = Math.max(1, rowsToPlan - MAX_SESSION_ITEMS * (sessionsToPlan - 1));
      long longest = Math.min(MAX_SESSION_ITEMS, rowsToPlan - (sessionsToPlan - 1));
      boolean anonymous = shortest <= MAX_ANONYMOUS_ITEMS && rng.nextDouble() < ANONYMOUS_SESSION_SHARE;
      long length;
      Session session;
      if (anonymous) {
        length = clamp(1 + rng.nextInt(MAX_ANONYMOUS_ITEMS), shortest, longest);
        boolean guest = rng.nextDouble() < GUEST_SHARE_OF_ANONYMOUS;
        session = new Session(nextSessionId, ANONYMOUS, guest ? "Guest" : "Logged Out",
            guest ? GUEST_BROWSING : LOGGED_OUT_BROWSING, (int) length, start);
      } else {
        // Aim above the overall mean to make up for the short anonymous sessions.
        double remainingMean = (double) rowsToPlan / sessionsToPlan;
        double loggedInMean = (remainingMean - ANONYMOUS_SESSION_SHARE * (MAX_ANONYMOUS_ITEMS + 1) / 2.0)
            / (1 - ANONYMOUS_SESSION_SHARE);
        double exponential = -StrictMath.log(1 - rng.nextDouble()) * (loggedInMean - 1);
        length = clamp(1 + (long) exponential, shortest, longest);
        double u = rng.nextDouble();
        // Squaring skews the pick towards low indexes: a few heavy listeners, many occasional ones.
        User user = users[(int) (u * u * users.length)];
        session = new Session(nextSessionId, user, "Logged In", null, (int) length, start);
      }
      nextSessionId++;
      rowsToPlan -= length;
      sessionsToPlan--;
      return session;
    }

    private void emit(Session session) throws IOException {
      User user = session.user;
      Page page = choosePage(session);
      Catalogue.Track track = page == Page.NEXT_SONG ? Catalogue.randomTrack(rng) : null;

      row.setLength(0);
      if (track != null) {
        row.append(track.artist());
      }
      row.append(',').append(session.auth)
          .append(',').append(user.firstName)
          .append(',').append(user.gender)
          .append(',').append(session.item)
          .append(',').append(user.lastName)
          .append(',');
      if (track != null) {
        row.append(track.length());
      }
      row.append(',').append(user.paid ? "paid" : "free")
          .append(',').append(user.location)
          .append(',').append(page.method)
          .append(',').append(page.text)
          .append(',');
      if (!user.anonymous()) {
        appendEpochMillis(user.registration);
      }
      row.append(',').append(session.id).append(',');
      if (track != null) {
        row.append(track.song());
      }
      row.append(',').append(page.status).append(',');
      appendEpochMillis(session.ts);
      row.append(',').append(user.id).append('\n');
      write(session.ts);

      if (page == Page.NEXT_SONG) {
        songRows++;
      } else if (page == Page.SUBMIT_UPGRADE || page == Page.SUBMIT_DOWNGRADE) {
        user.paid = page == Page.SUBMIT_UPGRADE;
      }
      session.item++;
      int remaining = session.length - session.item;
      if (remaining > 0) {
        // The next event comes when the song ends, or after a short click-through for other pages.
        long gap = track != null ? track.lengthMs() + rng.nextInt(1_000) : 3_000 + rng.nextInt(90_000);
        // Sessions still running at the end of the period are squeezed so every row stays inside it.
        session.ts += Math.min(gap, (lastMillisecond - session.ts) / remaining);
      }
    }

    private Page choosePage(Session session) {
      if (session.user.anonymous()) {
        return session.browsing[rng.nextInt(session.browsing.length)];
      }
      if (session.item == 0 && rng.nextDouble() < OPENS_ON_HOME_SHARE) {
        return Page.HOME;
      }
      if (session.item > 0 && session.item == session.length - 1 && rng.nextDouble() < ENDS_WITH_LOGOUT_SHARE) {
        return Page.LOGOUT;
      }
      if (rng.nextDouble() < SONG_SHARE_MID_SESSION) {
        return Page.NEXT_SONG;
      }
      Page[] browsing = session.user.paid ? PAID_BROWSING : FREE_BROWSING;
      return browsing[rng.nextInt(browsing.length)];
    }

    /** Exact, or the way a spreadsheet round-trip leaves it for a share of the fields (1.54111E+12). */
    private void appendEpochMillis(long millis) {
      if (rng.nextDouble() < SCIENTIFIC_SHARE) {
        appendScientific(row, millis);
      } else {
        row.append(millis);
      }
    }

    private void write(long ts) throws IOException {
      while (ts > dayEnd) {
        openNextDay();
      }
      int length = row.length();
      if (length > rowChars.length) {
        rowChars = new char[2 * length];
      }
      row.getChars(0, length, rowChars, 0);
      out.write(rowChars, 0, length);
    }

    private void openNextDay() throws IOException {
      if (out != null) {
        out.close();
      }
      Path file = outDir.resolve(startDate.plusDays(filesOpened) + "-events.csv");
      out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
          1 << 16);
      out.write(EventColumns.HEADER);
      out.write('\n');
      filesOpened++;
      dayEnd = periodStart + filesOpened * DAY_MS - 1;
    }
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  /** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
  static String csv(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** Excel's General format for a number of six or more digits: six significant digits, e.g. 1.54092E+12. */
  static void appendScientific(StringBuilder sb, long value) {
    int exponent = 0;
    long power = 1;
    while (value / power >= 10) {
      power *= 10;
      exponent++;
    }
    long unit = power / 100_000;
    long significand = (value + unit / 2) / unit;
    if (significand >= 1_000_000) {
      significand /= 10;
      exponent++;
    }
    appendDecimal(sb, significand / 100_000, significand % 100_000);
    sb.append("E+");
    if (exponent < 10) {
      sb.append('0');
    }
    sb.append(exponent);
  }

  /** Appends {@code whole.fraction} where fraction is in 1e-5 units, dropping trailing zeros (and a bare point). */
  static void appendDecimal(StringBuilder sb, long whole, long hundredThousandths) {
    sb.append(whole);
    if (hundredThousandths == 0) {
      return;
    }
    sb.append('.');
    int fractionStart = sb.length();
    // The leading 1 keeps the fraction's leading zeros; it is removed right away.
    sb.append(100_000 + hundredThousandths).deleteCharAt(fractionStart);
    int end = sb.length();
    while (sb.charAt(end - 1) == '0') {
      end--;
    }
    sb.setLength(end);
  }
}
