package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntropicMapTest {
  private static PointCloud gaussian(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[n * d];
    for (int q = 0; q < p.length; q++) {
      p[q] = r.nextGaussian();
    }
    return PointCloud.of(p, n, d);
  }

  private static double maxError(double[] mapped, PointCloud x, double[] shift) {
    double worst = 0;
    int d = x.d();
    double[] pts = x.points();
    for (int i = 0; i < x.n(); i++) {
      for (int k = 0; k < d; k++) {
        worst = Math.max(worst, Math.abs(mapped[i * d + k] - (pts[i * d + k] + shift[k])));
      }
    }
    return worst;
  }

  /**
   * A translated cloud y_i = x_i + v: under the squared Euclidean cost the optimal coupling pairs
   * x_i with x_i + v (Brenier: the gradient of a convex potential, here |x|^2/2 + <v, x>), so the
   * entropic map at the samples tends to x_i + v as epsilon -> 0 (Pooladian and Niles-Weed,
   * Theorem 3). The error must shrink with epsilon and be tiny at the smallest.
   */
  @Test
  void aTranslationIsRecoveredAsEpsilonShrinks() {
    PointCloud x = gaussian(60, 3, 1);
    double[] v = {2.0, -1.0, 0.5};
    double[] yp = x.points();
    for (int i = 0; i < x.n(); i++) {
      for (int k = 0; k < 3; k++) {
        yp[i * 3 + k] += v[k];
      }
    }
    PointCloud y = PointCloud.of(yp, x.n(), 3);
    double previous = Double.POSITIVE_INFINITY;
    for (double eps : new double[] {0.1, 0.01, 0.001, 0.0001}) {
      EntropicMap t = EntropicMap.fit(SinkhornConfig.defaults().withEpsilon(eps, EpsilonScale.MEAN)
          .withPrecision(Precision.DOUBLE).withEpsilonScaling(true).withTolerance(1e-6).withMaxIterations(50_000),
          x, y, StandardCost.SQEUCLIDEAN);
      double err = maxError(t.apply(x), x, v);
      assertTrue(err < previous, "eps " + eps + ": " + err + " not below " + previous);
      previous = err;
    }
    assertTrue(previous < 1e-3, "max error at eps = 1e-4 x mean cost: " + previous);
  }

  /** At the sample points the out-of-sample formula is the plan's barycentric projection. */
  @Test
  void outOfSampleEqualsTheBarycentricProjectionAtTheSamples() {
    PointCloud x = gaussian(150, 2, 2);
    PointCloud y = gaussian(120, 2, 3);
    EntropicMap t = EntropicMap.fit(SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEAN)
        .withPrecision(Precision.DOUBLE).withTolerance(1e-12), x, y, StandardCost.SQEUCLIDEAN);
    double[] mapped = t.apply(x);
    TransportPlan plan = t.solve().plan();
    double[] bary = plan.applyRight(y.points(), 2); // sum_j P_ij y_j
    double[] rows = plan.rowSums();
    for (int i = 0; i < x.n(); i++) {
      for (int k = 0; k < 2; k++) {
        assertEquals(bary[i * 2 + k] / rows[i], mapped[i * 2 + k], 1e-8, "point " + i);
      }
    }
  }

  @Test
  void badPointsAreRefused() {
    PointCloud x = gaussian(20, 2, 4);
    EntropicMap t = EntropicMap.fit(SinkhornConfig.defaults(), x, gaussian(20, 2, 5), StandardCost.SQEUCLIDEAN);
    assertThrows(IllegalArgumentException.class, () -> t.apply(new double[] {1, 2, 3}, 1));
    assertThrows(IllegalArgumentException.class, () -> t.apply(new double[] {1, Double.NaN}, 1));
  }
}
