package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SinkhornDivergenceTest {
  static SinkhornConfig cfg() {
    return SinkhornConfig.defaults().withPrecision(Precision.DOUBLE).withTolerance(1e-13)
        .withMaxIterations(100_000).withEpsilon(0.5);
  }

  @Test
  void isZeroForIdenticalClouds() {
    PointCloud x = SinkhornPropertiesTest.blob(50, 3, 0, 1);
    for (StandardCost c : StandardCost.values()) {
      SinkhornDivergence.Result r = SinkhornDivergence.solve(cfg(), x, x, c, true, true);
      assertEquals(0.0, r.value(), 1e-12, c.toString());
      for (double g : r.gradX()) {
        assertEquals(0.0, g, 1e-9);
      }
    }
  }

  /** Positive for distinct clouds (Feydy et al. 2019, Theorem 1), on 10 random pairs and 3 costs. */
  @Test
  void isPositiveForDistinctClouds() {
    for (int seed = 0; seed < 10; seed++) {
      PointCloud x = SinkhornPropertiesTest.blob(40, 2, 0, 100 + seed);
      PointCloud y = SinkhornPropertiesTest.blob(35, 2, 0.05 * seed, 200 + seed);
      for (StandardCost c : StandardCost.values()) {
        SinkhornDivergence.Result r = SinkhornDivergence.solve(cfg(), x, y, c);
        assertTrue(r.value() > 0, c + " seed " + seed + ": " + r.value());
        assertTrue(r.converged());
      }
    }
    // and it grows with the separation
    PointCloud x = SinkhornPropertiesTest.blob(40, 2, 0, 1);
    double previous = 0;
    for (double shift : new double[] {0.5, 1, 2}) {
      double v = SinkhornDivergence.solve(cfg(), x, SinkhornPropertiesTest.blob(40, 2, shift, 2),
          StandardCost.SQEUCLIDEAN).value();
      assertTrue(v > previous);
      previous = v;
    }
  }

  /** Central finite differences of S in single coordinates (step 1e-5, error O(h^2)). */
  @Test
  void gradientMatchesFiniteDifferences() {
    PointCloud x = SinkhornPropertiesTest.blob(12, 2, 0, 5).withWeights(SinkhornPropertiesTest.weights(12, 6));
    PointCloud y = SinkhornPropertiesTest.blob(9, 2, 0.8, 7);
    for (StandardCost c : StandardCost.values()) {
      SinkhornDivergence.Result r = SinkhornDivergence.solve(cfg(), x, y, c, true, true);
      double h = 1e-5;
      for (int q : new int[] {0, 5, 13, 22}) {
        double[] p = x.points();
        p[q] += h;
        double up = SinkhornDivergence.solve(cfg(), new PointCloud(p, 12, 2, x.weights()), y, c).value();
        p[q] -= 2 * h;
        double down = SinkhornDivergence.solve(cfg(), new PointCloud(p, 12, 2, x.weights()), y, c).value();
        assertEquals((up - down) / (2 * h), r.gradX()[q], 2e-7, c + " dS/dx[" + q + "]");
      }
      for (int q : new int[] {1, 8, 17}) {
        double[] p = y.points();
        p[q] += h;
        double up = SinkhornDivergence.solve(cfg(), x, PointCloud.of(p, 9, 2), c).value();
        p[q] -= 2 * h;
        double down = SinkhornDivergence.solve(cfg(), x, PointCloud.of(p, 9, 2), c).value();
        assertEquals((up - down) / (2 * h), r.gradY()[q], 2e-7, c + " dS/dy[" + q + "]");
      }
    }
  }

  @Test
  void unbalancedDivergenceIsZeroForIdenticalMeasures() {
    PointCloud x = SinkhornPropertiesTest.blob(30, 2, 0, 9).withWeights(filled(30, 0.05)); // mass 1.5
    SinkhornDivergence.Result r = SinkhornDivergence.solve(cfg().withTau(1.0), x, x, StandardCost.SQEUCLIDEAN);
    assertEquals(0.0, r.value(), 1e-12);
  }

  private static double[] filled(int n, double v) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, v);
    return w;
  }

  @Test
  void gradientsNeedAStandardCost() {
    PointCloud x = SinkhornPropertiesTest.blob(5, 2, 0, 1);
    Cost custom = (p, po, q, qo, d) -> Math.abs(p[po] - q[qo]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SinkhornDivergence.solve(cfg(), x, x, custom, true, false));
    assertTrue(e.getMessage().contains("gradient"), e.getMessage());
  }
}
