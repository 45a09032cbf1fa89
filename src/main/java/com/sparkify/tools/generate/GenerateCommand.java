package com.sparkify.tools.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** Command line for {@link EventLogGenerator}. */
public final class GenerateCommand {

  private static final String USAGE = String.join("\n",
      "Usage: GenerateCommand --rows N --days D --out DIR [--seed S] [--start YYYY-MM-DD]",
      "  --rows N      data rows in total (N >= 0)",
      "  --days D      number of daily files (D >= 1)",
      "  --out DIR     output directory, created if missing",
      "  --seed S      random seed (default 42); same arguments give byte-identical files",
      "  --start DATE  first day, UTC (default 2018-11-01)");

  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  private static final Set<String> FLAGS = Set.of("--rows", "--days", "--out", "--seed", "--start");
  // A century of daily files; beyond that a typo is far likelier than intent.
  private static final int MAX_DAYS = 36_500;

  private GenerateCommand() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (UsageException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage() + " (see --help)");
      System.exit(2);
    } catch (IOException e) {
      System.err.println("error: cannot write event logs: " + e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws UsageException, IOException {
    Long rows = null;
    Integer days = null;
    Path out = null;
    long seed = 42;
    LocalDate start = LocalDate.of(2018, 11, 1);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help")) {
        System.out.println(USAGE);
        return;
      }
      if (!FLAGS.contains(flag)) {
        throw new UsageException((flag.startsWith("--") ? "unknown option " : "unexpected argument ") + flag);
      }
      String value = valueOf(args, ++i, flag);
      switch (flag) {
        case "--rows" -> rows = parseLong(flag, value, 0, Long.MAX_VALUE);
        case "--days" -> days = (int) parseLong(flag, value, 1, MAX_DAYS);
        case "--out" -> out = Path.of(value);
        case "--seed" -> seed = parseLong(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "--start" -> start = parseDate(value);
      }
    }
    if (rows == null || days == null || out == null) {
      throw new UsageException("--rows, --days and --out are required");
    }

    long began = System.nanoTime();
    EventLogGenerator.Summary summary = new EventLogGenerator(seed, start).generate(out, rows, days);
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.println(String.format(Locale.ROOT, "wrote %d files, %d rows (%d song rows) to %s in %.2f s",
        summary.files(), summary.rows(), summary.songRows(), out, seconds));
  }

  private static String valueOf(String[] args, int index, String flag) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args[index];
  }

  private static long parseLong(String flag, String value, long min, long max) throws UsageException {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " expects an integer, got '" + value + "'");
    }
    if (parsed < min) {
      throw new UsageException(flag + " must be >= " + min + ", got " + value);
    }
    if (parsed > max) {
      throw new UsageException(flag + " must be <= " + max + ", got " + value);
    }
    return parsed;
  }

  private static LocalDate parseDate(String value) throws UsageException {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("--start expects YYYY-MM-DD, got '" + value + "'");
    }
  }
}
