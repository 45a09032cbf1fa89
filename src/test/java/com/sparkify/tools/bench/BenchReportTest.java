package com.sparkify.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final Map<String, Long> COUNTED = Map.of("t", 900L);

  private static BenchResult run(String method, double wall, double stage) {
    return new BenchResult(method, 1_000, 1_000, wall, 100, false, stage, Double.NaN, 1.5, COUNTED);
  }

  @Test
  void eachFigureIsTheMedianOfItsRoundsWithTheirRangeAndTheJobsStageIsAFigureOfItsOwn() {
    String sstable = BenchReport.ours("sstable");
    List<BenchReport.Figure> figures = BenchReport.figures(List.of(
        run(sstable, 30, 10), run(BenchReport.DSBULK, 90, Double.NaN), run(sstable, 10, 4), run(sstable, 20, 6)));
    BenchReport.Figure end = figures.get(0);
    assertEquals(sstable, end.method());
    assertEquals(3, end.runs());
    assertEquals(20, end.wall());
    assertEquals(10, end.min());
    assertEquals(30, end.max());
    BenchReport.Figure stage = figures.get(1);
    assertEquals(sstable + ": write stage", stage.method());
    assertEquals(6, stage.wall());
    assertEquals(4, stage.min());
    assertEquals(BenchReport.DSBULK, figures.get(2).method(), "no stage for a peer");
    assertEquals(3, figures.size());
    assertEquals(2.5, BenchReport.median(new double[] {1, 2, 3, 4}), "an even count: the mean of the middle two");
  }

  @Test
  void aJobThatVerifiedHasItsReadBackAsAFigureAndATargetAgainstItsWriteStage() {
    String cql = BenchReport.ours("cql");
    List<BenchReport.Figure> figures = BenchReport.figures(List.of(
        run(cql, 60, 30).withStages(30, 12), run(cql, 70, 34).withStages(34, 18), run(cql, 65, 32).withStages(32, 16)));
    assertEquals(List.of(cql, cql + ": write stage", cql + ": read-back (--verify)"),
        figures.stream().map(BenchReport.Figure::method).toList());
    BenchReport.Figure readBack = figures.get(2);
    assertEquals(16, readBack.wall());
    assertEquals(12, readBack.min());
    assertEquals(18, readBack.max());
    assertEquals(0, readBack.rssMib(), "a stage has no process of its own");
    assertEquals("met (0.50, bound 0.50)",
        BenchReport.targets(figures, List.of(), List.of(1_000L)).get(cql + ": read-back at 1000 <= 0.5 x its write stage"));
  }

  @Test
  void rowsCountedDifferentlyInTwoRoundsAreShownNotHidden() {
    BenchResult lost = new BenchResult(BenchReport.RAW, 1_000, 1_000, 5, 0, false, Double.NaN, Double.NaN, 1, Map.of("t", 899L));
    BenchReport.Figure raw = BenchReport.figures(List.of(run(BenchReport.RAW, 4, Double.NaN), lost)).get(0);
    assertTrue(raw.counted().startsWith("DIFFER between rounds"), raw.counted());
  }

  @Test
  void targetsCompareMediansAgainstTheirBounds() {
    List<BenchReport.Figure> figures = BenchReport.figures(List.of(
        run(BenchReport.ours("sstable"), 20, 5), run(BenchReport.ours("cql"), 50, 30),
        run(BenchReport.DSBULK_BEST, 90, Double.NaN), run(BenchReport.DSBULK_BEST_SIDE_BY_SIDE, 70, Double.NaN)));
    Map<String, String> targets = BenchReport.targets(figures, List.of(), List.of(1_000L));
    assertEquals("met (3.50, bound 3.00)",
        targets.get("sstable mode end to end >= 3x faster than DSBulk's best (" + BenchReport.DSBULK_BEST_SIDE_BY_SIDE + ")"));
    assertEquals("met (6.00, bound 3.00)", targets.get("sstable mode's table stage >= 3x faster than cql mode's"));
  }
}
