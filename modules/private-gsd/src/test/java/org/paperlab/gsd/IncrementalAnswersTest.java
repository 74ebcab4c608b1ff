package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IncrementalAnswersTest {
  /** A mixed schema with every query family, so every workload kind is updated incrementally. */
  static WorkloadSet mixedSet(Schema s) {
    return Workloads.build(s, List.of("1way", "2way", "3way", "range", "prefix", "halfspace"),
        QueryOptions.defaults().withPrefixesPerColumn(6).withHalfspacesPerColumn(6));
  }

  static Schema mixedSchema() {
    return Schema.of(List.of(
        Column.categorical("a", List.of("a0", "a1", "a2")),
        Column.numeric("u", 0, 1, false),
        Column.categorical("b", List.of("b0", "b1")),
        Column.categorical("c", List.of("c0", "c1", "c2", "c3")),
        Column.numeric("v", -5, 5, false),
        Column.numeric("w", 0, 100, true)));
  }

  /**
   * 5,000 random row replacements (mutations and crossovers: one cell redrawn, or a cell copied
   * from another row with noise) keep the counts equal to a full recount exactly, and the
   * incrementally maintained fitness equal to a recomputation (to 1e-9 relative).
   */
  @Test
  void countsStayExactAfterThousandsOfReplacements() {
    replaceThousandsOfRows(IncrementalAnswers.HIT_CACHE_LIMIT); // per-row hits cached
    replaceThousandsOfRows(0); // hits of the removed row recomputed
  }

  private void replaceThousandsOfRows(long hitCacheLimit) {
    Schema s = mixedSchema();
    WorkloadSet set = mixedSet(s);
    SplittableRandom rng = new SplittableRandom(3);
    Table start = Table.random(s, 300, rng);
    double[] y = new double[set.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextDouble() * 0.2;
    }
    IncrementalAnswers ia = new IncrementalAnswers(set, y, start, hitCacheLimit);
    int[] scratch = new int[2 * set.levels()];
    int[] cat = new int[s.dc()];
    float[] num = new float[s.dn()];
    int[] sizes = s.catSizes();
    for (int step = 0; step < 5000; step++) {
      int r = rng.nextInt(300);
      ia.copyRow(r, cat, 0, num, 0);
      int j = rng.nextInt(s.dc() + s.dn());
      if (step % 2 == 0) { // mutation
        if (j < s.dc()) {
          cat[j] = rng.nextInt(sizes[j]);
        } else {
          num[j - s.dc()] = (float) rng.nextDouble();
        }
      } else { // crossover from another row, with noise on numerics
        int o = rng.nextInt(300);
        if (j < s.dc()) {
          cat[j] = ia.cat(o, j);
        } else {
          num[j - s.dc()] = (float) Math.min(1, Math.max(0, ia.num(o, j - s.dc()) + 0.01 * rng.nextGaussian()));
        }
      }
      double before = ia.fitness();
      double delta = ia.deltaFitness(r, cat, 0, num, 0, scratch);
      // only the workloads reading the changed column are evaluated: same value
      assertEquals(delta, ia.deltaFitness(r, j, cat, 0, num, 0, scratch), 1e-15);
      ia.replaceRow(r, cat, 0, num, 0, scratch);
      assertEquals(before + delta, ia.fitness(), 0);
      if (step % 1000 == 999) {
        assertArrayEquals(set.counts(ia.table()), ia.counts(), "after " + (step + 1) + " replacements");
      }
    }
    assertArrayEquals(set.counts(ia.table()), ia.counts());
    double incremental = ia.fitness();
    double exact = Gsd.fitnessOf(set.counts(ia.table()), y, 300);
    assertEquals(exact, incremental, 1e-9 * exact);
    assertEquals(exact, ia.recomputeFitness(), 0);
  }

  /** The O(levels) delta equals the brute-force difference of two full fitness evaluations. */
  @Test
  void deltaFitnessEqualsBruteForce() {
    Schema s = mixedSchema();
    WorkloadSet set = mixedSet(s);
    SplittableRandom rng = new SplittableRandom(9);
    Table start = Table.random(s, 50, rng);
    double[] y = set.answers(Table.random(s, 50, rng));
    IncrementalAnswers ia = new IncrementalAnswers(set, y, start);
    IncrementalAnswers uncached = new IncrementalAnswers(set, y, start, 0);
    int[] scratch = new int[2 * set.levels()];
    for (int trial = 0; trial < 200; trial++) {
      int r = rng.nextInt(50);
      Table row = Table.random(s, 1, rng);
      int[] cat = start.catCodes();
      float[] num = start.numValues();
      System.arraycopy(row.catCodes(), 0, cat, r * s.dc(), s.dc());
      System.arraycopy(row.numValues(), 0, num, r * s.dn(), s.dn());
      double brute = Gsd.fitnessOf(set.counts(new Table(s, 50, cat, num)), y, 50) - Gsd.fitnessOf(set.counts(start), y, 50);
      double d = ia.deltaFitness(r, row.catCodes(), 0, row.numValues(), 0, scratch);
      assertEquals(brute, d, 1e-12);
      assertEquals(d, uncached.deltaFitness(r, row.catCodes(), 0, row.numValues(), 0, scratch), 0);
    }
  }

  /** The best dataset's history answers "row s at version v" exactly, for every past version. */
  @Test
  void historyReconstructsEveryPastVersion() {
    Schema s = mixedSchema();
    WorkloadSet set = new WorkloadSet(s, List.of(new MarginalWorkload(s, 0)));
    SplittableRandom rng = new SplittableRandom(4);
    int n = 40;
    Table start = Table.random(s, n, rng);
    IncrementalAnswers best = new IncrementalAnswers(set, new double[set.size()], start);
    RowHistory h = new RowHistory(n, s.dc(), s.dn());
    List<Table> versions = new ArrayList<>();
    versions.add(best.table());
    int[] scratch = new int[2 * set.levels()];
    for (int v = 0; v < 300; v++) {
      int r = rng.nextInt(n);
      Table row = Table.random(s, 1, rng);
      h.record(r, best, v + 1);
      best.replaceRow(r, row.catCodes(), 0, row.numValues(), 0, scratch);
      versions.add(best.table());
    }
    for (int v = 0; v < versions.size(); v += 7) {
      Table past = versions.get(v);
      for (int row = 0; row < n; row++) {
        int k = h.find(v, row);
        for (int j = 0; j < s.dc(); j++) {
          int got = k < 0 ? best.cat(row, j) : h.oldCat(k, j);
          assertEquals(past.cat(row, j), got, "version " + v + " row " + row);
        }
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    Schema s = mixedSchema();
    WorkloadSet set = new WorkloadSet(s, List.of(new MarginalWorkload(s, 0)));
    Table t = Table.random(s, 5, new SplittableRandom(1));
    assertThrows(IllegalArgumentException.class, () -> new IncrementalAnswers(set, new double[2], t));
    assertThrows(IllegalArgumentException.class, () -> new IncrementalAnswers(set, new double[] {0, Double.NaN, 0}, t));
    Table other = Fixtures.table();
    assertThrows(IllegalArgumentException.class, () -> new IncrementalAnswers(set, new double[3], other));
    assertThrows(IllegalArgumentException.class,
        () -> Gsd.fit(GsdConfig.defaults(), set, new double[3], other));
  }
}
