package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneRowKernels} against the SIMD kernels they stand in for ({@code VectorProducts},
 * {@code VectorExpKernels}, {@code VectorCostRows}, called directly): the same bits, on every
 * length from 1 to 40 and around the vector widths and the exp chunk (1024), with inputs that reach
 * the exp's underflow and the float flush. The comparison runs many rounds, so the SIMD side is
 * compared interpreted, C1- and C2-compiled (C2 compiles these methods within the first hundreds of
 * rounds). Then whole solves: lanes only, SIMD only and adaptive (the default) give the same bits.
 * The surefire JVM runs with {@code jdk.incubator.vector}.
 */
class LaneRowKernelsTest {
  private static final int L = VectorLanes.L;
  private final LaneRowKernels lanes = new LaneRowKernels(L);

  @AfterEach
  void adaptiveAgain() {
    SimdWarmup.override = null;
  }

  private static int[] lengths() {
    int[] extra = {2 * L - 1, 2 * L, 2 * L + 1, 63, 64, 65, 127, 129, 1023, 1024, 1025, 1029, 2049, 2500};
    int[] all = new int[40 + extra.length];
    for (int i = 0; i < 40; i++) {
      all[i] = i + 1;
    }
    System.arraycopy(extra, 0, all, 40, extra.length);
    return all;
  }

  private static void same(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + ": SIMD " + expected + " lanes " + actual);
  }

  private static void same(double[] expected, double[] actual, String what) {
    for (int j = 0; j < expected.length; j++) {
      same(expected[j], actual[j], what + "[" + j + "]");
    }
  }

  private static void same(float[] expected, float[] actual, String what) {
    for (int j = 0; j < expected.length; j++) {
      int jj = j;
      assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]),
          () -> what + "[" + jj + "]: SIMD " + expected[jj] + " lanes " + actual[jj]);
    }
  }

  @Test
  void everyKernelGivesTheBitsOfItsSimdTwinOnEveryTier() {
    SplittableRandom rng = new SplittableRandom(11);
    int[] ms = lengths();
    for (int round = 0; round < 60; round++) {
      for (int m : ms) {
        check(rng, m, round);
      }
    }
  }

  private void check(SplittableRandom rng, int m, int round) {
    int co = 3;
    double[] cd = new double[4 * m + co];
    float[] cf = new float[4 * m + co];
    double[] h = new double[m];
    double[] v = new double[m];
    double[] w = new double[m];
    for (int j = 0; j < cd.length; j++) {
      cd[j] = 6 * rng.nextDouble() - 1; // some negative "costs" too
      cf[j] = (float) cd[j];
    }
    for (int j = 0; j < m; j++) {
      // exponents from about -800 (exp underflows to 0, below float's normals) up to about 5
      h[j] = rng.nextInt(8) == 0 ? -800 * rng.nextDouble() : 3 * rng.nextGaussian();
      v[j] = rng.nextGaussian();
      w[j] = rng.nextDouble();
    }
    double base = rng.nextGaussian();
    double inv = 0.5 + 2 * rng.nextDouble();
    String at = "m=" + m + " round " + round + " ";

    same(VectorProducts.dot(cd, co, v, m), lanes.dot(cd, co, v, m), at + "dot(double)");
    same(VectorProducts.dot(cf, co, v, m), lanes.dot(cf, co, v, m), at + "dot(float)");
    same(VectorProducts.dot3(cd, co, v, cd, co + m, m), lanes.dot3(cd, co, v, cd, co + m, m), at + "dot3(double)");
    same(VectorProducts.dot3(cf, co, v, cf, co + m, m), lanes.dot3(cf, co, v, cf, co + m, m), at + "dot3(float)");
    double[] o1 = new double[6];
    double[] o2 = new double[6];
    VectorProducts.dot4(cd, co, v, m, o1, 1);
    lanes.dot4(cd, co, v, m, o2, 1);
    same(o1, o2, at + "dot4(double)");
    VectorProducts.dot4(cf, co, v, m, o1, 2);
    lanes.dot4(cf, co, v, m, o2, 2);
    same(o1, o2, at + "dot4(float)");

    double[] alpha = {0, rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
    double[] t1 = w.clone();
    double[] t2 = w.clone();
    VectorProducts.axpy(alpha[1], cd, co, t1, m);
    lanes.axpy(alpha[1], cd, co, t2, m);
    same(t1, t2, at + "axpy(double)");
    VectorProducts.axpy(alpha[2], cf, co, t1, m);
    lanes.axpy(alpha[2], cf, co, t2, m);
    same(t1, t2, at + "axpy(float)");
    VectorProducts.axpy4(alpha, 1, cd, co, t1, m);
    lanes.axpy4(alpha, 1, cd, co, t2, m);
    same(t1, t2, at + "axpy4(double)");
    VectorProducts.axpy4(alpha, 1, cf, co, t1, m);
    lanes.axpy4(alpha, 1, cf, co, t2, m);
    same(t1, t2, at + "axpy4(float)");
    VectorProducts.scaledAxpy(alpha[3], v, w, t1, m);
    lanes.scaledAxpy(alpha[3], v, w, t2, m);
    same(t1, t2, at + "scaledAxpy");

    double[] e = new double[m];
    for (int j = 0; j < m; j++) {
      e[j] = Math.exp(h[j] / 8); // some below float's smallest normal after scaling
    }
    double coef = rng.nextInt(4) == 0 ? 1e-30 : rng.nextDouble();
    float[] f1 = new float[m + 2];
    float[] f2 = new float[m + 2];
    VectorProducts.scaleInto(coef, e, w, f1, 2, m);
    lanes.scaleInto(coef, e, w, f2, 2, m);
    same(f1, f2, at + "scaleInto(float)");
    double[] d1 = new double[m + 2];
    double[] d2 = new double[m + 2];
    VectorProducts.scaleInto(coef * 1e-280, e, w, d1, 1, m);
    lanes.scaleInto(coef * 1e-280, e, w, d2, 1, m);
    same(d1, d2, at + "scaleInto(double)");

    VectorExpKernels.expInto(cf, co, base, h, inv, f1, 1, m);
    lanes.expInto(cf, co, base, h, inv, f2, 1, m);
    same(f1, f2, at + "expInto(float)");
    VectorExpKernels.expInto(cd, co, base, h, inv, d1, 2, m);
    lanes.expInto(cd, co, base, h, inv, d2, 2, m);
    same(d1, d2, at + "expInto(double)");
    double[] e1 = new double[m];
    double[] e2 = new double[m];
    same(VectorExpKernels.expIntoSum(cd, co, base, h, inv, e1, m), lanes.expIntoSum(cd, co, base, h, inv, e2, m),
        at + "expIntoSum(double)");
    same(e1, e2, at + "expIntoSum(double) values");
    same(VectorExpKernels.expIntoSum(cf, co, base, h, inv, e1, m), lanes.expIntoSum(cf, co, base, h, inv, e2, m),
        at + "expIntoSum(float)");
    same(e1, e2, at + "expIntoSum(float) values");
    same(VectorExpKernels.maxArg(cd, co, base, h, inv, m), lanes.maxArg(cd, co, base, h, inv, m), at + "maxArg(double)");
    same(VectorExpKernels.maxArg(cf, co, base, h, inv, m), lanes.maxArg(cf, co, base, h, inv, m), at + "maxArg(float)");
    same(VectorExpKernels.expCostSum(cd, co, base, h, inv, m), lanes.expCostSum(cd, co, base, h, inv, m),
        at + "expCostSum(double)");
    same(VectorExpKernels.expCostSum(cf, co, base, h, inv, m), lanes.expCostSum(cf, co, base, h, inv, m),
        at + "expCostSum(float)");
    double[] a1 = v.clone();
    double[] a2 = v.clone();
    VectorExpKernels.maxAccumulate(cd, co, base, h, inv, a1, m);
    lanes.maxAccumulate(cd, co, base, h, inv, a2, m);
    same(a1, a2, at + "maxAccumulate(double)");
    VectorExpKernels.maxAccumulate(cf, co, base, h, inv, a1, m);
    lanes.maxAccumulate(cf, co, base, h, inv, a2, m);
    same(a1, a2, at + "maxAccumulate(float)");
    VectorExpKernels.expAccumulate(cd, co, base, h, inv, a1, m);
    lanes.expAccumulate(cd, co, base, h, inv, a2, m);
    same(a1, a2, at + "expAccumulate(double)");
    VectorExpKernels.expAccumulate(cf, co, base, h, inv, a1, m);
    lanes.expAccumulate(cf, co, base, h, inv, a2, m);
    same(a1, a2, at + "expAccumulate(float)");

    int d = 1 + rng.nextInt(5);
    double[] x = new double[4 * d + 2];
    double[] yT = new double[d * m];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    for (int i = 0; i < yT.length; i++) {
      yT[i] = rng.nextGaussian();
    }
    for (StandardCost c : StandardCost.values()) {
      float[] rf1 = new float[4 * m + 1];
      float[] rf2 = new float[4 * m + 1];
      double[] rd1 = new double[4 * m + 1];
      double[] rd2 = new double[4 * m + 1];
      VectorCostRows.costRows4(c, x, 2, yT, d, m, rf1, 1);
      lanes.costRows4(c, x, 2, yT, d, m, rf2, 1);
      same(rf1, rf2, at + c + " costRows4(float)");
      VectorCostRows.costRows4(c, x, 2, yT, d, m, rd1, 1);
      lanes.costRows4(c, x, 2, yT, d, m, rd2, 1);
      same(rd1, rd2, at + c + " costRows4(double)");
      VectorCostRows.costRow(c, x, 1, yT, d, m, rf1);
      lanes.costRow(c, x, 1, yT, d, m, rf2);
      same(rf1, rf2, at + c + " costRow(float)");
      VectorCostRows.costRow(c, x, 1, yT, d, m, rd1);
      lanes.costRow(c, x, 1, yT, d, m, rd2);
      same(rd1, rd2, at + c + " costRow(double)");
    }
  }

  /**
   * The blocked {@code dot4} (explicit lane accumulators, for 8 and 4 lanes) against the strided
   * loop it replaces, for both widths whatever this CPU's: the same bits, so the check of the
   * strided order against SIMD above carries over to the 4-lane path an AVX2 machine takes.
   */
  @Test
  void theBlockedDot4IsTheStridedOneBitForBit() {
    SplittableRandom rng = new SplittableRandom(13);
    for (int ln : new int[] {4, 8}) {
      LaneRowKernels fast = new LaneRowKernels(ln, true);
      LaneRowKernels strided = new LaneRowKernels(ln, false);
      for (int m : lengths()) {
        double[] kd = new double[4 * m + 1];
        float[] kf = new float[4 * m + 1];
        double[] v = new double[m];
        for (int j = 0; j < kd.length; j++) {
          kd[j] = rng.nextDouble();
          kf[j] = (float) rng.nextGaussian();
        }
        for (int j = 0; j < m; j++) {
          v[j] = rng.nextGaussian();
        }
        double[] o1 = new double[5];
        double[] o2 = new double[5];
        strided.dot4(kd, 1, v, m, o1, 1);
        fast.dot4(kd, 1, v, m, o2, 1);
        same(o1, o2, ln + " lanes m=" + m + " dot4(double)");
        strided.dot4(kf, 1, v, m, o1, 0);
        fast.dot4(kf, 1, v, m, o2, 0);
        same(o1, o2, ln + " lanes m=" + m + " dot4(float)");
      }
    }
  }

  /** The test can fail: plain scalar loops (another summation order, no FMA) do differ in the bits. */
  @Test
  void theScalarKernelsDoNotPassThisComparison() {
    SplittableRandom rng = new SplittableRandom(5);
    int m = 1029;
    double[] k = new double[m];
    double[] v = new double[m];
    for (int j = 0; j < m; j++) {
      k[j] = rng.nextDouble();
      v[j] = rng.nextGaussian();
    }
    int differ = 0;
    for (int r = 0; r < 20; r++) {
      if (VectorProducts.dot(k, 0, v, m) != ScalarRowKernels.INSTANCE.dot(k, 0, v, m)) {
        differ++;
      }
      v[r] += 1e-3;
    }
    assertTrue(differ > 0, "scalar and SIMD dot should differ in the last bits on some of 20 inputs");
  }

  @Test
  void aColdSolveIsTheSameBitsAsAWarmOne() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 61;
    int m = 43; // tails on every row
    int d = 3;
    double[] xs = new double[n * d];
    double[] ys = new double[m * d];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = rng.nextGaussian();
    }
    for (int i = 0; i < ys.length; i++) {
      ys[i] = rng.nextGaussian() + 0.5;
    }
    PointCloud x = PointCloud.of(xs, n, d);
    PointCloud y = PointCloud.of(ys, m, d);
    SinkhornConfig base = SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEDIAN).withTolerance(1e-10);
    SinkhornConfig[] configs = {
      base,
      base.withPrecision(Precision.DOUBLE),
      base.withMethod(Method.LOG),
      base.withMethod(Method.LOG).withPrecision(Precision.DOUBLE),
      base.withLazy(true),
      base.withEpsilonScaling(true).withTau(2.0),
      base.withMethod(Method.KERNEL).withThreads(2)
    };
    for (SinkhornConfig c : configs) {
      SimdWarmup.override = Boolean.FALSE;
      SinkhornResult cold = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
      SimdWarmup.override = Boolean.TRUE;
      SinkhornResult warm = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
      SimdWarmup.override = null;
      SinkhornResult adaptive = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
      for (SinkhornResult r : new SinkhornResult[] {cold, adaptive}) {
        same(warm.cost(), r.cost(), c + " cost");
        same(warm.objective(), r.objective(), c + " objective");
        assertEquals(warm.iterations(), r.iterations(), c + " iterations");
        same(warm.f(), r.f(), c + " f");
        same(warm.g(), r.g(), c + " g");
        assertArrayEquals(warm.plan().toArray(), r.plan().toArray(), 0.0, c + " plan");
      }
      assertEquals("vector(" + VectorLanes.D.vectorBitSize() + ")", adaptive.kernels());
    }
  }

  @Test
  void theWarmUpSwitchesTheDefaultSweepToSimd() throws InterruptedException {
    assertTrue(SimdWarmup.await(1 << SimdWarmup.SWEEP_F, 60_000),
        "the float kernel-domain sweep should be compiled and switched within a minute");
    assertTrue(SimdWarmup.isReady(SimdWarmup.SWEEP_F));
  }
}
