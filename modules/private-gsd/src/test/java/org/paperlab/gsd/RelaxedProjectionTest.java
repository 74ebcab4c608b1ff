package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RelaxedProjectionTest {
  /** A table with structure: b copies a most of the time, u grows with a. */
  static Table structured(Schema s, int n, SplittableRandom rng) {
    int[] cat = new int[n * s.dc()];
    float[] num = new float[n * s.dn()];
    for (int r = 0; r < n; r++) {
      int a = rng.nextInt(3);
      cat[r * s.dc()] = a;
      cat[r * s.dc() + 1] = rng.nextDouble() < 0.8 ? a % 2 : 1 - a % 2;
      cat[r * s.dc() + 2] = rng.nextInt(4);
      num[r * s.dn()] = (float) Math.min(1, Math.max(0, 0.25 * a + 0.1 * rng.nextGaussian() + 0.2));
      num[r * s.dn() + 1] = (float) rng.nextDouble();
      num[r * s.dn() + 2] = (float) rng.nextDouble();
    }
    return new Table(s, n, cat, num);
  }

  /**
   * Fitting exact 1-way, 2-way and range answers of a structured table: the relaxed loss falls
   * by more than 100x and the rounded table (200 rows x 10 samples) answers every marginal to
   * within 0.06 (the sampling error of 2,000 rows is about 0.01 per query).
   */
  @Test
  void fitsExactMarginalsAndRanges() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    SplittableRandom rng = new SplittableRandom(1);
    Table real = structured(s, 2000, rng);
    WorkloadSet set = Workloads.build(s, List.of("1way", "2way", "range"),
        QueryOptions.defaults().withRangeResolutions(List.of(2, 4, 8)).withRangeResolutions2(List.of()));
    double[] y = set.answers(real);
    FitResult<RapConfig> f = RelaxedProjection.fit(RapConfig.defaults().withRows(200).withIterations(300).withSeed(2), set, y);
    assertEquals(2000, f.table().n());
    double[] tl = f.traceLoss();
    assertTrue(tl[tl.length - 1] < tl[0] / 100, "relaxed loss " + tl[0] + " -> " + tl[tl.length - 1]);
    var e = Evaluation.errors(set, y, set.answers(f.table()));
    assertTrue(e.get("2way").max() < 0.06, "2way " + e.get("2way"));
    assertTrue(e.get("range").max() < 0.06, "range " + e.get("range"));
    assertEquals(Gsd.fitnessOf(set.counts(f.table()), y, 2000), f.loss(), 1e-12);
  }

  /** Prefix and halfspace queries are fitted through their sigmoid relaxations. */
  @Test
  void fitsPrefixAndHalfspaceQueries() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    Table real = structured(s, 2000, new SplittableRandom(3));
    WorkloadSet set = Workloads.build(s, List.of("prefix", "halfspace"),
        QueryOptions.defaults().withPrefixesPerColumn(8).withHalfspacesPerColumn(8));
    double[] y = set.answers(real);
    Table random = Table.random(s, 2000, new SplittableRandom(4));
    double before = Evaluation.errors(set, y, set.answers(random)).get("prefix").mean();
    FitResult<RapConfig> f = RelaxedProjection.fit(RapConfig.defaults().withRows(200).withIterations(300).withSeed(5), set, y);
    var e = Evaluation.errors(set, y, set.answers(f.table()));
    assertTrue(e.get("prefix").mean() < before / 3, "prefix mean " + e.get("prefix").mean() + " vs random " + before);
    assertTrue(e.get("halfspace").max() < 0.1, "halfspace " + e.get("halfspace"));
  }

  @Test
  void badConfigsAreRejected() {
    RapConfig d = RapConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withRows(0));
    assertThrows(IllegalArgumentException.class, () -> d.withIterations(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0));
    assertThrows(IllegalArgumentException.class, () -> d.withSlopes(0, 1));
    assertThrows(IllegalArgumentException.class, () -> d.withSamplesPerRow(0));
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(-1)); // 0 is valid now: all cores
  }

  /**
   * threads 0 is resolved to the number of cores when the fit starts: the result equals the fit
   * with that count given explicitly (RAP's result is reproducible for a given resolved count).
   * A warm start and a different seed change nothing of that; the rows are rows x samplesPerRow.
   */
  @Test
  void threadsZeroIsAllCoresResolvedAtTheStart() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    WorkloadSet set = IncrementalAnswersTest.mixedSet(s);
    double[] y = set.answers(structured(s, 500, new SplittableRandom(6)));
    RapConfig c = RapConfig.defaults().withRows(40).withIterations(30).withSamplesPerRow(3).withSeed(11);
    FitResult<RapConfig> auto = RelaxedProjection.fit(c.withThreads(0), set, y);
    FitResult<RapConfig> cores = RelaxedProjection.fit(c.withThreads(org.paperlab.core.Parallel.threads(0)), set, y);
    assertEquals(cores.table(), auto.table());
    assertEquals(cores.loss(), auto.loss(), 0);
    assertEquals(120, auto.table().n());
    assertEquals(0, auto.config().threads());
    Table warm = structured(s, 40, new SplittableRandom(7));
    FitResult<RapConfig> w1 = RelaxedProjection.fit(c.withThreads(0), set, y, warm);
    FitResult<RapConfig> w2 = RelaxedProjection.fit(c.withThreads(org.paperlab.core.Parallel.threads(0)), set, y, warm);
    assertEquals(w1.table(), w2.table());
  }
}
