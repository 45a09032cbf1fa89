package com.sparkify.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The bench's tables (medians of the rounds with min and max), its JSON record (every round's figures too)
 * and its chart, and the targets read from them. Files are named by date and time: no run overwrites another.
 */
final class BenchReport {
  static final String DSBULK = "DSBulk 1.10, defaults (2 loads)";
  static final String DSBULK_BEST = "DSBulk 1.10, best settings (2 loads)";
  static final String DSBULK_BEST_SIDE_BY_SIDE = "DSBulk 1.10, best settings, 2 loads at once";
  static final String RAW = "raw driver, grouped by partition, 4 threads";
  static final String SEED = "seed: 1 sync INSERT per row (extrapolated)";
  static final String SAMPLE_RUN = "data/ sample: scripts/sparkify run, whole command";
  static final String SAMPLE_OURS = "data/ sample: the job, from process start";
  static final String SAMPLE_SEED = "data/ sample: seed row by row, from process start";
  private static final String STAGE = ": write stage";
  private static final String READ_BACK = ": read-back (--verify)";

  private BenchReport() {}

  static String ours(String mode) {
    return "sparkify job, --write-mode " + mode;
  }

  /** Medians of one method's rounds at one size. */
  record Figure(String method, long inputRows, long rows, int runs, double wall, double min, double max, double rssMib,
      double settle, boolean extrapolated, String counted) {
    double rowsPerSecond() {
      return rows / wall;
    }
  }

  static void write(List<BenchResult> results, List<ReadResult> reads, List<Long> sizes, int rounds, int nodes, Path folder)
      throws IOException {
    List<Figure> figures = figures(results);
    List<String> lines = new ArrayList<>(table(figures));
    lines.add("");
    lines.addAll(readTable(reads));
    Map<String, String> targets = targets(figures, reads, sizes);
    lines.add("");
    targets.forEach((target, verdict) -> lines.add("target: " + target + ": " + verdict));
    lines.forEach(System.out::println);

    Files.createDirectories(folder);
    String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("started", name);
    json.put("machine", machine(nodes));
    json.put("sizes", sizes);
    json.put("rounds", rounds);
    json.put("figures", figures);
    json.put("rounds_figures", results);
    json.put("reads", reads);
    json.put("targets", targets);
    json.put("table", lines);
    Path jsonFile = folder.resolve(name + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
    Path chart = folder.resolve(name + ".png");
    ImageIO.write(chart(figures, sizes.get(0)), "png", chart.toFile());
    System.out.println("bench: wrote " + jsonFile + " and " + chart);
  }

  /** One figure per method and size, in the order they first ran; the job's write stage as a figure of its own. */
  static List<Figure> figures(List<BenchResult> results) {
    Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
    results.forEach(r -> groups.computeIfAbsent(r.method() + "@" + r.inputRows(), k -> new ArrayList<>()).add(r));
    List<Figure> figures = new ArrayList<>();
    for (List<BenchResult> group : groups.values()) {
      BenchResult first = group.get(0);
      List<String> counts = group.stream().map(r -> r.counted().toString()).distinct().toList();
      String counted = counts.size() == 1 ? counts.get(0) : "DIFFER between rounds: " + counts;
      figures.add(figure(first.method(), first, group, BenchResult::wallSeconds, counted));
      if (!Double.isNaN(first.stageSeconds())) {
        figures.add(figure(first.method() + STAGE, first, group, BenchResult::stageSeconds, counted));
      }
      if (!Double.isNaN(first.readBackSeconds())) {
        figures.add(figure(first.method() + READ_BACK, first, group, BenchResult::readBackSeconds, counted));
      }
    }
    return figures;
  }

  private static Figure figure(String method, BenchResult first, List<BenchResult> group, ToDoubleFunction<BenchResult> seconds,
      String counted) {
    double[] values = group.stream().mapToDouble(seconds).sorted().toArray();
    return new Figure(method, first.inputRows(), first.rows(), values.length, median(values), values[0],
        values[values.length - 1], isStage(method) ? 0 : median(group.stream().mapToDouble(BenchResult::peakRssMib).sorted().toArray()),
        median(group.stream().mapToDouble(BenchResult::settleSeconds).sorted().toArray()), first.extrapolated(), counted);
  }

  /** A stage of the job's run (write, read-back) rather than a method: no process, settling or count of its own. */
  private static boolean isStage(String method) {
    return method.endsWith(STAGE) || method.endsWith(READ_BACK);
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static List<String> table(List<Figure> figures) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-52s %11s %4s %8s %15s %9s %8s %8s %8s  %s", "method", "input rows", "runs",
        "wall s", "min-max", "rows/s", "vs cql", "RSS MiB", "settle s", "rows per table after"));
    for (Figure f : figures) {
      String ours = f.method().startsWith("data/") ? SAMPLE_OURS : ours("cql");
      String ratio = find(figures, ours, f.inputRows())
          .map(o -> String.format(Locale.ROOT, "%.2fx", f.wall() / o.wall())).orElse("");
      lines.add(String.format(Locale.ROOT, "%-52s %,11d %4d %8.1f %15s %,9d %8s %8s %8s  %s", f.method(), f.inputRows(),
          f.runs(), f.wall(), String.format(Locale.ROOT, "%.1f-%.1f", f.min(), f.max()), Math.round(f.rowsPerSecond()), ratio,
          f.rssMib() > 0 ? String.format(Locale.ROOT, "%,.0f", f.rssMib()) : "-",
          isStage(f.method()) ? "" : String.format(Locale.ROOT, "%.1f", f.settle()), isStage(f.method()) ? "" : f.counted()));
    }
    lines.add("wall s: median of the rounds; rows/s: song rows into both tables per second of it; vs cql: wall / the job's in cql mode;");
    lines.add("settle s: until the nodes' compactions ended after the method; rows per table after: COUNT(*) after the load");
    return lines;
  }

  /** Per state and table: medians of the rounds' percentiles and rates. */
  private static List<String> readTable(List<ReadResult> reads) {
    List<String> lines = new ArrayList<>();
    if (reads.isEmpty()) {
      return lines;
    }
    lines.add(String.format(Locale.ROOT, "%-30s %-36s %4s %9s %9s %15s %9s %9s", "reads (" + ReadLatency.CONCURRENCY
        + " in flight)", "table", "runs", "p50 ms", "p99 ms", "p99 min-max", "p999 ms", "reads/s"));
    for (Map.Entry<String, List<ReadResult>> group : readGroups(reads).entrySet()) {
      List<ReadResult> g = group.getValue();
      double[] p99 = sorted(g, r -> r.figures().p99());
      lines.add(String.format(Locale.ROOT, "%-30s %-36s %4d %9.2f %9.2f %15s %9.2f %,9.0f", g.get(0).state(),
          g.get(0).figures().table(), g.size(), median(sorted(g, r -> r.figures().p50())), median(p99),
          String.format(Locale.ROOT, "%.2f-%.2f", p99[0], p99[p99.length - 1]), median(sorted(g, r -> r.figures().p999())),
          median(sorted(g, r -> r.figures().queriesPerSecond()))));
    }
    return lines;
  }

  private static Map<String, List<ReadResult>> readGroups(List<ReadResult> reads) {
    Map<String, List<ReadResult>> groups = new LinkedHashMap<>();
    reads.stream()
        .sorted(java.util.Comparator.comparing((ReadResult r) -> order(r.state())).thenComparing(r -> r.figures().table()))
        .forEach(r -> groups.computeIfAbsent(r.state() + "/" + r.figures().table(), k -> new ArrayList<>()).add(r));
    return groups;
  }

  private static int order(String state) {
    return List.of(ReadResult.IDLE, ReadResult.DURING_CQL, ReadResult.DURING_SSTABLE).indexOf(state);
  }

  private static double[] sorted(List<ReadResult> reads, ToDoubleFunction<ReadResult> value) {
    return reads.stream().mapToDouble(value).sorted().toArray();
  }

  private static double medianP99(List<ReadResult> reads, String state, String table) {
    return median(reads.stream().filter(r -> r.state().equals(state) && r.figures().table().equals(table))
        .mapToDouble(r -> r.figures().p99()).sorted().toArray());
  }

  static Map<String, String> targets(List<Figure> figures, List<ReadResult> reads, List<Long> sizes) {
    Map<String, String> targets = new LinkedHashMap<>();
    long first = sizes.get(0);
    String cql = ours("cql");
    String sstable = ours("sstable");
    Optional<Figure> bestDsbulk = figures.stream()
        .filter(f -> f.inputRows() == first && f.method().startsWith("DSBulk"))
        .min(java.util.Comparator.comparingDouble(Figure::wall));
    find(figures, sstable, first).ifPresent(ours -> bestDsbulk.ifPresent(dsbulk ->
        targets.put("sstable mode end to end >= 3x faster than DSBulk's best (" + dsbulk.method() + ")",
            verdict(dsbulk.wall() / ours.wall(), 3, false))));
    find(figures, sstable + STAGE, first).ifPresent(ours -> find(figures, cql + STAGE, first).ifPresent(theirs ->
        targets.put("sstable mode's table stage >= 3x faster than cql mode's", verdict(theirs.wall() / ours.wall(), 3, false))));
    find(figures, cql + STAGE, first).ifPresent(write -> find(figures, RAW, first).ifPresent(raw ->
        targets.put("cql mode's write stage rows/s >= 0.8 x the grouped raw loader's", verdict(write.rowsPerSecond() / raw.rowsPerSecond(), 0.8, false))));
    if (sizes.size() > 1) {
      long last = sizes.get(sizes.size() - 1);
      for (String mode : List.of(sstable, cql)) {
        find(figures, mode, first).ifPresent(small -> find(figures, mode, last).ifPresent(big -> {
          double bound = 10.5 * last / first / 10;
          targets.put(mode + ": time(" + last + ") / time(" + first + ") <= " + bound, verdict(big.wall() / small.wall(), bound, true));
          targets.put(mode + ": driver peak RSS at " + last + " within 15% of " + first, verdict(big.rssMib() / small.rssMib(), 1.15, true));
        }));
      }
    }
    for (long size : sizes) {
      for (String mode : List.of(sstable, cql)) {
        find(figures, mode + READ_BACK, size).ifPresent(readBack -> find(figures, mode + STAGE, size).ifPresent(write ->
            targets.put(mode + ": read-back at " + size + " <= 0.5 x its write stage",
                verdict(readBack.wall() / write.wall(), 0.5, true))));
      }
    }
    for (String table : reads.stream().map(r -> r.figures().table()).distinct().toList()) {
      double idle = medianP99(reads, ReadResult.IDLE, table);
      double during = medianP99(reads, ReadResult.DURING_SSTABLE, table);
      targets.put("read p99 of " + table + " during an sstable load <= 2x idle", verdict(during / idle, 2, true));
    }
    find(figures, SAMPLE_OURS).ifPresent(ours -> find(figures, SAMPLE_SEED).ifPresent(seed ->
        targets.put("sample: the job from process start <= 0.6 x the seed's loader", verdict(ours.wall() / seed.wall(), 0.6, true))));
    find(figures, SAMPLE_RUN).ifPresent(run ->
        targets.put("sample: scripts/sparkify run, whole command, <= 8 s", verdict(run.wall(), 8, true)));
    return targets;
  }

  private static String verdict(double ratio, double bound, boolean atMost) {
    boolean met = atMost ? ratio <= bound : ratio >= bound;
    return String.format(Locale.ROOT, "%s (%.2f, bound %.2f)", met ? "met" : "NOT met", ratio, bound);
  }

  private static Optional<Figure> find(List<Figure> figures, String method, long inputRows) {
    return figures.stream().filter(f -> f.method().equals(method) && f.inputRows() == inputRows).findFirst();
  }

  /** A method measured at one size only, as the sample's are. */
  private static Optional<Figure> find(List<Figure> figures, String method) {
    return figures.stream().filter(f -> f.method().equals(method)).findFirst();
  }

  private static Map<String, Object> machine(int nodes) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("cassandra", nodes + " local node(s), 5.0.9, sharing the cores");
    return machine;
  }

  /** Median rows/s per method at the first size, with the rounds' range as a whisker. */
  private static BufferedImage chart(List<Figure> figures, long size) {
    List<Figure> bars = figures.stream().filter(f -> f.inputRows() == size).toList();
    int width = 1000;
    int height = 120 + 40 * bars.size();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(String.format(Locale.ROOT, "Song rows into both tables per second, %,d input rows (median, min-max)", size), 20, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    double max = bars.stream().mapToDouble(f -> f.rows() / f.min()).max().orElse(1);
    int left = 400;
    int barWidth = 420;
    for (int i = 0; i < bars.size(); i++) {
      Figure f = bars.get(i);
      int y = 60 + 40 * i;
      g.setColor(Color.BLACK);
      g.drawString(f.method(), 20, y + 20);
      g.setColor(f.method().startsWith("sparkify") ? new Color(0x2E7D32) : new Color(0x607D8B));
      int w = (int) Math.max(1, barWidth * f.rowsPerSecond() / max);
      g.fillRect(left, y + 4, w, 22);
      g.setColor(Color.BLACK);
      int low = left + (int) (barWidth * (f.rows() / f.max()) / max);
      int high = left + (int) (barWidth * (f.rows() / f.min()) / max);
      g.drawLine(low, y + 15, high, y + 15);
      g.drawString(String.format(Locale.ROOT, "%,d/s  (%.1f s)", Math.round(f.rowsPerSecond()), f.wall()), Math.max(high, left + w) + 8, y + 20);
    }
    g.dispose();
    return image;
  }
}
