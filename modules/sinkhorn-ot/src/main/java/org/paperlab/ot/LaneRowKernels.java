package org.paperlab.ot;

/**
 * The SIMD row kernels ({@code VectorProducts}, {@code VectorExpKernels}, {@code VectorCostRows})
 * computed in plain Java loops, bit for bit: the same operations in the same order as on {@code L}
 * SIMD lanes. {@link VectorRowKernels} runs these until the JIT has compiled its SIMD code (the
 * Vector API is about 100x slower than plain loops before C2 compiles it), so the first solve in a
 * JVM is fast and gives the same answer as every later one.
 *
 * <p>What "the same order" means, for a row of {@code m} entries and {@code full} the entries the
 * vector loop covers (a multiple of {@code L}, or of {@code 2L} for {@link #dot}):
 *
 * <ul>
 *   <li>entry {@code j < full} is computed in lane {@code j mod L} with the vector loop's operations
 *       (fused multiply-adds where it fuses); the entries {@code j >= full} by the scalar tail's
 *       operations (unfused where the tail is unfused);
 *   <li>a sum keeps one accumulator per lane, then adds the lanes to {@code 0.0} in lane order (what
 *       {@code VectorLanes.sumInOrder} does), then adds the tail in order;
 *   <li>element-wise results and maxima do not depend on the order.
 * </ul>
 *
 * The loops below run lane by lane over a stride of {@code L} (a scalar accumulator each, which the
 * JIT keeps in a register), which gives the same sums as the vector loop's order. Exponentials use
 * {@link FmaExp#exp}, the lanes' own arithmetic. {@code LaneRowKernelsTest} checks every method
 * against the SIMD kernels bit for bit.
 *
 * <p>This file is over 400 lines on purpose: it mirrors the three SIMD kernel classes method for
 * method in one place, so that a change to a vector loop's order has its twin beside it.
 */
final class LaneRowKernels implements RowKernels {
  /** Exponent chunk of {@code VectorExpKernels.expCostSum}: its sum is accumulated per chunk. */
  static final int CHUNK = 1024;

  private final int lanes;
  /** Whether {@link #dot4} takes its blocked loop for 8 and 4 lanes (false: the strided one; for tests). */
  private final boolean blocked;

  /** The twin of SIMD kernels with {@code lanes} double lanes. */
  LaneRowKernels(int lanes) {
    this(lanes, true);
  }

  /** As {@link #LaneRowKernels(int)}; {@code blocked = false} keeps the strided {@link #dot4} everywhere. */
  LaneRowKernels(int lanes, boolean blocked) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes = " + lanes + " must be >= 1");
    }
    this.lanes = lanes;
    this.blocked = blocked;
  }

  @Override
  public String name() {
    return "lanes(" + lanes + ")";
  }

  /** The entries of {@code m} a vector loop of width {@code w} covers. */
  private static int full(int m, int w) {
    return m - m % w;
  }

  // ---- kernel-domain products --------------------------------------------------------------------

  @Override
  public double dot(float[] k, int ko, double[] v, int m) {
    int ln = lanes;
    int full = full(m, 2 * ln);
    double s = 0.0;
    for (int l = 0; l < ln; l++) {
      double a0 = 0.0;
      double a1 = 0.0;
      for (int j = l; j < full; j += 2 * ln) {
        a0 = Math.fma(k[ko + j], v[j], a0);
        a1 = Math.fma(k[ko + j + ln], v[j + ln], a1);
      }
      s += a0 + a1;
    }
    for (int j = full; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  @Override
  public double dot(double[] k, int ko, double[] v, int m) {
    int ln = lanes;
    int full = full(m, 2 * ln);
    double s = 0.0;
    for (int l = 0; l < ln; l++) {
      double a0 = 0.0;
      double a1 = 0.0;
      for (int j = l; j < full; j += 2 * ln) {
        a0 = Math.fma(k[ko + j], v[j], a0);
        a1 = Math.fma(k[ko + j + ln], v[j + ln], a1);
      }
      s += a0 + a1;
    }
    for (int j = full; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  @Override
  public void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      t[j] = Math.fma(k[ko + j], alpha, t[j]);
    }
    for (int j = full; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      t[j] = Math.fma(k[ko + j], alpha, t[j]);
    }
    for (int j = full; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
    int ln = lanes;
    int full = full(m, ln);
    if (blocked && (ln == 8 || ln == 4)) {
      dot4Blocked(k, ko, v, m, full, out, o);
      return;
    }
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    for (int l = 0; l < ln; l++) {
      // the four rows' lane-l accumulators: four independent FMA chains, v loaded once
      double a0 = 0.0;
      double a1 = 0.0;
      double a2 = 0.0;
      double a3 = 0.0;
      for (int j = l; j < full; j += ln) {
        double vj = v[j];
        a0 = Math.fma(k[ko + j], vj, a0);
        a1 = Math.fma(k[k1 + j], vj, a1);
        a2 = Math.fma(k[k2 + j], vj, a2);
        a3 = Math.fma(k[k3 + j], vj, a3);
      }
      s0 += a0;
      s1 += a1;
      s2 += a2;
      s3 += a3;
    }
    for (int j = full; j < m; j++) {
      s0 += k[ko + j] * v[j];
      s1 += k[k1 + j] * v[j];
      s2 += k[k2 + j] * v[j];
      s3 += k[k3 + j] * v[j];
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
  }

  @Override
  public void dot4(double[] k, int ko, double[] v, int m, double[] out, int o) {
    int ln = lanes;
    int full = full(m, ln);
    if (blocked && (ln == 8 || ln == 4)) {
      dot4Blocked(k, ko, v, m, full, out, o);
      return;
    }
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    for (int l = 0; l < ln; l++) {
      // the four rows' lane-l accumulators: four independent FMA chains, v loaded once
      double a0 = 0.0;
      double a1 = 0.0;
      double a2 = 0.0;
      double a3 = 0.0;
      for (int j = l; j < full; j += ln) {
        double vj = v[j];
        a0 = Math.fma(k[ko + j], vj, a0);
        a1 = Math.fma(k[k1 + j], vj, a1);
        a2 = Math.fma(k[k2 + j], vj, a2);
        a3 = Math.fma(k[k3 + j], vj, a3);
      }
      s0 += a0;
      s1 += a1;
      s2 += a2;
      s3 += a3;
    }
    for (int j = full; j < m; j++) {
      s0 += k[ko + j] * v[j];
      s1 += k[k1 + j] * v[j];
      s2 += k[k2 + j] * v[j];
      s3 += k[k3 + j] * v[j];
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
  }

  /**
   * {@link #dot4} for 8 or 4 lanes with the same sums as the lane-strided loop: each row's lane
   * accumulators are explicit locals, two rows at a time (so the {@code v} loads are shared and the
   * JIT keeps the 16 or 8 FMA chains in registers), reduced in lane order as there, then the tail.
   * About 3x faster than the strided loop, which walks the row once per lane: the solve's first
   * iterations run here while the SIMD kernels compile.
   */
  private void dot4Blocked(float[] k, int ko, double[] v, int m, int full, double[] out, int o) {
    for (int r = 0; r < 4; r += 2) {
      int p0 = ko + r * m;
      int p1 = p0 + m;
      if (lanes == 8) {
        pairDot8(k, p0, p1, v, full, out, o + r);
      } else {
        pairDot4(k, p0, p1, v, full, out, o + r);
      }
      double s0 = out[o + r];
      double s1 = out[o + r + 1];
      for (int j = full; j < m; j++) {
        s0 += k[p0 + j] * v[j];
        s1 += k[p1 + j] * v[j];
      }
      out[o + r] = s0;
      out[o + r + 1] = s1;
    }
  }

  /** {@link #dot4Blocked(float[], int, double[], int, int, double[], int)} for a double kernel. */
  private void dot4Blocked(double[] k, int ko, double[] v, int m, int full, double[] out, int o) {
    for (int r = 0; r < 4; r += 2) {
      int p0 = ko + r * m;
      int p1 = p0 + m;
      if (lanes == 8) {
        pairDot8(k, p0, p1, v, full, out, o + r);
      } else {
        pairDot4(k, p0, p1, v, full, out, o + r);
      }
      double s0 = out[o + r];
      double s1 = out[o + r + 1];
      for (int j = full; j < m; j++) {
        s0 += k[p0 + j] * v[j];
        s1 += k[p1 + j] * v[j];
      }
      out[o + r] = s0;
      out[o + r + 1] = s1;
    }
  }

  /** Rows {@code p0} and {@code p1}: their 8 lane sums over {@code [0, full)}, reduced in lane order. */
  private static void pairDot8(float[] k, int p0, int p1, double[] v, int full, double[] out, int o) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0, b4 = 0.0, b5 = 0.0, b6 = 0.0, b7 = 0.0;
    for (int j = 0; j < full; j += 8) {
      double v0 = v[j];
      double v1 = v[j + 1];
      double v2 = v[j + 2];
      double v3 = v[j + 3];
      double v4 = v[j + 4];
      double v5 = v[j + 5];
      double v6 = v[j + 6];
      double v7 = v[j + 7];
      int p = p0 + j;
      int q = p1 + j;
      a0 = Math.fma(k[p], v0, a0);
      a1 = Math.fma(k[p + 1], v1, a1);
      a2 = Math.fma(k[p + 2], v2, a2);
      a3 = Math.fma(k[p + 3], v3, a3);
      a4 = Math.fma(k[p + 4], v4, a4);
      a5 = Math.fma(k[p + 5], v5, a5);
      a6 = Math.fma(k[p + 6], v6, a6);
      a7 = Math.fma(k[p + 7], v7, a7);
      b0 = Math.fma(k[q], v0, b0);
      b1 = Math.fma(k[q + 1], v1, b1);
      b2 = Math.fma(k[q + 2], v2, b2);
      b3 = Math.fma(k[q + 3], v3, b3);
      b4 = Math.fma(k[q + 4], v4, b4);
      b5 = Math.fma(k[q + 5], v5, b5);
      b6 = Math.fma(k[q + 6], v6, b6);
      b7 = Math.fma(k[q + 7], v7, b7);
    }
    out[o] = 0.0 + a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    out[o + 1] = 0.0 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7;
  }

  /** Rows {@code p0} and {@code p1}: their 4 lane sums over {@code [0, full)}, reduced in lane order. */
  private static void pairDot4(float[] k, int p0, int p1, double[] v, int full, double[] out, int o) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;
    for (int j = 0; j < full; j += 4) {
      double v0 = v[j];
      double v1 = v[j + 1];
      double v2 = v[j + 2];
      double v3 = v[j + 3];
      int p = p0 + j;
      int q = p1 + j;
      a0 = Math.fma(k[p], v0, a0);
      a1 = Math.fma(k[p + 1], v1, a1);
      a2 = Math.fma(k[p + 2], v2, a2);
      a3 = Math.fma(k[p + 3], v3, a3);
      b0 = Math.fma(k[q], v0, b0);
      b1 = Math.fma(k[q + 1], v1, b1);
      b2 = Math.fma(k[q + 2], v2, b2);
      b3 = Math.fma(k[q + 3], v3, b3);
    }
    out[o] = 0.0 + a0 + a1 + a2 + a3;
    out[o + 1] = 0.0 + b0 + b1 + b2 + b3;
  }

  /** Rows {@code p0} and {@code p1}: their 8 lane sums over {@code [0, full)}, reduced in lane order. */
  private static void pairDot8(double[] k, int p0, int p1, double[] v, int full, double[] out, int o) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0, b4 = 0.0, b5 = 0.0, b6 = 0.0, b7 = 0.0;
    for (int j = 0; j < full; j += 8) {
      double v0 = v[j];
      double v1 = v[j + 1];
      double v2 = v[j + 2];
      double v3 = v[j + 3];
      double v4 = v[j + 4];
      double v5 = v[j + 5];
      double v6 = v[j + 6];
      double v7 = v[j + 7];
      int p = p0 + j;
      int q = p1 + j;
      a0 = Math.fma(k[p], v0, a0);
      a1 = Math.fma(k[p + 1], v1, a1);
      a2 = Math.fma(k[p + 2], v2, a2);
      a3 = Math.fma(k[p + 3], v3, a3);
      a4 = Math.fma(k[p + 4], v4, a4);
      a5 = Math.fma(k[p + 5], v5, a5);
      a6 = Math.fma(k[p + 6], v6, a6);
      a7 = Math.fma(k[p + 7], v7, a7);
      b0 = Math.fma(k[q], v0, b0);
      b1 = Math.fma(k[q + 1], v1, b1);
      b2 = Math.fma(k[q + 2], v2, b2);
      b3 = Math.fma(k[q + 3], v3, b3);
      b4 = Math.fma(k[q + 4], v4, b4);
      b5 = Math.fma(k[q + 5], v5, b5);
      b6 = Math.fma(k[q + 6], v6, b6);
      b7 = Math.fma(k[q + 7], v7, b7);
    }
    out[o] = 0.0 + a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    out[o + 1] = 0.0 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7;
  }

  /** Rows {@code p0} and {@code p1}: their 4 lane sums over {@code [0, full)}, reduced in lane order. */
  private static void pairDot4(double[] k, int p0, int p1, double[] v, int full, double[] out, int o) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;
    for (int j = 0; j < full; j += 4) {
      double v0 = v[j];
      double v1 = v[j + 1];
      double v2 = v[j + 2];
      double v3 = v[j + 3];
      int p = p0 + j;
      int q = p1 + j;
      a0 = Math.fma(k[p], v0, a0);
      a1 = Math.fma(k[p + 1], v1, a1);
      a2 = Math.fma(k[p + 2], v2, a2);
      a3 = Math.fma(k[p + 3], v3, a3);
      b0 = Math.fma(k[q], v0, b0);
      b1 = Math.fma(k[q + 1], v1, b1);
      b2 = Math.fma(k[q + 2], v2, b2);
      b3 = Math.fma(k[q + 3], v3, b3);
    }
    out[o] = 0.0 + a0 + a1 + a2 + a3;
    out[o + 1] = 0.0 + b0 + b1 + b2 + b3;
  }

  @Override
  public void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
    double b0 = alpha[o];
    double b1 = alpha[o + 1];
    double b2 = alpha[o + 2];
    double b3 = alpha[o + 3];
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      double acc = Math.fma(k[ko + j], b0, t[j]);
      acc = Math.fma(k[k1 + j], b1, acc);
      acc = Math.fma(k[k2 + j], b2, acc);
      t[j] = Math.fma(k[k3 + j], b3, acc);
    }
    for (int j = full; j < m; j++) {
      t[j] += b0 * k[ko + j] + b1 * k[k1 + j] + b2 * k[k2 + j] + b3 * k[k3 + j];
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
    double b0 = alpha[o];
    double b1 = alpha[o + 1];
    double b2 = alpha[o + 2];
    double b3 = alpha[o + 3];
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      double acc = Math.fma(k[ko + j], b0, t[j]);
      acc = Math.fma(k[k1 + j], b1, acc);
      acc = Math.fma(k[k2 + j], b2, acc);
      t[j] = Math.fma(k[k3 + j], b3, acc);
    }
    for (int j = full; j < m; j++) {
      t[j] += b0 * k[ko + j] + b1 * k[k1 + j] + b2 * k[k2 + j] + b3 * k[k3 + j];
    }
  }

  @Override
  public double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    int ln = lanes;
    int full = full(m, ln);
    double s = 0.0;
    for (int l = 0; l < ln; l++) {
      double a = 0.0;
      for (int j = l; j < full; j += ln) {
        a = Math.fma(k[ko + j] * v[j], c[co + j], a);
      }
      s += a;
    }
    for (int j = full; j < m; j++) {
      s += (double) k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    int ln = lanes;
    int full = full(m, ln);
    double s = 0.0;
    for (int l = 0; l < ln; l++) {
      double a = 0.0;
      for (int j = l; j < full; j += ln) {
        a = Math.fma(k[ko + j] * v[j], c[co + j], a);
      }
      s += a;
    }
    for (int j = full; j < m; j++) {
      s += k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      acc[j] = Math.fma(e[j] * coef, w[j], acc[j]);
    }
    for (int j = full; j < m; j++) {
      acc[j] += coef * e[j] * w[j];
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
    for (int j = 0; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushF(e[j] * coef * w[j]);
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
    for (int j = 0; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushD(e[j] * coef * w[j]);
    }
  }

  @Override
  public double logScalingUpdate(double[] t, double[] l, double omega, double lambda, double[] shift,
      double shiftScale, double[] base, double[] out, int m) {
    return ScalarRowKernels.INSTANCE.logScalingUpdate(t, l, omega, lambda, shift, shiftScale, base, out, m);
  }

  // ---- exponent kernels: x_j = fma(c_j, -inv, h_j + base inv) on every lane and in every tail ------

  @Override
  public void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushF(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)));
    }
  }

  @Override
  public void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushD(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)));
    }
  }

  @Override
  public double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      e[j] = FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b));
    }
    return laneSum(e, m);
  }

  @Override
  public double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      e[j] = FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b));
    }
    return laneSum(e, m);
  }

  /** {@code sum(a[0, len))} in the SIMD order: lane sums, the lanes in order, then the tail. */
  private double laneSum(double[] a, int len) {
    int ln = lanes;
    int full = full(len, ln);
    double s = 0.0;
    for (int l = 0; l < ln; l++) {
      double acc = 0.0;
      for (int i = l; i < full; i += ln) {
        acc += a[i];
      }
      s += acc;
    }
    for (int i = full; i < len; i++) {
      s += a[i];
    }
    return s;
  }

  @Override
  public double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    int full = full(m, lanes);
    double r = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < full; j++) {
      r = Math.max(r, Math.fma(c[co + j], -inv, h[j] + b));
    }
    for (int j = full; j < m; j++) {
      r = Math.max(r, h[j] + b - c[co + j] * inv);
    }
    return r;
  }

  @Override
  public double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    int full = full(m, lanes);
    double r = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < full; j++) {
      r = Math.max(r, Math.fma(c[co + j], -inv, h[j] + b));
    }
    for (int j = full; j < m; j++) {
      r = Math.max(r, h[j] + b - c[co + j] * inv);
    }
    return r;
  }

  @Override
  public void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      acc[j] = Math.max(acc[j], Math.fma(c[co + j], -inv, h[j] + b));
    }
    for (int j = full; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      acc[j] = Math.max(acc[j], Math.fma(c[co + j], -inv, h[j] + b));
    }
    for (int j = full; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] += FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b));
    }
  }

  @Override
  public void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] += FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b));
    }
  }

  @Override
  public double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    int ln = lanes;
    double total = 0.0;
    for (int j0 = 0; j0 < m; j0 += CHUNK) {
      int len = Math.min(CHUNK, m - j0);
      int full = full(len, ln);
      double s = 0.0;
      for (int l = 0; l < ln; l++) {
        double acc = 0.0;
        for (int i = l; i < full; i += ln) {
          int j = j0 + i;
          acc = Math.fma(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)), c[co + j], acc);
        }
        s += acc;
      }
      for (int i = full; i < len; i++) {
        int j = j0 + i;
        s = Math.fma(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)), c[co + j], s);
      }
      total += s;
    }
    return total;
  }

  @Override
  public double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    int ln = lanes;
    double total = 0.0;
    for (int j0 = 0; j0 < m; j0 += CHUNK) {
      int len = Math.min(CHUNK, m - j0);
      int full = full(len, ln);
      double s = 0.0;
      for (int l = 0; l < ln; l++) {
        double acc = 0.0;
        for (int i = l; i < full; i += ln) {
          int j = j0 + i;
          acc = Math.fma(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)), c[co + j], acc);
        }
        s += acc;
      }
      for (int i = full; i < len; i++) {
        int j = j0 + i;
        s = Math.fma(FmaExp.exp(Math.fma(c[co + j], -inv, h[j] + b)), c[co + j], s);
      }
      total += s;
    }
    return total;
  }

  // ---- cost rows: lanes fuse t*t into the sum (t = y - x), the tail does not ----------------------

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      out[j] = (float) lanePair(cost, x, xo, yT, d, m, j);
    }
    for (int j = full; j < m; j++) {
      out[j] = (float) tailPair(cost, x, xo, yT, d, m, j);
    }
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    int full = full(m, lanes);
    for (int j = 0; j < full; j++) {
      out[j] = lanePair(cost, x, xo, yT, d, m, j);
    }
    for (int j = full; j < m; j++) {
      out[j] = tailPair(cost, x, xo, yT, d, m, j);
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
    int full = full(m, lanes);
    for (int r = 0; r < 4; r++) {
      int xr = xo + r * d;
      int or = oo + r * m;
      for (int j = 0; j < full; j++) {
        out[or + j] = (float) lanePair(cost, x, xr, yT, d, m, j);
      }
      for (int j = full; j < m; j++) {
        out[or + j] = (float) tailPair(cost, x, xr, yT, d, m, j);
      }
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
    int full = full(m, lanes);
    for (int r = 0; r < 4; r++) {
      int xr = xo + r * d;
      int or = oo + r * m;
      for (int j = 0; j < full; j++) {
        out[or + j] = lanePair(cost, x, xr, yT, d, m, j);
      }
      for (int j = full; j < m; j++) {
        out[or + j] = tailPair(cost, x, xr, yT, d, m, j);
      }
    }
  }

  /** One lane of {@code VectorCostRows.pairs}: {@code t = y - x}, {@code s = fma(t, t, s)} or {@code s + |t|}. */
  private static double lanePair(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, int j) {
    double s = 0.0;
    if (cost == StandardCost.L1) {
      for (int k = 0; k < d; k++) {
        s += Math.abs(yT[k * m + j] - x[xo + k]);
      }
      return s;
    }
    for (int k = 0; k < d; k++) {
      double t = yT[k * m + j] - x[xo + k];
      s = Math.fma(t, t, s);
    }
    return cost == StandardCost.EUCLIDEAN ? Math.sqrt(s) : s;
  }

  /** The scalar tail of {@code VectorCostRows}: {@code t = x - y}, {@code s += t * t} or {@code |t|}. */
  private static double tailPair(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, int j) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      double t = x[xo + k] - yT[k * m + j];
      s += cost == StandardCost.L1 ? Math.abs(t) : t * t;
    }
    return cost == StandardCost.EUCLIDEAN ? Math.sqrt(s) : s;
  }
}
