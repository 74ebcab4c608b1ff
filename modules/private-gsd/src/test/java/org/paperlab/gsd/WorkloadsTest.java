package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every query type against answers counted by hand on the six rows of {@link Fixtures#table()}. */
class WorkloadsTest {
  private final Schema s = Fixtures.schema();
  private final Table t = Fixtures.table();

  private int[] counts(Workload w) {
    return new WorkloadSet(s, List.of(w)).counts(t);
  }

  @Test
  void marginals() {
    assertArrayEquals(new int[] {3, 1, 2}, counts(new MarginalWorkload(s, 0))); // red, green, blue
    assertArrayEquals(new int[] {4, 2}, counts(new MarginalWorkload(s, 1))); // S, L
    // (color, size): red S 2, red L 1, green S 1, green L 0, blue S 1, blue L 1
    assertArrayEquals(new int[] {2, 1, 1, 0, 1, 1}, counts(new MarginalWorkload(s, 0, 1)));
    assertEquals("color=green AND size=L", new MarginalWorkload(s, 0, 1).describe(3));
    double[] a = new WorkloadSet(s, List.of(new MarginalWorkload(s, 0))).answers(t);
    assertArrayEquals(new double[] {0.5, 1.0 / 6, 2.0 / 6}, a, 1e-15);
  }

  @Test
  void rangeMarginals() {
    // x (scaled) = .1 .3 .6 .9 1.0 .4; at 2 bins: 0 0 1 1 1 0; at 4 bins: 0 1 2 3 3 1
    RangeWorkload w = new RangeWorkload(s, "range", 0, new int[] {0}, new int[] {2, 4});
    assertEquals(2, w.levels());
    assertEquals(3 * 2 + 3 * 4, w.size());
    assertArrayEquals(new int[] {3, 0, 0, 1, 0, 2, /* R=4 */ 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2}, counts(w));
    // x and y at 2 bins, no categorical: (bx, by) = (0,1) (0,0) (1,1) (1,0) (1,1) (0,0)
    RangeWorkload w2 = new RangeWorkload(s, "range", -1, new int[] {0, 1}, new int[] {2});
    assertArrayEquals(new int[] {2, 1, 1, 2}, counts(w2));
    assertEquals("x in [5, 10] AND y in [0, 5)", w2.describe(2));
  }

  @Test
  void prefixQueries() {
    // x < 0.5 (scaled): rows 0, 1, 5, all red
    assertArrayEquals(new int[] {3, 0, 0}, counts(new PrefixWorkload(s, 0, 0, 0.5f)));
    // x < 0.95: every row but row 4 (x = 1)
    assertArrayEquals(new int[] {3, 1, 1}, counts(new PrefixWorkload(s, 0, 0, 0.95f)));
    assertArrayEquals(new int[] {5}, counts(new PrefixWorkload(s, -1, 0, 0.95f)));
  }

  @Test
  void halfspaceQueries() {
    // x + y > 1.05 (scaled): row 2 (1.1, size S) and row 4 (1.7, size L)
    assertArrayEquals(new int[] {1, 1}, counts(new HalfspaceWorkload(s, 1, new double[] {1, 1}, 1.05)));
    // -x > -0.35: x < 0.35: rows 0 and 1 (red)
    assertArrayEquals(new int[] {2, 0, 0}, counts(new HalfspaceWorkload(s, 0, new double[] {-1, 0}, -0.35)));
  }

  @Test
  void sensitivityBoundsEveryReplacement() {
    // property: replacing one row moves the answer vector by at most sqrt(2 levels)/n in L2
    SplittableRandom rng = new SplittableRandom(7);
    WorkloadSet set = Workloads.build(s, List.of("1way", "2way", "range", "prefix", "halfspace"),
        QueryOptions.defaults().withPrefixesPerColumn(3).withHalfspacesPerColumn(3));
    for (int trial = 0; trial < 200; trial++) {
      Table a = Table.random(s, 20, rng);
      int[] cat = a.catCodes();
      float[] num = a.numValues();
      int r = rng.nextInt(20);
      Table other = Table.random(s, 1, rng);
      System.arraycopy(other.catCodes(), 0, cat, r * s.dc(), s.dc());
      System.arraycopy(other.numValues(), 0, num, r * s.dn(), s.dn());
      Table b = new Table(s, 20, cat, num);
      double[] x = set.answers(a);
      double[] y = set.answers(b);
      for (int w = 0; w < set.count(); w++) {
        double d2 = 0;
        for (int q = 0; q < set.get(w).size(); q++) {
          double d = x[set.offset(w) + q] - y[set.offset(w) + q];
          d2 += d * d;
        }
        assertTrue(Math.sqrt(d2) <= set.get(w).l2Sensitivity(20) + 1e-12, set.get(w).name());
      }
    }
    assertEquals(Math.sqrt(12) / 100, new RangeWorkload(s, "range", 0, new int[] {0}, new int[] {2, 4, 8, 16, 32, 64}).l2Sensitivity(100), 1e-15);
  }

  @Test
  void familiesAreBuiltAsDocumented() {
    QueryOptions o = QueryOptions.defaults().withPrefixesPerColumn(5).withHalfspacesPerColumn(7);
    WorkloadSet set = Workloads.build(s, List.of("1way", "2way", "range", "prefix", "halfspace"), o);
    assertEquals(2 + 2, set.indicesOf("1way").length); // 2 categorical + 2 numeric histograms
    assertEquals(1, set.indicesOf("2way").length);
    assertEquals(2 * 2 + 2 * 1, set.indicesOf("range").length); // per category column: 2 singles + 1 pair
    assertEquals(2 * 5, set.indicesOf("prefix").length);
    assertEquals(2 * 7, set.indicesOf("halfspace").length);
    // the same options give the same random queries
    WorkloadSet again = Workloads.build(s, List.of("prefix", "halfspace"), o);
    assertEquals(set.get(set.indicesOf("prefix")[3]).name(), again.get(3).name());
    // the maxCells filter: the 3x2 marginal has 6 cells
    assertThrows(IllegalArgumentException.class, () -> Workloads.build(s, List.of("2way"), o.withMaxCells(5)));
  }

  @Test
  void badFamilyListsAndSchemasAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.parseFamilies("2way,4way"));
    assertTrue(e.getMessage().contains("unknown query family '4way'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Workloads.parseFamilies(" , "));
    assertEquals(List.of("2way", "range"), Workloads.parseFamilies("2way, RANGE,2way"));
    e = assertThrows(IllegalArgumentException.class, () -> Workloads.build(s, List.of("3way"), QueryOptions.defaults()));
    assertTrue(e.getMessage().contains("at least 3 categorical columns"), e.getMessage());
    Schema catOnly = Schema.of(List.of(Column.categorical("a", List.of("x", "y"))));
    e = assertThrows(IllegalArgumentException.class, () -> Workloads.build(catOnly, List.of("range"), QueryOptions.defaults()));
    assertTrue(e.getMessage().contains("need a numeric column"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RangeWorkload(s, "range", 0, new int[] {0, 0}, new int[] {2}));
    assertThrows(IllegalArgumentException.class, () -> new PrefixWorkload(s, 0, 0, 1.5f));
    assertThrows(IllegalArgumentException.class, () -> new HalfspaceWorkload(s, 0, new double[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> QueryOptions.defaults().withMaxCells(0));
  }
}
