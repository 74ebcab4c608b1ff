package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MongeGapTest {
  static SinkhornConfig cfg(double eps) {
    return SinkhornConfig.defaults().withPrecision(Precision.DOUBLE).withTolerance(1e-12)
        .withMaxIterations(20_000).withEpsilon(eps).withEpsilonScaling(true);
  }

  static double[] points(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[n * d];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian();
    }
    return p;
  }

  /**
   * M(T) >= eps log n for every map (the diagonal coupling is feasible): 20 random maps. The bound
   * holds for unconverged solves too: the dual value is a lower bound of OT, so it can only raise M.
   */
  @Test
  void isNeverBelowEpsLogN() {
    int n = 40;
    int d = 2;
    double[] x = points(n, d, 1);
    SplittableRandom rng = new SplittableRandom(2);
    for (int trial = 0; trial < 20; trial++) {
      double[] w = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      double[] tx = new double[n * d];
      for (int i = 0; i < n; i++) {
        double a = x[2 * i];
        double b = x[2 * i + 1];
        tx[2 * i] = Math.tanh(w[0] * a + w[1] * b) + 0.3 * rng.nextGaussian();
        tx[2 * i + 1] = Math.sin(w[2] * a) * w[3] + b;
      }
      for (StandardCost c : StandardCost.values()) {
        double eps = 0.05;
        MongeGap.Result r = MongeGap.solve(cfg(eps).withMaxIterations(2000).withTolerance(1e-9), x, tx, n, d, c, false);
        assertTrue(r.value() >= eps * Math.log(n) - 1e-9, c + " trial " + trial + ": " + r.value());
      }
    }
  }

  /**
   * Translations sit at the floor: M(x + t) = M(id) = 2 eps log n - OT_eps^KL(mu_n, mu_n), within
   * [eps log n, 2 eps log n], and -> eps log n when eps is small against the squared gaps.
   */
  @Test
  void translationIsAtTheFloor() {
    int n = 30;
    int d = 2;
    double[] x = points(n, d, 3);
    double eps = 0.3;
    double[] id = x.clone();
    MongeGap.Result gapId = MongeGap.solve(cfg(eps), x, id, n, d, StandardCost.SQEUCLIDEAN, false);
    SinkhornResult self = Sinkhorn.solve(cfg(eps), PointCloud.of(x, n, d), PointCloud.of(x, n, d), StandardCost.SQEUCLIDEAN);
    double floor = 2 * eps * Math.log(n) - self.dual();
    assertEquals(floor, gapId.value(), 1e-10);
    assertTrue(floor >= eps * Math.log(n) - 1e-12 && floor <= 2 * eps * Math.log(n) + 1e-12);
    for (double[] t : new double[][] {{1, 0}, {-3, 2.5}, {10, -7}}) {
      double[] tx = x.clone();
      for (int i = 0; i < n; i++) {
        tx[2 * i] += t[0];
        tx[2 * i + 1] += t[1];
      }
      MongeGap.Result r = MongeGap.solve(cfg(eps), x, tx, n, d, StandardCost.SQEUCLIDEAN, false);
      assertEquals(floor, r.value(), 1e-8, "t = " + t[0] + "," + t[1]);
      assertEquals(t[0] * t[0] + t[1] * t[1], r.displacement(), 1e-12);
    }
    // well separated points (a grid of spacing 1) and eps = 0.01: the floor is eps log n
    double[] grid = new double[2 * 25];
    for (int i = 0; i < 25; i++) {
      grid[2 * i] = i % 5;
      grid[2 * i + 1] = i / 5;
    }
    double small = 0.01;
    MongeGap.Result g = MongeGap.solve(cfg(small), grid, shift(grid, 0.3, -0.2), 25, 2, StandardCost.SQEUCLIDEAN, false);
    // the next coupling costs at least e^{-1/eps} = e^-100 relative: eps log n is exact to round-off
    assertEquals(small * Math.log(25), g.value(), 1e-12);
  }

  private static double[] shift(double[] p, double a, double b) {
    double[] q = p.clone();
    for (int i = 0; i < q.length; i += 2) {
      q[i] += a;
      q[i + 1] += b;
    }
    return q;
  }

  /** A map that crosses paths (a reflection of the order of points) has a much larger gap. */
  @Test
  void crossingMapIsFarAboveTheFloor() {
    int n = 30;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / (double) n;
    }
    double[] monotone = new double[n];
    double[] crossing = new double[n];
    for (int i = 0; i < n; i++) {
      monotone[i] = 2 * x[i] + 0.5; // increasing: optimal in 1-D
      crossing[i] = 2 * x[n - 1 - i] + 0.5; // the same image set, paths crossed
    }
    double eps = 0.001;
    double floor = MongeGap.solve(cfg(eps), x, monotone, n, 1, StandardCost.SQEUCLIDEAN, false).value();
    double cross = MongeGap.solve(cfg(eps), x, crossing, n, 1, StandardCost.SQEUCLIDEAN, false).value();
    assertTrue(floor <= 2 * eps * Math.log(n) + 1e-9, "floor " + floor);
    assertTrue(cross > 50 * floor, cross + " vs " + floor);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    int n = 10;
    int d = 2;
    double[] x = points(n, d, 5);
    double[] tx = points(n, d, 6);
    for (StandardCost c : StandardCost.values()) {
      SinkhornConfig k = cfg(0.3).withEpsilonScaling(false);
      MongeGap.Result r = MongeGap.solve(k, x, tx, n, d, c, true);
      double h = 1e-5;
      for (int q : new int[] {0, 3, 11, 19}) {
        double[] p = tx.clone();
        p[q] += h;
        double up = MongeGap.solve(k, x, p, n, d, c, false).value();
        p[q] -= 2 * h;
        double down = MongeGap.solve(k, x, p, n, d, c, false).value();
        assertEquals((up - down) / (2 * h), r.gradient()[q], 2e-7, c + " dM/dz[" + q + "]");
      }
    }
  }

  @Test
  void unbalancedIsRejected() {
    double[] x = points(4, 1, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MongeGap.solve(cfg(0.1).withTau(1), x, x, 4, 1, StandardCost.SQEUCLIDEAN, false));
    assertTrue(e.getMessage().contains("balanced"), e.getMessage());
  }
}
