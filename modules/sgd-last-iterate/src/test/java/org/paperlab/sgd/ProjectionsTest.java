package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectionsTest {
  @Test
  void l2BallScalesOutsidePointsOnly() {
    double[] x = {3, 4};
    Projections.l2Ball(x, 1); // ||x|| = 5
    assertArrayEquals(new double[] {0.6, 0.8}, x, 1e-15);
    double[] y = {0.3, -0.4};
    Projections.l2Ball(y, 1);
    assertArrayEquals(new double[] {0.3, -0.4}, y, 0);
  }

  @Test
  void boxClamps() {
    double[] x = {-2, 0.5, 7};
    Projections.box(x, -1, 1);
    assertArrayEquals(new double[] {-1, 0.5, 1}, x, 0);
  }

  @Test
  void simplexOnHandComputedCases() {
    // Duchi et al. Fig. 1 by hand. (0.5, 0.2, 0.1): rho = 3, theta = (0.8 - 1)/3 = -1/15.
    double[] a = {0.5, 0.2, 0.1};
    Projections.simplex(a, 1, null);
    assertArrayEquals(new double[] {17.0 / 30, 8.0 / 30, 5.0 / 30}, a, 1e-15);
    // (2, 0, -1): rho = 1, theta = 1 -> the vertex e_1.
    double[] b = {2, 0, -1};
    Projections.simplex(b, 1, null);
    assertArrayEquals(new double[] {1, 0, 0}, b, 1e-15);
    // (1, 1, 0): rho = 2, theta = 1/2.
    double[] c = {1, 1, 0};
    Projections.simplex(c, 1, new double[3]);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, c, 1e-15);
    // radius 2: (1, 1, 0) is already on it.
    double[] e = {1, 1, 0};
    Projections.simplex(e, 2, null);
    assertArrayEquals(new double[] {1, 1, 0}, e, 1e-15);
  }

  @Test
  void l1BallOnHandComputedCases() {
    // (3, -1), z = 2: |v| = (3, 1), rho = 1, theta = 1 -> (2, 0).
    double[] a = {3, -1};
    Projections.l1Ball(a, 2, null);
    assertArrayEquals(new double[] {2, 0}, a, 1e-15);
    // (1, -0.5, 0.25), z = 1: rho = 2, theta = 0.25 -> (0.75, -0.25, 0).
    double[] b = {1, -0.5, 0.25};
    Projections.l1Ball(b, 1, null);
    assertArrayEquals(new double[] {0.75, -0.25, 0}, b, 1e-15);
    double[] inside = {0.2, -0.3};
    Projections.l1Ball(inside, 1, null);
    assertArrayEquals(new double[] {0.2, -0.3}, inside, 0);
  }

  @Test
  void pivotSearchAgreesWithTheSortBasedReference() {
    // Duchi et al.'s Figure 2 (expected linear time) against their Figure 1 (sorting), on random
    // vectors with and without ties; the result must also be a point of the simplex.
    SplittableRandom rng = new SplittableRandom(7);
    for (int rep = 0; rep < 500; rep++) {
      int d = 1 + rng.nextInt(60);
      double[] v = new double[d];
      for (int i = 0; i < d; i++) {
        v[i] = rep % 3 == 0 ? rng.nextInt(4) - 1.0 : 3 * rng.nextGaussian();
      }
      double z = 0.1 + 3 * rng.nextDouble();
      double[] fast = v.clone();
      double[] ref = v.clone();
      Projections.simplex(fast, z, new double[d]);
      Projections.simplexSorted(ref, z, null);
      assertArrayEquals(ref, fast, 1e-12);
      assertTrue(new Domain.Simplex(z).contains(fast, 1e-12));
    }
  }

  @Test
  void domainsRejectBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new Domain.L2Ball(0));
    assertThrows(IllegalArgumentException.class, () -> new Domain.L2Ball(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Domain.Box(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Domain.Box(Double.NEGATIVE_INFINITY, 0));
    assertThrows(IllegalArgumentException.class, () -> new Domain.Simplex(-1));
    assertThrows(IllegalArgumentException.class, () -> new Domain.L1Ball(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Domain.L2Ball(-2));
    assertTrue(e.getMessage().contains("radius"), e.getMessage());
  }

  @Test
  void proxOperatorsOnHandComputedCases() {
    double[] v = {3, -0.5, 1, -2};
    Prox.softThreshold(v, 1);
    assertArrayEquals(new double[] {2, 0, 0, -1}, v, 0);
    double[] w = {2, -4};
    Prox.shrink(w, 1); // v / (1 + 1)
    assertArrayEquals(new double[] {1, -2}, w, 0);
    assertEquals(1.5, new Regularizer.L1(0.5).value(new double[] {1, -2}), 0);
    assertEquals(2.5, new Regularizer.L2Squared(1).value(new double[] {1, -2}), 0);
    assertEquals(Math.log(0.5), new Regularizer.Entropy(1).value(new double[] {0.5, 0.5, 0}), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new Regularizer.L1(-1));
    assertThrows(IllegalArgumentException.class, () -> new Regularizer.L2Squared(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Regularizer.Entropy(-0.1));
  }
}
