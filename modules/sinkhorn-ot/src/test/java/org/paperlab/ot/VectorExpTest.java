package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorExp}: accuracy against {@code Math.exp} (the JDK's, itself within 1 ulp of the
 * exact value), the special values, the scalar twin's bits, and the property it exists for: the
 * same bits before and after the JIT compiles the loop.
 */
class VectorExpTest {

  private static double[] inputs(int n, double lo, double hi, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return y;
  }

  @Test
  void within2UlpOfMathExpOverTheWholeRange() {
    // the solvers' range (exponents <= 0 after the max shift) densely, then everything finite
    for (double[] range : new double[][] {{-40, 0}, {-1, 1}, {VectorExp.LO, VectorExp.HI}}) {
      double[] y = inputs(200_003, range[0], range[1], 7);
      double[] e = y.clone();
      VectorExp.expInPlace(e, 0, e.length);
      double worst = 0;
      for (int i = 0; i < y.length; i++) {
        double ref = Math.exp(y[i]);
        worst = Math.max(worst, Math.abs(e[i] - ref) / Math.ulp(ref));
      }
      assertTrue(worst <= 2, "worst error " + worst + " ulp on [" + range[0] + ", " + range[1] + "]");
    }
  }

  @Test
  void specialValues() {
    double[] y = {0.0, -0.0, 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN,
        -708.5, -1000, 709.78, 709.79, 1000, -707.9};
    double[] e = y.clone();
    VectorExp.expInPlace(e, 0, e.length);
    assertEquals(1.0, e[0]);
    assertEquals(1.0, e[1]);
    assertEquals(Math.E, e[2], Math.ulp(Math.E));
    assertEquals(0.0, e[3]);
    assertEquals(Double.POSITIVE_INFINITY, e[4]);
    assertTrue(Double.isNaN(e[5]));
    assertEquals(0.0, e[6], "below -708: 0 (documented flush)");
    assertEquals(0.0, e[7]);
    assertEquals(Math.exp(709.78), e[8], 2 * Math.ulp(Math.exp(709.78)));
    assertEquals(Double.POSITIVE_INFINITY, e[9]);
    assertEquals(Double.POSITIVE_INFINITY, e[10]);
    assertEquals(Math.exp(-707.9), e[11], 2 * Math.ulp(Math.exp(-707.9)));
  }

  @Test
  void vectorLanesEqualTheScalarTwinBitForBit() {
    double[] y = inputs(100_001, -750, 720, 11);
    double[] e = y.clone();
    VectorExp.expInPlace(e, 0, e.length);
    for (int i = 0; i < y.length; i++) {
      assertEquals(Double.doubleToRawLongBits(VectorExp.exp(y[i])), Double.doubleToRawLongBits(e[i]),
          "lane " + i + ", y = " + y[i]);
    }
  }

  @Test
  void sameBitsBeforeAndAfterTheJitCompilesTheLoop() {
    // the Vector API's lanewise(EXP) fails this: after C2 compiles the loop about 4% of lanes
    // change in the last bit (measured on JDK 17)
    double[] y = inputs(4099, -30, 5, 13);
    double[] cold = y.clone();
    VectorExp.expInPlace(cold, 0, cold.length);
    double[] warm = y.clone();
    for (int rep = 0; rep < 30_000; rep++) {
      System.arraycopy(y, 0, warm, 0, y.length);
      VectorExp.expInPlace(warm, 0, warm.length);
    }
    assertArrayEquals(cold, warm);
  }

  @Test
  void aSeededLogDomainSolveGivesTheSameBitsColdAndWarm() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 150;
    double[] x = new double[2 * n];
    double[] z = new double[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
      z[i] = 0.5 * rng.nextGaussian() + 1;
    }
    PointCloud px = PointCloud.of(x, n, 2);
    PointCloud pz = PointCloud.of(z, n, 2);
    SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEDIAN)
        .withMethod(Method.LOG).withThreads(1).withTolerance(1e-8);
    SinkhornResult first = Sinkhorn.solve(cfg, px, pz, StandardCost.SQEUCLIDEAN);
    SinkhornResult last = first;
    for (int rep = 0; rep < 200; rep++) {
      last = Sinkhorn.solve(cfg, px, pz, StandardCost.SQEUCLIDEAN);
    }
    assertEquals(Double.doubleToRawLongBits(first.cost()), Double.doubleToRawLongBits(last.cost()));
    assertEquals(Double.doubleToRawLongBits(first.dual()), Double.doubleToRawLongBits(last.dual()));
  }
}
