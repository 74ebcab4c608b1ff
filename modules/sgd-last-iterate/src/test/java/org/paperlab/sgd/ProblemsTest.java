package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  @Test
  void ladClosedFormMatchesMonteCarlo() {
    // F(x) = E|a^T x - b| estimated from 400 000 samples at a point with r = ||x - x*|| != 0, for
    // s = 0 and s = 0.7; the closed form sqrt(2/pi) sqrt(r^2 + s^2) must lie within 5 standard
    // errors (false-failure rate < 1e-6). The oracle's mean must be sqrt(2/pi) e / sqrt(r^2+s^2)
    // (the gradient of the closed form), checked per coordinate the same way.
    int d = 4;
    for (double s : new double[] {0.0, 0.7}) {
      LadProblem p = new LadProblem(d, s);
      double[] xs = p.minimizer();
      double[] x = {0.3, -0.2, 0.9, 0.1};
      SplittableRandom rng = new SplittableRandom(11);
      int n = 400_000;
      double sum = 0;
      double sum2 = 0;
      double[] gm = new double[d];
      double[] g = new double[d];
      for (int i = 0; i < n; i++) {
        // an independent sample of the loss |a^T x - b| = |a^T (x - x*) - s eps|
        double res = 0;
        for (int j = 0; j < d; j++) {
          res += rng.nextGaussian() * (x[j] - xs[j]);
        }
        res -= s * rng.nextGaussian();
        sum += Math.abs(res) / n;
        sum2 += res * res / n;
        p.gradient(x, rng, g);
        for (int j = 0; j < d; j++) {
          gm[j] += g[j] / n;
        }
      }
      double r2 = 0;
      for (int j = 0; j < d; j++) {
        r2 += (x[j] - xs[j]) * (x[j] - xs[j]);
      }
      double closed = Math.sqrt(2 / Math.PI) * Math.sqrt(r2 + s * s);
      double se = Math.sqrt((sum2 - sum * sum) / n);
      assertEquals(closed, sum, 5 * se, "F at s = " + s);
      assertEquals(closed - Math.sqrt(2 / Math.PI) * s, p.gap(x), 1e-14);
      for (int j = 0; j < d; j++) {
        double expected = Math.sqrt(2 / Math.PI) * (x[j] - xs[j]) / Math.sqrt(r2 + s * s);
        assertEquals(expected, gm[j], 5 / Math.sqrt(n), "grad_" + j + " at s = " + s); // |g_j| <= |a_j|, Var <= 1
      }
      assertEquals(0, p.gap(xs), 0);
    }
    assertThrows(IllegalArgumentException.class, () -> new LadProblem(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new LadProblem(3, -1));
    assertThrows(IllegalArgumentException.class, () -> new LadProblem(3, 0, 0.5));
  }

  @Test
  void l1CompositeOptimumIsTheSoftThreshold() {
    // d = 5, x0 = (-2, -1, 0, 1, 2), lambda/mu = 0.5: x* = (-1.5, -0.5, 0, 0.5, 1.5)
    L1CompositeProblem p = new L1CompositeProblem(5, 2.0, 1.0, true);
    double[] xs = p.minimizer();
    assertEquals(-1.5, xs[0], 1e-15);
    assertEquals(-0.5, xs[1], 1e-15);
    assertEquals(0, xs[2], 0);
    assertEquals(1.5, xs[4], 1e-15);
    // F* = sum (mu/2)(0.5^2 for nonzero, 0 for x0 = 0) + lambda ||x*||_1 = 4 * 0.25 + 4 = 5
    assertEquals(5.0, p.optimalValue(), 1e-14);
    SplittableRandom rng = new SplittableRandom(1);
    for (int rep = 0; rep < 200; rep++) {
      double[] x = new double[5];
      for (int i = 0; i < 5; i++) {
        x[i] = xs[i] + 0.3 * rng.nextGaussian();
      }
      double direct = p.value(x) - p.optimalValue();
      assertEquals(direct, p.gap(x), 1e-12);
      assertTrue(p.gap(x) >= 0);
    }
    assertEquals(0, p.gap(xs), 0);
    assertEquals(new Regularizer.L1(1.0), p.regularizer());
    L1CompositeProblem sub = new L1CompositeProblem(5, 2.0, 1.0, false);
    assertEquals(new Regularizer.None(), sub.regularizer());
    double[] g = new double[5];
    sub.gradient(new double[] {1, 1, 1, 1, 1}, null, g);
    // mu (x - x0) + lambda sign(x): 2 * (3, 2, 1, 0, -1) + 1
    assertEquals(7, g[0], 1e-15);
    assertEquals(-1, g[4], 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new L1CompositeProblem(1, 1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new L1CompositeProblem(3, 0, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new L1CompositeProblem(3, 1, -1, true));
  }

  @Test
  void simplexOptimumIsTheSoftmax() {
    // lambda > 0: x* = softmax(-c/lambda) has gap 0 and beats random points of the simplex
    SimplexProblem p = new SimplexProblem(4, 0.5);
    double[] c = {0, 1.0 / 3, 2.0 / 3, 1};
    double z = 0;
    double[] xs = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = Math.exp(-c[i] / 0.5);
      z += xs[i];
    }
    for (int i = 0; i < 4; i++) {
      xs[i] /= z;
    }
    assertEquals(-0.5 * Math.log(z), p.optimalValue(), 1e-15);
    assertEquals(0, p.gap(xs), 1e-15);
    SplittableRandom rng = new SplittableRandom(2);
    for (int rep = 0; rep < 100; rep++) {
      double[] x = new double[4];
      double s = 0;
      for (int i = 0; i < 4; i++) {
        x[i] = -Math.log(1 - rng.nextDouble());
        s += x[i];
      }
      for (int i = 0; i < 4; i++) {
        x[i] /= s;
      }
      assertTrue(p.gap(x) > 0);
    }
    SimplexProblem lin = new SimplexProblem(4, 0);
    assertEquals(0, lin.gap(new double[] {1, 0, 0, 0}), 0);
    assertEquals(0.5, lin.gap(new double[] {0.5, 0, 0, 0.5}), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new SimplexProblem(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new SimplexProblem(3, -0.1));
  }
}
