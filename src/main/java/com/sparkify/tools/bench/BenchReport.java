package com.sparkify.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** The bench's table, its JSON record and its chart, and the targets read from them. */
final class BenchReport {
  static final String OURS = "sparkify job, end to end (incl. events.csv)";
  static final String OURS_WRITE = "sparkify job: its Cassandra write stage";
  static final String DSBULK = "DSBulk 1.10, defaults (2 loads)";
  static final String DSBULK_BEST = "DSBulk 1.10, best settings found (2 loads)";
  static final String RAW = "raw Java driver, async, 512 in flight";
  static final String SEED = "seed: 1 sync INSERT per row (extrapolated)";
  static final String SAMPLE_OURS = "data/ sample: the job, from process start";
  static final String SAMPLE_SEED = "data/ sample: seed row by row, from process start";

  private BenchReport() {}

  static void write(List<BenchResult> results, List<Long> sizes, Path folder) throws IOException {
    List<String> table = table(results);
    Map<String, Object> targets = targets(results, sizes);
    table.forEach(System.out::println);
    System.out.println();
    targets.forEach((target, verdict) -> System.out.println("target: " + target + ": " + verdict));

    Files.createDirectories(folder);
    String date = LocalDate.now().toString();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", date);
    json.put("machine", machine());
    json.put("sizes", sizes);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BenchResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", r.method());
      row.put("input_rows", r.inputRows());
      row.put("rows_loaded", r.rows());
      row.put("wall_s", round(r.wallSeconds()));
      row.put("rows_per_s", Math.round(r.rowsPerSecond()));
      row.put("peak_rss_mib", Math.round(r.peakRssMib()));
      row.put("extrapolated", r.extrapolated());
      rows.add(row);
    }
    json.put("results", rows);
    json.put("targets", targets);
    Path jsonFile = folder.resolve(date + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
    Path chart = folder.resolve(date + ".png");
    ImageIO.write(chart(results, sizes), "png", chart.toFile());
    System.out.println("bench: wrote " + jsonFile + " and " + chart);
  }

  private static List<String> table(List<BenchResult> results) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-50s %11s %11s %9s %10s %9s", "method", "input rows", "wall s", "rows/s", "vs ours", "RSS MiB"));
    for (BenchResult r : results) {
      Optional<BenchResult> ours = find(results, r.method().startsWith("data/") ? SAMPLE_OURS : OURS, r.inputRows());
      String ratio = ours.map(o -> String.format(Locale.ROOT, "%.2fx", r.wallSeconds() / o.wallSeconds())).orElse("");
      lines.add(String.format(Locale.ROOT, "%-50s %,11d %11.1f %,9d %10s %9s", r.method(), r.inputRows(), r.wallSeconds(),
          Math.round(r.rowsPerSecond()), ratio, r.peakRssMib() > 0 ? String.format(Locale.ROOT, "%,.0f", r.peakRssMib()) : "-"));
    }
    lines.add("rows/s: song rows loaded into both tables per second of wall time; vs ours: wall time / our job's");
    return lines;
  }

  private static Map<String, Object> targets(List<BenchResult> results, List<Long> sizes) {
    Map<String, Object> targets = new LinkedHashMap<>();
    long first = sizes.get(0);
    find(results, OURS, first).ifPresent(ours -> find(results, DSBULK_BEST, first).ifPresent(dsbulk ->
        targets.put("job wall <= 0.5 x DSBulk best (2 loads)", verdict(ours.wallSeconds() / dsbulk.wallSeconds(), 0.5, true))));
    find(results, OURS_WRITE, first).ifPresent(write -> find(results, RAW, first).ifPresent(raw ->
        targets.put("job write stage rows/s >= 0.8 x raw loader", verdict(write.rowsPerSecond() / raw.rowsPerSecond(), 0.8, false))));
    if (sizes.size() > 1) {
      long last = sizes.get(sizes.size() - 1);
      find(results, OURS, first).ifPresent(small -> find(results, OURS, last).ifPresent(big -> {
        targets.put("peak RSS at " + last + " within 15% of " + first, verdict(big.peakRssMib() / small.peakRssMib(), 1.15, true));
        targets.put("time(" + last + ") / time(" + first + ") <= " + (11.0 * last / first / 10),
            verdict(big.wallSeconds() / small.wallSeconds(), 11.0 * last / first / 10, true));
      }));
    }
    find(results, SAMPLE_OURS, 8000).ifPresent(ours -> find(results, SAMPLE_SEED, 8000).ifPresent(seed ->
        targets.put("sample: job faster than the seed from process start", verdict(ours.wallSeconds() / seed.wallSeconds(), 1.0, true))));
    return targets;
  }

  private static String verdict(double ratio, double bound, boolean atMost) {
    boolean met = atMost ? ratio <= bound : ratio >= bound;
    return String.format(Locale.ROOT, "%s (%.2f, bound %.2f)", met ? "met" : "NOT met", ratio, bound);
  }

  private static Optional<BenchResult> find(List<BenchResult> results, String method, long inputRows) {
    return results.stream().filter(r -> r.method().equals(method) && r.inputRows() == inputRows).findFirst();
  }

  private static Map<String, Object> machine() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("cassandra", "one local node, 5.0.9, 1 GiB heap, sharing the cores");
    return machine;
  }

  /** Rows/s per method at the first size (bars); with several sizes, the job's wall time per size beside it. */
  private static BufferedImage chart(List<BenchResult> results, List<Long> sizes) {
    List<BenchResult> bars = results.stream().filter(r -> r.inputRows() == sizes.get(0)).toList();
    int width = sizes.size() > 1 ? 1400 : 900;
    int height = 120 + 44 * bars.size();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(String.format(Locale.ROOT, "Song rows loaded into both tables per second, %,d input rows", sizes.get(0)), 20, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    double max = bars.stream().mapToDouble(BenchResult::rowsPerSecond).max().orElse(1);
    int left = 380;
    int barWidth = 420;
    for (int i = 0; i < bars.size(); i++) {
      BenchResult r = bars.get(i);
      int y = 60 + 44 * i;
      g.setColor(Color.BLACK);
      g.drawString(r.method(), 20, y + 20);
      g.setColor(r.method().startsWith("sparkify") ? new Color(0x2E7D32) : new Color(0x607D8B));
      int w = (int) Math.max(1, barWidth * r.rowsPerSecond() / max);
      g.fillRect(left, y + 4, w, 24);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%,d/s  (%.1f s)", Math.round(r.rowsPerSecond()), r.wallSeconds()), left + w + 8, y + 21);
    }
    if (sizes.size() > 1) {
      lineChart(g, results, sizes, 920, 60, 440, height - 110);
    }
    g.dispose();
    return image;
  }

  private static void lineChart(Graphics2D g, List<BenchResult> results, List<Long> sizes, int x0, int y0, int w, int h) {
    List<double[]> points = new ArrayList<>();
    sizes.forEach(size -> find(results, OURS, size).ifPresent(r -> points.add(new double[] {size, r.wallSeconds()})));
    double maxX = points.stream().mapToDouble(p -> p[0]).max().orElse(1);
    double maxY = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
    g.setColor(Color.BLACK);
    g.drawString("the job's wall time (s) against input rows", x0, y0 - 10);
    g.drawLine(x0, y0 + h, x0 + w, y0 + h);
    g.drawLine(x0, y0, x0, y0 + h);
    g.setStroke(new BasicStroke(2));
    g.setColor(new Color(0x2E7D32));
    int[] previous = null;
    for (double[] p : points) {
      int[] xy = {x0 + (int) (w * p[0] / maxX), y0 + h - (int) (h * p[1] / maxY)};
      g.fillOval(xy[0] - 4, xy[1] - 4, 8, 8);
      g.drawString(String.format(Locale.ROOT, "%,.0f rows: %.0f s", p[0], p[1]), xy[0] - 150, xy[1] - 8);
      if (previous != null) {
        g.drawLine(previous[0], previous[1], xy[0], xy[1]);
      }
      previous = xy;
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
