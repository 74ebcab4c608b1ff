package org.paperlab.ot;

import static org.paperlab.ot.VectorLanes.D;
import static org.paperlab.ot.VectorLanes.FLOAT_MIN_NORMAL;
import static org.paperlab.ot.VectorLanes.L;
import static org.paperlab.ot.VectorLanes.loadF;
import static org.paperlab.ot.VectorLanes.storeF;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The exponent kernels of {@link VectorRowKernels}: everything computed from the exponent
 * {@code x_j = h_j + (base - c_j) inv} of a cost row ({@link RowKernels}): its maximum (the shift of an
 * exact soft-min) and its exponentials, stored, summed, accumulated or weighted by the cost. The
 * exponentials run in L1-sized chunks through {@link VectorExp} (the same bits on every run): the
 * exponents of a chunk, {@link VectorExp#expInPlace}, then the kernel's use of them. Each public
 * kernel is the SIMD body of the {@link RowKernels} method of the same name and signature; float and
 * double twins sit side by side and are cross-tested against {@link ScalarRowKernels} by
 * {@code RowKernelsTest}.
 */
final class VectorExpKernels {
  /** Elements per pass of the exp kernels: the scratch chunk stays in the L1 cache. */
  private static final int CHUNK = 1024;
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[CHUNK]);

  private VectorExpKernels() {}

  static void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> storeFlushed(w, len, out, oo + j0));
  }

  static void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> storeFlushed(w, len, out, oo + j0));
  }

  static double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    exponents(c, co, base * inv, h, 0, inv, e, m);
    VectorExp.expInPlace(e, 0, m);
    return sum(e, m);
  }

  static double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    exponents(c, co, base * inv, h, 0, inv, e, m);
    VectorExp.expInPlace(e, 0, m);
    return sum(e, m);
  }

  static double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    DoubleVector mx = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    int j = 0;
    for (; j + L <= m; j += L) {
      mx = mx.max(loadF(c, co + j).fma(ni, DoubleVector.fromArray(D, h, j).add(bv)));
    }
    double r = mx.reduceLanes(VectorOperators.MAX);
    for (; j < m; j++) {
      r = Math.max(r, h[j] + b - c[co + j] * inv);
    }
    return r;
  }

  static double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    DoubleVector mx = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    int j = 0;
    for (; j + L <= m; j += L) {
      mx = mx.max(DoubleVector.fromArray(D, c, co + j).fma(ni, DoubleVector.fromArray(D, h, j).add(bv)));
    }
    double r = mx.reduceLanes(VectorOperators.MAX);
    for (; j < m; j++) {
      r = Math.max(r, h[j] + b - c[co + j] * inv);
    }
    return r;
  }

  static void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector x = loadF(c, co + j).fma(ni, DoubleVector.fromArray(D, h, j).add(bv));
      DoubleVector.fromArray(D, acc, j).max(x).intoArray(acc, j);
    }
    for (; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  static void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector x = DoubleVector.fromArray(D, c, co + j).fma(ni, DoubleVector.fromArray(D, h, j).add(bv));
      DoubleVector.fromArray(D, acc, j).max(x).intoArray(acc, j);
    }
    for (; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  static void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> addInto(w, len, acc, j0));
  }

  static void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> addInto(w, len, acc, j0));
  }

  static double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double[] total = new double[1];
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> total[0] += weightedSum(w, len, c, co + j0));
    return total[0];
  }

  static double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double[] total = new double[1];
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> total[0] += weightedSum(w, len, c, co + j0));
    return total[0];
  }

  /** The exponents of one chunk of a row: {@code w[0, len)} for row elements {@code [j0, j0 + len)}. */
  @FunctionalInterface
  private interface ChunkExponents {
    void fill(int j0, double[] w, int len);
  }

  /** What a kernel does with one chunk of exponentials {@code w[0, len)} (row elements from j0). */
  @FunctionalInterface
  private interface ChunkUse {
    void use(int j0, double[] w, int len);
  }

  /**
   * A row of {@code m} exponentials in L1-sized chunks: exponents, {@link VectorExp#expInPlace},
   * then the kernel's use of them. The two calls per 1,024 elements pass arrays only, so nothing
   * here needs inlining to keep vectors in registers.
   */
  private static void expChunks(int m, ChunkExponents exponents, ChunkUse use) {
    double[] w = scratch();
    for (int j0 = 0; j0 < m; j0 += CHUNK) {
      int len = Math.min(CHUNK, m - j0);
      exponents.fill(j0, w, len);
      VectorExp.expInPlace(w, 0, len);
      use.use(j0, w, len);
    }
  }

  /** {@code out[oo + i] = w[i]} as float, 0 where the float would be subnormal (100x slower). */
  private static void storeFlushed(double[] w, int len, float[] out, int oo) {
    int i = 0;
    for (; i + L <= len; i += L) {
      DoubleVector ex = DoubleVector.fromArray(D, w, i);
      storeF(ex.blend(0.0, ex.lt(FLOAT_MIN_NORMAL)), out, oo + i);
    }
    for (; i < len; i++) {
      out[oo + i] = ScalarRowKernels.flushF(w[i]);
    }
  }

  /** {@code out[oo + i] = w[i]}, 0 where it is subnormal. */
  private static void storeFlushed(double[] w, int len, double[] out, int oo) {
    int i = 0;
    for (; i + L <= len; i += L) {
      DoubleVector ex = DoubleVector.fromArray(D, w, i);
      ex.blend(0.0, ex.lt(Double.MIN_NORMAL)).intoArray(out, oo + i);
    }
    for (; i < len; i++) {
      out[oo + i] = ScalarRowKernels.flushD(w[i]);
    }
  }

  /** {@code acc[ao + i] += w[i]}. */
  private static void addInto(double[] w, int len, double[] acc, int ao) {
    int i = 0;
    for (; i + L <= len; i += L) {
      DoubleVector.fromArray(D, w, i).add(DoubleVector.fromArray(D, acc, ao + i)).intoArray(acc, ao + i);
    }
    for (; i < len; i++) {
      acc[ao + i] += w[i];
    }
  }

  /** {@code sum_i w[i] c[co + i]} over a float row. */
  private static double weightedSum(double[] w, int len, float[] c, int co) {
    DoubleVector acc = DoubleVector.zero(D);
    int i = 0;
    for (; i + L <= len; i += L) {
      acc = DoubleVector.fromArray(D, w, i).fma(loadF(c, co + i), acc);
    }
    double s = VectorLanes.sumInOrder(acc);
    for (; i < len; i++) {
      s = Math.fma(w[i], c[co + i], s);
    }
    return s;
  }

  /** {@code sum_i w[i] c[co + i]} over a double row. */
  private static double weightedSum(double[] w, int len, double[] c, int co) {
    DoubleVector acc = DoubleVector.zero(D);
    int i = 0;
    for (; i + L <= len; i += L) {
      acc = DoubleVector.fromArray(D, w, i).fma(DoubleVector.fromArray(D, c, co + i), acc);
    }
    double s = VectorLanes.sumInOrder(acc);
    for (; i < len; i++) {
      s = Math.fma(w[i], c[co + i], s);
    }
    return s;
  }

  /** This thread's exponent chunk (overwritten before every read). */
  private static double[] scratch() {
    return SCRATCH.get();
  }

  /** {@code w[i] = h[ho + i] + b - c[co + i] inv} for {@code i < len} (one rounding: an FMA). */
  private static void exponents(float[] c, int co, double b, double[] h, int ho, double inv, double[] w, int len) {
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    int i = 0;
    for (; i + L <= len; i += L) {
      loadF(c, co + i).fma(ni, DoubleVector.fromArray(D, h, ho + i).add(bv)).intoArray(w, i);
    }
    for (; i < len; i++) {
      w[i] = Math.fma(c[co + i], -inv, h[ho + i] + b);
    }
  }

  /** {@link #exponents(float[], int, double, double[], int, double, double[], int)} for a double row. */
  private static void exponents(double[] c, int co, double b, double[] h, int ho, double inv, double[] w, int len) {
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector ni = DoubleVector.broadcast(D, -inv);
    int i = 0;
    for (; i + L <= len; i += L) {
      DoubleVector.fromArray(D, c, co + i).fma(ni, DoubleVector.fromArray(D, h, ho + i).add(bv)).intoArray(w, i);
    }
    for (; i < len; i++) {
      w[i] = Math.fma(c[co + i], -inv, h[ho + i] + b);
    }
  }

  /** {@code sum(a[0, len))}: lane sums, then the lanes in order, then the tail. */
  private static double sum(double[] a, int len) {
    DoubleVector acc = DoubleVector.zero(D);
    int i = 0;
    for (; i + L <= len; i += L) {
      acc = acc.add(DoubleVector.fromArray(D, a, i));
    }
    double s = VectorLanes.sumInOrder(acc);
    for (; i < len; i++) {
      s += a[i];
    }
    return s;
  }
}
