package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GsdTest {
  /**
   * On exact (non-private) answers GSD drives the 2-way marginal error on binned Adult (all 91
   * pairs, 148,137 queries, 32,561 rows) below 0.01 max and 1e-4 mean with N = 1,000 rows in at
   * most 60,000 generations. (A uniformly random table of 1,000 rows has max error about 0.5.)
   */
  @Test
  void fitsExactTwoWayMarginalsOfBinnedAdult() {
    Table[] split = AdultData.binned().split(2.0 / 3, new SplittableRandom(1));
    Table real = split[0];
    WorkloadSet set = Workloads.build(real.schema(), List.of("2way"), QueryOptions.defaults().withMaxCells(100_000));
    assertEquals(91, set.count());
    double[] y = set.answers(real);
    Table random = Table.random(real.schema(), 1000, new SplittableRandom(2));
    double randomMax = Evaluation.errors(set, y, set.answers(random)).get("2way").max();
    FitResult f = new Gsd(GsdConfig.defaults().withRows(1000).withMaxGenerations(60_000))
        .fit(set, y, Optional.empty(), new SplittableRandom(3));
    Evaluation.FamilyError e = Evaluation.errors(set, y, set.answers(f.table())).get("2way");
    assertTrue(randomMax > 0.3, "random max error " + randomMax);
    assertTrue(e.max() < 0.01, "max error " + e.max());
    assertTrue(e.mean() < 1e-4, "mean error " + e.mean());
    assertEquals(Gsd.fitnessOf(set.counts(f.table()), y, 1000), f.loss(), 1e-12);
    assertTrue(f.traceLoss()[0] > 10 * f.loss());
  }

  /** Scoring is split over threads but the result depends only on the seed. */
  @Test
  void resultDoesNotDependOnThreads() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    WorkloadSet set = IncrementalAnswersTest.mixedSet(s);
    double[] y = set.answers(Table.random(s, 200, new SplittableRandom(5)));
    GsdConfig c = GsdConfig.defaults().withRows(100).withMaxGenerations(3000).withPopulationSize(20);
    FitResult one = new Gsd(c.withThreads(1)).fit(set, y, Optional.empty(), new SplittableRandom(8));
    FitResult two = new Gsd(c.withThreads(2)).fit(set, y, Optional.empty(), new SplittableRandom(8));
    FitResult three = new Gsd(c.withThreads(3)).fit(set, y, Optional.empty(), new SplittableRandom(8));
    assertEquals(one.table(), two.table());
    assertEquals(one.table(), three.table());
    assertEquals(one.loss(), two.loss(), 0);
  }

  /** A warm start that already answers every query exactly has fitness 0 and is returned as is. */
  @Test
  void exactWarmStartStopsAtOnce() {
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way", "range"), QueryOptions.defaults());
    FitResult f = new Gsd(GsdConfig.defaults().withRows(6).withEarlyStopWindow(10))
        .fit(set, set.answers(t), Optional.of(t), new SplittableRandom(1));
    assertEquals(0.0, f.loss(), 0);
    assertEquals(t, f.table());
    assertTrue(f.converged());
    assertEquals(10, f.iterations());
  }

  @Test
  void badConfigsAreRejected() {
    GsdConfig d = GsdConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withRows(0));
    assertThrows(IllegalArgumentException.class, () -> d.withPopulationSize(1));
    assertThrows(IllegalArgumentException.class, () -> d.withEliteSize(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxGenerations(0));
    assertThrows(IllegalArgumentException.class, () -> d.withCrossoverNoise(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withEarlyStopWindow(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way"), QueryOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Gsd(d).fit(set, new double[set.size() + 1], Optional.empty(), new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("targets length"), e.getMessage());
  }
}
