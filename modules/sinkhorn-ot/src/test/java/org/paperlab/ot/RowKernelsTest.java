package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the plain-Java ones (the reference: each is a textbook loop), on
 * lengths with vector tails. The surefire JVM runs with {@code jdk.incubator.vector}.
 */
class RowKernelsTest {
  private final RowKernels s = RowKernels.scalar();
  private final RowKernels v = RowKernels.best();

  @Test
  void theVectorKernelsAreLoadedInTests() {
    assertTrue(RowKernels.vectorAvailable(), "surefire should pass --add-modules jdk.incubator.vector");
    assertTrue(v.name().startsWith("vector("), v.name());
  }

  @Test
  void everyKernelAgreesWithTheScalarLoop() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int m : new int[] {1, 7, 8, 17, 64, 131, 1024, 1029, 2500}) { // 1024+: the exp kernels' chunks
      double[] cd = new double[m + 5];
      float[] cf = new float[m + 5];
      double[] h = new double[m];
      double[] w = new double[m];
      for (int j = 0; j < cd.length; j++) {
        cd[j] = 5 * rng.nextDouble();
        cf[j] = (float) cd[j];
      }
      for (int j = 0; j < m; j++) {
        h[j] = rng.nextGaussian();
        w[j] = rng.nextDouble();
      }
      double base = 0.3;
      double inv = 1.7;
      int co = 5;
      assertEquals(s.dot(cd, co, h, m), v.dot(cd, co, h, m), 1e-12);
      assertEquals(s.dot(cf, co, h, m), v.dot(cf, co, h, m), 1e-12);
      assertEquals(s.dot3(cd, co, h, cd, co, m), v.dot3(cd, co, h, cd, co, m), 1e-11);
      assertEquals(s.dot3(cf, co, h, cf, co, m), v.dot3(cf, co, h, cf, co, m), 1e-11);
      double[] t1 = w.clone();
      double[] t2 = w.clone();
      s.axpy(0.7, cf, co, t1, m);
      v.axpy(0.7, cf, co, t2, m);
      assertArrayEquals(t1, t2, 1e-14);
      s.axpy(0.7, cd, co, t1, m);
      v.axpy(0.7, cd, co, t2, m);
      assertArrayEquals(t1, t2, 1e-14);
      double[] e1 = new double[m];
      double[] e2 = new double[m];
      assertEquals(s.expIntoSum(cd, co, base, h, inv, e1, m), v.expIntoSum(cd, co, base, h, inv, e2, m), 1e-11);
      assertArrayEquals(e1, e2, 1e-12);
      assertEquals(s.expIntoSum(cf, co, base, h, inv, e1, m), v.expIntoSum(cf, co, base, h, inv, e2, m), 1e-11);
      assertArrayEquals(e1, e2, 1e-12);
      t1 = w.clone();
      t2 = w.clone();
      s.scaledAxpy(1.3, e1, w, t1, m);
      v.scaledAxpy(1.3, e1, w, t2, m);
      assertArrayEquals(t1, t2, 1e-13);
      assertEquals(s.maxArg(cd, co, base, h, inv, m), v.maxArg(cd, co, base, h, inv, m), 1e-13);
      assertEquals(s.maxArg(cf, co, base, h, inv, m), v.maxArg(cf, co, base, h, inv, m), 1e-13);
      t1 = w.clone();
      t2 = w.clone();
      s.maxAccumulate(cf, co, base, h, inv, t1, m);
      v.maxAccumulate(cf, co, base, h, inv, t2, m);
      assertArrayEquals(t1, t2, 1e-13);
      s.expAccumulate(cd, co, base, h, inv, t1, m);
      v.expAccumulate(cd, co, base, h, inv, t2, m);
      assertArrayEquals(t1, t2, 1e-12);
      assertEquals(s.expCostSum(cd, co, base, h, inv, m), v.expCostSum(cd, co, base, h, inv, m), 1e-11);
      assertEquals(s.expCostSum(cf, co, base, h, inv, m), v.expCostSum(cf, co, base, h, inv, m), 1e-11);
      double[] tt = new double[m];
      double[] l1 = new double[m];
      for (int j = 0; j < m; j++) {
        tt[j] = 0.1 + rng.nextDouble();
        l1[j] = rng.nextGaussian();
      }
      double[] l2 = l1.clone();
      double[] o1 = new double[m];
      double[] o2 = new double[m];
      assertEquals(s.logScalingUpdate(tt, l1, 1.6, 0.8, h, 0.3, w, o1, m),
          v.logScalingUpdate(tt, l2, 1.6, 0.8, h, 0.3, w, o2, m), 1e-12);
      assertArrayEquals(l1, l2, 1e-12);
      assertArrayEquals(o1, o2, 1e-12);
      assertEquals(w[0] * Math.exp(l1[0]), o1[0], 1e-15);
      double[] s4 = new double[4];
      double[] v4 = new double[4];
      if (m >= 4) {
        double[] big = new double[4 * m];
        float[] bigF = new float[4 * m];
        for (int q = 0; q < big.length; q++) {
          big[q] = rng.nextDouble();
          bigF[q] = (float) big[q];
        }
        s.dot4(big, 0, h, m, s4, 0);
        v.dot4(big, 0, h, m, v4, 0);
        assertArrayEquals(s4, v4, 1e-12);
        s.dot4(bigF, 0, h, m, s4, 0);
        v.dot4(bigF, 0, h, m, v4, 0);
        assertArrayEquals(s4, v4, 1e-12);
        for (int r = 0; r < 4; r++) {
          assertEquals(s.dot(bigF, r * m, h, m), v4[r], 1e-12); // four rows = four single-row dots
        }
        double[] alpha = {0.3, -1.1, 2.0, 0.7};
        t1 = w.clone();
        t2 = w.clone();
        s.axpy4(alpha, 0, bigF, 0, t1, m);
        v.axpy4(alpha, 0, bigF, 0, t2, m);
        assertArrayEquals(t1, t2, 1e-13);
        s.axpy4(alpha, 0, big, 0, t1, m);
        v.axpy4(alpha, 0, big, 0, t2, m);
        assertArrayEquals(t1, t2, 1e-13);
      }
      float[] k1 = new float[m];
      float[] k2 = new float[m];
      s.expInto(cf, co, base, h, inv, k1, 0, m);
      v.expInto(cf, co, base, h, inv, k2, 0, m);
      for (int j = 0; j < m; j++) {
        assertEquals(k1[j], k2[j], 1e-6 * Math.abs(k1[j]));
      }
      for (StandardCost cost : StandardCost.values()) {
        int d = 3;
        double[] x = {0.1, -0.4, 2.0};
        double[] yT = new double[d * m];
        for (int q = 0; q < yT.length; q++) {
          yT[q] = rng.nextGaussian();
        }
        double[] r1 = new double[m];
        double[] r2 = new double[m];
        s.costRow(cost, x, 0, yT, d, m, r1);
        v.costRow(cost, x, 0, yT, d, m, r2);
        assertArrayEquals(r1, r2, 1e-12);
        double[] y0 = {yT[0], yT[m], yT[2 * m]};
        assertEquals(cost.apply(x, 0, y0, 0, 3), r1[0], 1e-12);
      }
    }
  }

  /**
   * The float and double twins that {@link #everyKernelAgreesWithTheScalarLoop} leaves out, each
   * against the scalar loop, and the four-row cost kernel against four single rows and against
   * {@link StandardCost#apply} (the definition).
   */
  @Test
  void everyFloatAndDoubleTwinAgreesWithTheScalarLoop() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int m : new int[] {1, 7, 8, 17, 131, 1029}) {
      double[] cd = new double[m + 3];
      float[] cf = new float[m + 3];
      double[] h = new double[m];
      double[] w = new double[m];
      double[] e = new double[m];
      for (int j = 0; j < cd.length; j++) {
        cd[j] = 4 * rng.nextDouble();
        cf[j] = (float) cd[j];
      }
      for (int j = 0; j < m; j++) {
        h[j] = rng.nextGaussian();
        w[j] = 0.5 + rng.nextDouble();
        e[j] = rng.nextDouble();
      }
      double base = -0.2;
      double inv = 2.3;
      int co = 3;
      double[] t1 = w.clone();
      double[] t2 = w.clone();
      s.expAccumulate(cf, co, base, h, inv, t1, m);
      v.expAccumulate(cf, co, base, h, inv, t2, m);
      assertArrayEquals(t1, t2, 1e-12);
      s.maxAccumulate(cd, co, base, h, inv, t1, m);
      v.maxAccumulate(cd, co, base, h, inv, t2, m);
      assertArrayEquals(t1, t2, 1e-13);
      double[] o1 = new double[m + 2];
      double[] o2 = new double[m + 2];
      s.expInto(cd, co, base, h, inv, o1, 2, m);
      v.expInto(cd, co, base, h, inv, o2, 2, m);
      assertArrayEquals(o1, o2, 1e-12);
      assertEquals(Math.exp(h[0] + (base - cd[co]) * inv), o1[2], 1e-12 * o1[2]);
      s.scaleInto(0.7, e, w, o1, 1, m);
      v.scaleInto(0.7, e, w, o2, 1, m);
      assertArrayEquals(o1, o2, 1e-15);
      assertEquals(0.7 * e[0] * w[0], o1[1], 1e-16);
      float[] f1 = new float[m + 2];
      float[] f2 = new float[m + 2];
      s.scaleInto(0.7, e, w, f1, 1, m);
      v.scaleInto(0.7, e, w, f2, 1, m);
      assertArrayEquals(f1, f2, 0f); // both round the same double product to float
      int d = 3;
      double[] x = new double[4 * d];
      double[] yT = new double[d * m];
      for (int q = 0; q < x.length; q++) {
        x[q] = rng.nextGaussian();
      }
      for (int q = 0; q < yT.length; q++) {
        yT[q] = rng.nextGaussian();
      }
      for (StandardCost cost : StandardCost.values()) {
        double[] r1 = new double[4 * m + 1];
        double[] r2 = new double[4 * m + 1];
        s.costRows4(cost, x, 0, yT, d, m, r1, 1);
        v.costRows4(cost, x, 0, yT, d, m, r2, 1);
        assertArrayEquals(r1, r2, 1e-12);
        float[] g1 = new float[4 * m];
        float[] g2 = new float[4 * m];
        s.costRows4(cost, x, 0, yT, d, m, g1, 0);
        v.costRows4(cost, x, 0, yT, d, m, g2, 0);
        float[] row = new float[m];
        for (int q = 0; q < 4; q++) {
          v.costRow(cost, x, q * d, yT, d, m, row);
          for (int j = 0; j < m; j++) {
            assertEquals(g1[q * m + j], g2[q * m + j], 1e-6f * Math.max(1f, g1[q * m + j]));
            assertEquals(row[j], g2[q * m + j], 0f); // four rows per pass = four single rows
          }
          double[] yj = {yT[m - 1], yT[2 * m - 1], yT[3 * m - 1]};
          assertEquals(cost.apply(x, q * d, yj, 0, d), r1[1 + q * m + m - 1], 1e-12);
        }
      }
    }
  }

  /** exp of a very negative exponent is stored as 0, never as a (slow) subnormal. */
  @Test
  void tinyKernelEntriesAreFlushedToZero() {
    double[] c = {0.0, 100.0, 200.0, 500.0, 800.0, 1000.0, 0.0, 90.0, 3.0};
    float[] cf = new float[c.length];
    for (int j = 0; j < c.length; j++) {
      cf[j] = (float) c[j];
    }
    double[] h = new double[c.length];
    for (RowKernels k : new RowKernels[] {s, v}) {
      float[] out = new float[c.length];
      k.expInto(cf, 0, 0.0, h, 1.0, out, 0, c.length);
      double[] outD = new double[c.length];
      k.expInto(c, 0, 0.0, h, 1.0, outD, 0, c.length);
      for (int j = 0; j < c.length; j++) {
        assertTrue(out[j] == 0f || out[j] >= Float.MIN_NORMAL, k.name() + " " + out[j]);
        assertTrue(outD[j] == 0.0 || outD[j] >= Double.MIN_NORMAL, k.name() + " " + outD[j]);
      }
      assertEquals(1f, out[0]);
      assertEquals(0f, out[2]); // e^-200 < 2^-126
      assertEquals(Math.exp(-500), outD[3], 1e-230);
      assertEquals(0.0, outD[4]); // e^-800 is subnormal in double
    }
  }
}
