package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class GaussianMapsTest {
  /**
   * A 2 x 2 case by hand. S1 = diag(1, 4), S2 = [[2, 1], [1, 2]]: S1^{1/2} = diag(1, 2) and
   * M = S1^{1/2} S2 S1^{1/2} = [[2, 2], [2, 8]]. A 2 x 2 SPD matrix has the square root
   * (M + sqrt(det M) I) / sqrt(tr M + 2 sqrt(det M)) (Cayley-Hamilton), here with det M = 12 and
   * tr M = 10: M^{1/2} = [[2 + 2 sqrt 3, 2], [2, 8 + 2 sqrt 3]] / sqrt(10 + 4 sqrt 3). Then
   * A = diag(1, 1/2) M^{1/2} diag(1, 1/2) = [[2 + 2 sqrt 3, 1], [1, 2 + sqrt(3)/2]] / sqrt(10 + 4 sqrt 3).
   */
  @Test
  void twoByTwoByHand() {
    double r3 = Math.sqrt(3);
    double den = Math.sqrt(10 + 4 * r3);
    double[] expected = {(2 + 2 * r3) / den, 1 / den, 1 / den, (2 + r3 / 2) / den};
    double[] a = GaussianMaps.bures(new double[] {1, 0, 0, 4}, new double[] {2, 1, 1, 2}, 2);
    assertArrayEquals(expected, a, 1e-14);
    // the square root of S2 itself, by the same formula: (S2 + sqrt(3) I) / sqrt(4 + 2 sqrt 3)
    double s = Math.sqrt(4 + 2 * r3);
    assertArrayEquals(new double[] {(2 + r3) / s, 1 / s, 1 / s, (2 + r3) / s},
        GaussianMaps.sqrt(new double[] {2, 1, 1, 2}, 2), 1e-14);
    // T*(x) = m2 + A (x - m1) at two points
    double[] tx = GaussianMaps.apply(a, new double[] {1, -1}, new double[] {0, 5}, new double[] {1, -1, 2, 0}, 2);
    assertArrayEquals(new double[] {0, 5, expected[0] + expected[1], 5 + expected[2] + expected[3]}, tx, 1e-14);
  }

  /**
   * The closed-form map pushes N(0, S1) to N(m2, S2): A S1 A^T = S2, and A is symmetric (the
   * Hessian of a convex potential), for random S1, S2 = Q diag(l) Q^T with l in [0.5, 2]
   * (moved here with GaussianMaps from the ot-gaussian-map experiment's test).
   */
  @Test
  void theMapPushesTheSourceCovarianceToTheTarget() {
    SplittableRandom rng = new SplittableRandom(4);
    int d = 5;
    RealMatrix s1 = randomCovariance(d, rng);
    RealMatrix s2 = randomCovariance(d, rng);
    double[] a = GaussianMaps.bures(flat(s1), flat(s2), d);
    RealMatrix am = MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        am.setEntry(i, j, a[i * d + j]);
      }
    }
    RealMatrix pushed = am.multiply(s1).multiply(am.transpose());
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(s2.getEntry(i, j), pushed.getEntry(i, j), 1e-10);
        assertEquals(am.getEntry(i, j), am.getEntry(j, i), 1e-10);
      }
    }
  }

  /**
   * L2-UVP by hand. mu = N(0, I), nu = N((1, 0), diag(4, 1)) in 2-D: A = diag(2, 1), so
   * T*(x) = (1 + 2 x1, x2). The identity misses by (-1 - x1, 0): E|.|^2 = 1 + E x1^2 = 2, and
   * tr(S2) = 5, so L2-UVP(id) = 40%. The constant map T(x) = m2 misses by (2 x1, x2):
   * E|.|^2 = 4 + 1 = tr(S2), 100% (true for any pair). The exact map scores 0.
   */
  @Test
  void l2UvpByHand() {
    double[] m1 = {0, 0};
    double[] s1 = {1, 0, 0, 1};
    double[] m2 = {1, 0};
    double[] s2 = {4, 0, 0, 1};
    double[] id = {1, 0, 0, 1};
    assertEquals(40.0, GaussianMaps.l2UvpAffine(id, new double[2], m1, s1, m2, s2), 1e-12);
    assertEquals(100.0, GaussianMaps.l2UvpAffine(new double[4], m2, m1, s1, m2, s2), 1e-12);
    double[] a = GaussianMaps.bures(s1, s2, 2);
    assertArrayEquals(new double[] {2, 0, 0, 1}, a, 1e-12);
    assertEquals(0.0, GaussianMaps.l2UvpAffine(a, m2, m1, s1, m2, s2), 1e-12);
    // the sample estimate: the exact map's images score exactly 0, and the identity's come near 40%
    SplittableRandom rng = new SplittableRandom(11);
    int n = 200_000;
    double[] x = Sampler.gaussian(m1, s1).sample(n, rng);
    double[] opt = GaussianMaps.apply(a, m1, m2, x, n);
    assertEquals(0.0, GaussianMaps.l2Uvp(opt.clone(), opt, n, 2, 5.0), 0.0);
    // sd of |x1 + 1|^2 is sqrt(E(x1+1)^4 - 4) = sqrt(10 - 4): 100 sqrt(6 / n) / 5 = 0.11 percentage points
    assertEquals(40.0, GaussianMaps.l2Uvp(x, opt, n, 2, 5.0), 0.6);
  }

  /**
   * For random Gaussians in d = 5 the closed-form L2-UVP of the identity agrees with its sample
   * estimate on 100,000 points, and a map off by a constant shift t scores 100 |t|^2 / tr(S2)
   * (the spread term vanishes).
   */
  @Test
  void closedFormAgreesWithSamples() {
    SplittableRandom rng = new SplittableRandom(12);
    int d = 5;
    double[] s1 = flat(randomCovariance(d, rng));
    double[] s2 = flat(randomCovariance(d, rng));
    double[] m1 = new double[d];
    double[] m2 = new double[d];
    double[] id = new double[d * d];
    double tr2 = 0;
    for (int k = 0; k < d; k++) {
      m1[k] = rng.nextGaussian();
      m2[k] = rng.nextGaussian();
      id[k * d + k] = 1;
      tr2 += s2[k * d + k];
    }
    int n = 100_000;
    double[] x = Sampler.gaussian(m1, GaussianMaps.sqrt(s1, d)).sample(n, rng);
    double[] a = GaussianMaps.bures(s1, s2, d);
    double[] opt = GaussianMaps.apply(a, m1, m2, x, n);
    double exact = GaussianMaps.l2UvpAffine(id, new double[d], m1, s1, m2, s2);
    assertEquals(exact, GaussianMaps.l2Uvp(x, opt, n, d, tr2), 0.02 * exact);
    double[] t = {0.5, -1, 0, 0, 2};
    double[] c = new double[d];
    double[] am1 = GaussianMaps.apply(a, new double[d], new double[d], m1, 1);
    for (int k = 0; k < d; k++) {
      c[k] = m2[k] - am1[k] + t[k];
    }
    assertEquals(100 * (0.25 + 1 + 4) / tr2, GaussianMaps.l2UvpAffine(a, c, m1, s1, m2, s2), 1e-9);
  }

  @Test
  void badShapesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GaussianMaps.bures(new double[3], new double[4], 2));
    assertThrows(IllegalArgumentException.class, () -> GaussianMaps.sqrt(new double[] {1, Double.NaN, 0, 1}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> GaussianMaps.apply(new double[4], new double[2], new double[2], new double[3], 2));
  }

  private static RealMatrix randomCovariance(int d, SplittableRandom rng) {
    RealMatrix g = MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        g.setEntry(i, j, rng.nextGaussian());
      }
    }
    RealMatrix q = new QRDecomposition(g).getQ();
    RealMatrix l = MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      l.setEntry(i, i, 0.5 + 1.5 * rng.nextDouble());
    }
    return q.multiply(l).multiply(q.transpose());
  }

  private static double[] flat(RealMatrix m) {
    int d = m.getRowDimension();
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = m.getEntry(i, j);
      }
    }
    return out;
  }
}
