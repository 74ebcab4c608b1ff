package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
    FitResult<GsdConfig> f = Gsd.fit(GsdConfig.defaults().withRows(1000).withMaxGenerations(60_000).withSeed(3), set, y);
    Evaluation.FamilyError e = Evaluation.errors(set, y, set.answers(f.table())).get("2way");
    assertTrue(randomMax > 0.3, "random max error " + randomMax);
    assertTrue(e.max() < 0.01, "max error " + e.max());
    assertTrue(e.mean() < 1e-4, "mean error " + e.mean());
    assertEquals(Gsd.fitnessOf(set.counts(f.table()), y, 1000), f.loss(), 1e-12);
    assertTrue(f.traceLoss()[0] > 10 * f.loss());
  }

  /**
   * Scoring is split over threads but the result depends only on the seed: threads 0 (all cores,
   * resolved when the fit starts), 1, 2 and 3 give the same table. The workloads are large enough
   * for the parallel path ({@link Gsd#PARALLEL_MIN_LEVELS}: 59 levels per column x 200 candidates),
   * so the threads are really used (with the earlier population of 20 they were not).
   */
  @Test
  void resultDoesNotDependOnThreads() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    WorkloadSet set = IncrementalAnswersTest.mixedSet(s);
    double[] y = set.answers(Table.random(s, 200, new SplittableRandom(5)));
    GsdConfig c = GsdConfig.defaults().withRows(100).withMaxGenerations(1500).withPopulationSize(200).withSeed(8);
    assertTrue(Gsd.parallelWorth(c, set), "the test workloads must take the parallel path");
    FitResult<GsdConfig> one = Gsd.fit(c.withThreads(1), set, y);
    FitResult<GsdConfig> two = Gsd.fit(c.withThreads(2), set, y);
    FitResult<GsdConfig> three = Gsd.fit(c.withThreads(3), set, y);
    FitResult<GsdConfig> all = Gsd.fit(c.withThreads(0), set, y);
    assertEquals(one.table(), two.table());
    assertEquals(one.table(), three.table());
    assertEquals(one.table(), all.table());
    assertEquals(one.loss(), two.loss(), 0);
    assertEquals(0, all.config().threads()); // the config keeps 0: it does not depend on the machine
  }

  /**
   * The seed rule the experiments rely on: a fit with seed S draws from
   * {@code new SplittableRandom(S)}, exactly as the stream-taking fit of the synthesis does.
   */
  @Test
  void seedIsTheStartOfTheFitsStream() {
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way", "range"), QueryOptions.defaults());
    double[] y = set.answers(t);
    GsdConfig c = GsdConfig.defaults().withRows(20).withMaxGenerations(300).withSeed(-4242);
    FitResult<GsdConfig> a = Gsd.fit(c, set, y);
    FitResult<GsdConfig> b = Gsd.fit(c, set, y, Optional.empty(), new SplittableRandom(-4242), null);
    FitResult<GsdConfig> other = Gsd.fit(c.withSeed(-4241), set, y);
    assertEquals(a.table(), b.table());
    assertArrayEquals(a.traceLoss(), b.traceLoss());
    assertNotEquals(a.table(), other.table());
    assertSame(c, a.config());
  }

  /** The result's arrays are copies, and its metrics carry the CLI's keys. */
  @Test
  void resultIsReadOnlyAndHasMetrics() {
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way"), QueryOptions.defaults());
    FitResult<GsdConfig> f = Gsd.fit(GsdConfig.defaults().withRows(6).withMaxGenerations(50), set, set.answers(t));
    double first = f.traceLoss()[0];
    f.traceLoss()[0] = -1;
    f.traceIteration()[0] = -1;
    assertEquals(first, f.traceLoss()[0], 0);
    assertEquals(0, f.traceIteration()[0], 0);
    assertEquals(List.of("generations", "early_stop", "fitness", "seconds"), List.copyOf(f.toMetrics().keySet()));
    assertEquals(f.iterations(), f.toMetrics().get("generations"));
    assertEquals(f.loss(), f.toMetrics().get("fitness"));
  }

  /** A listener hears the generations, ending with the cap. */
  @Test
  void listenerHearsTheGenerations() {
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way"), QueryOptions.defaults());
    List<long[]> calls = new ArrayList<>();
    GsdConfig c = GsdConfig.defaults().withRows(6).withMaxGenerations(40).withEarlyStopWindow(1000);
    Gsd.fit(c, set, set.answers(Fixtures.table()), (done, total) -> calls.add(new long[] {done, total}));
    assertEquals(41, calls.size()); // every generation (cap / 1000 < 1), then the end
    assertArrayEquals(new long[] {1, 40}, calls.get(0));
    assertArrayEquals(new long[] {40, 40}, calls.get(calls.size() - 1));
  }

  /** A warm start that already answers every query exactly has fitness 0 and is returned as is. */
  @Test
  void exactWarmStartStopsAtOnce() {
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way", "range"), QueryOptions.defaults());
    FitResult<GsdConfig> f = Gsd.fit(GsdConfig.defaults().withRows(6).withEarlyStopWindow(10).withSeed(1), set, set.answers(t), t);
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
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(-1)); // 0 is valid now: all cores
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(1025));
    Table t = Fixtures.table();
    WorkloadSet set = Workloads.build(t.schema(), List.of("2way"), QueryOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gsd.fit(d, set, new double[set.size() + 1]));
    assertTrue(e.getMessage().contains("targets length"), e.getMessage());
  }
}
