package org.paperlab.ot;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on the JDK's incubating Vector API: the widest double vectors of the CPU
 * (8 lanes with AVX-512), float rows loaded at half width and widened to double, and the
 * SIMD {@code exp} of {@link VectorExp} (the same bits on every run, unlike the API's own).
 * Loaded reflectively by {@link RowKernels#best()} only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorRowKernels implements RowKernels {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final double FLOAT_MIN_NORMAL = Float.MIN_NORMAL;

  /** Public for reflective loading. */
  public VectorRowKernels() {}

  @Override
  public String name() {
    return "vector(" + D.vectorBitSize() + ")";
  }

  private static DoubleVector loadF(float[] a, int off) {
    return (DoubleVector) FloatVector.fromArray(F, a, off).convertShape(VectorOperators.F2D, D, 0);
  }

  private static void storeF(DoubleVector x, float[] a, int off) {
    ((FloatVector) x.convertShape(VectorOperators.D2F, F, 0)).intoArray(a, off);
  }

  // ---- kernel domain -------------------------------------------------------------------

  @Override
  public double dot(float[] k, int ko, double[] v, int m) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    int j = 0;
    for (; j + 2 * L <= m; j += 2 * L) {
      a0 = loadF(k, ko + j).fma(DoubleVector.fromArray(D, v, j), a0);
      a1 = loadF(k, ko + j + L).fma(DoubleVector.fromArray(D, v, j + L), a1);
    }
    double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  @Override
  public double dot(double[] k, int ko, double[] v, int m) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    int j = 0;
    for (; j + 2 * L <= m; j += 2 * L) {
      a0 = DoubleVector.fromArray(D, k, ko + j).fma(DoubleVector.fromArray(D, v, j), a0);
      a1 = DoubleVector.fromArray(D, k, ko + j + L).fma(DoubleVector.fromArray(D, v, j + L), a1);
    }
    double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  @Override
  public void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    int j = 0;
    for (; j + L <= m; j += L) {
      loadF(k, ko + j).fma(a, DoubleVector.fromArray(D, t, j)).intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    DoubleVector a2 = DoubleVector.zero(D);
    DoubleVector a3 = DoubleVector.zero(D);
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector vv = DoubleVector.fromArray(D, v, j);
      a0 = loadF(k, ko + j).fma(vv, a0);
      a1 = loadF(k, k1 + j).fma(vv, a1);
      a2 = loadF(k, k2 + j).fma(vv, a2);
      a3 = loadF(k, k3 + j).fma(vv, a3);
    }
    double s0 = a0.reduceLanes(VectorOperators.ADD);
    double s1 = a1.reduceLanes(VectorOperators.ADD);
    double s2 = a2.reduceLanes(VectorOperators.ADD);
    double s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
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
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    DoubleVector a2 = DoubleVector.zero(D);
    DoubleVector a3 = DoubleVector.zero(D);
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector vv = DoubleVector.fromArray(D, v, j);
      a0 = DoubleVector.fromArray(D, k, ko + j).fma(vv, a0);
      a1 = DoubleVector.fromArray(D, k, k1 + j).fma(vv, a1);
      a2 = DoubleVector.fromArray(D, k, k2 + j).fma(vv, a2);
      a3 = DoubleVector.fromArray(D, k, k3 + j).fma(vv, a3);
    }
    double s0 = a0.reduceLanes(VectorOperators.ADD);
    double s1 = a1.reduceLanes(VectorOperators.ADD);
    double s2 = a2.reduceLanes(VectorOperators.ADD);
    double s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
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
  public void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
    double b0 = alpha[o];
    double b1 = alpha[o + 1];
    double b2 = alpha[o + 2];
    double b3 = alpha[o + 3];
    DoubleVector c0 = DoubleVector.broadcast(D, b0);
    DoubleVector c1 = DoubleVector.broadcast(D, b1);
    DoubleVector c2 = DoubleVector.broadcast(D, b2);
    DoubleVector c3 = DoubleVector.broadcast(D, b3);
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector acc = DoubleVector.fromArray(D, t, j);
      acc = loadF(k, ko + j).fma(c0, acc);
      acc = loadF(k, k1 + j).fma(c1, acc);
      acc = loadF(k, k2 + j).fma(c2, acc);
      acc = loadF(k, k3 + j).fma(c3, acc);
      acc.intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += b0 * k[ko + j] + b1 * k[k1 + j] + b2 * k[k2 + j] + b3 * k[k3 + j];
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
    double b0 = alpha[o];
    double b1 = alpha[o + 1];
    double b2 = alpha[o + 2];
    double b3 = alpha[o + 3];
    DoubleVector c0 = DoubleVector.broadcast(D, b0);
    DoubleVector c1 = DoubleVector.broadcast(D, b1);
    DoubleVector c2 = DoubleVector.broadcast(D, b2);
    DoubleVector c3 = DoubleVector.broadcast(D, b3);
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector acc = DoubleVector.fromArray(D, t, j);
      acc = DoubleVector.fromArray(D, k, ko + j).fma(c0, acc);
      acc = DoubleVector.fromArray(D, k, k1 + j).fma(c1, acc);
      acc = DoubleVector.fromArray(D, k, k2 + j).fma(c2, acc);
      acc = DoubleVector.fromArray(D, k, k3 + j).fma(c3, acc);
      acc.intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += b0 * k[ko + j] + b1 * k[k1 + j] + b2 * k[k2 + j] + b3 * k[k3 + j];
    }
  }

  @Override
  public void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector.fromArray(D, k, ko + j).fma(a, DoubleVector.fromArray(D, t, j)).intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    DoubleVector acc = DoubleVector.zero(D);
    int j = 0;
    for (; j + L <= m; j += L) {
      acc = loadF(k, ko + j).mul(DoubleVector.fromArray(D, v, j)).fma(loadF(c, co + j), acc);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
      s += (double) k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    DoubleVector acc = DoubleVector.zero(D);
    int j = 0;
    for (; j + L <= m; j += L) {
      acc =
          DoubleVector.fromArray(D, k, ko + j)
              .mul(DoubleVector.fromArray(D, v, j))
              .fma(DoubleVector.fromArray(D, c, co + j), acc);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < m; j++) {
      s += k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> storeFlushed(w, len, out, oo + j0));
  }

  @Override
  public void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> storeFlushed(w, len, out, oo + j0));
  }

  @Override
  public double logScalingUpdate(double[] t, double[] l, double omega, double lambda, double[] shift,
      double shiftScale, double[] base, double[] out, int m) {
    // O(m) per iteration, next to the O(n m) sweeps: the scalar loop's Math.log and Math.exp give
    // the same bits on every JIT tier, the Vector API's LOG and EXP do not (see VectorExp)
    return ScalarRowKernels.INSTANCE.logScalingUpdate(t, l, omega, lambda, shift, shiftScale, base, out, m);
  }

  // ---- log domain ----------------------------------------------------------------------

  @Override
  public double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    exponents(c, co, base * inv, h, 0, inv, e, m);
    VectorExp.expInPlace(e, 0, m);
    return sum(e, m);
  }

  @Override
  public double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    exponents(c, co, base * inv, h, 0, inv, e, m);
    VectorExp.expInPlace(e, 0, m);
    return sum(e, m);
  }

  @Override
  public void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
    DoubleVector cv = DoubleVector.broadcast(D, coef);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector.fromArray(D, e, j)
          .mul(cv)
          .fma(DoubleVector.fromArray(D, w, j), DoubleVector.fromArray(D, acc, j))
          .intoArray(acc, j);
    }
    for (; j < m; j++) {
      acc[j] += coef * e[j] * w[j];
    }
  }

  @Override
  public double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
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

  @Override
  public double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
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

  @Override
  public void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
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

  @Override
  public void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
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

  @Override
  public void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> addInto(w, len, acc, j0));
  }

  @Override
  public void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> addInto(w, len, acc, j0));
  }

  @Override
  public double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double[] total = new double[1];
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> total[0] += weightedSum(w, len, c, co + j0));
    return total[0];
  }

  @Override
  public double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double[] total = new double[1];
    expChunks(m, (j0, w, len) -> exponents(c, co + j0, b, h, j0, inv, w, len),
        (j0, w, len) -> total[0] += weightedSum(w, len, c, co + j0));
    return total[0];
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
    DoubleVector cv = DoubleVector.broadcast(D, coef);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector x = DoubleVector.fromArray(D, e, j).mul(cv).mul(DoubleVector.fromArray(D, w, j));
      storeF(x.blend(0.0, x.lt(FLOAT_MIN_NORMAL)), out, oo + j);
    }
    for (; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushF(coef * e[j] * w[j]);
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
    DoubleVector cv = DoubleVector.broadcast(D, coef);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector x = DoubleVector.fromArray(D, e, j).mul(cv).mul(DoubleVector.fromArray(D, w, j));
      x.blend(0.0, x.lt(Double.MIN_NORMAL)).intoArray(out, oo + j);
    }
    for (; j < m; j++) {
      out[oo + j] = ScalarRowKernels.flushD(coef * e[j] * w[j]);
    }
  }

  // ---- cost rows -----------------------------------------------------------------------

  private static DoubleVector pairs(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, int j) {
    DoubleVector acc = DoubleVector.zero(D);
    if (cost == StandardCost.L1) {
      for (int k = 0; k < d; k++) {
        acc = acc.add(DoubleVector.fromArray(D, yT, k * m + j).sub(x[xo + k]).abs());
      }
      return acc;
    }
    for (int k = 0; k < d; k++) {
      DoubleVector t = DoubleVector.fromArray(D, yT, k * m + j).sub(x[xo + k]);
      acc = t.fma(t, acc);
    }
    return cost == StandardCost.EUCLIDEAN ? acc.sqrt() : acc;
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    int j = 0;
    for (; j + L <= m; j += L) {
      storeF(pairs(cost, x, xo, yT, d, m, j), out, j);
    }
    for (; j < m; j++) {
      out[j] = (float) scalarPair(cost, x, xo, yT, d, m, j);
    }
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    int j = 0;
    for (; j + L <= m; j += L) {
      pairs(cost, x, xo, yT, d, m, j).intoArray(out, j);
    }
    for (; j < m; j++) {
      out[j] = scalarPair(cost, x, xo, yT, d, m, j);
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
    boolean l1 = cost == StandardCost.L1;
    boolean root = cost == StandardCost.EUCLIDEAN;
    int j = 0;
    for (; j + L <= m; j += L) {
      // four rows share every load of y (no arrays of vectors: they would defeat scalarization)
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = DoubleVector.zero(D);
      DoubleVector a2 = DoubleVector.zero(D);
      DoubleVector a3 = DoubleVector.zero(D);
      for (int k = 0; k < d; k++) {
        DoubleVector yv = DoubleVector.fromArray(D, yT, k * m + j);
        DoubleVector t0 = yv.sub(x[xo + k]);
        DoubleVector t1 = yv.sub(x[xo + d + k]);
        DoubleVector t2 = yv.sub(x[xo + 2 * d + k]);
        DoubleVector t3 = yv.sub(x[xo + 3 * d + k]);
        if (l1) {
          a0 = a0.add(t0.abs());
          a1 = a1.add(t1.abs());
          a2 = a2.add(t2.abs());
          a3 = a3.add(t3.abs());
        } else {
          a0 = t0.fma(t0, a0);
          a1 = t1.fma(t1, a1);
          a2 = t2.fma(t2, a2);
          a3 = t3.fma(t3, a3);
        }
      }
      if (root) {
        a0 = a0.sqrt();
        a1 = a1.sqrt();
        a2 = a2.sqrt();
        a3 = a3.sqrt();
      }
      storeF(a0, out, oo + j);
      storeF(a1, out, oo + m + j);
      storeF(a2, out, oo + 2 * m + j);
      storeF(a3, out, oo + 3 * m + j);
    }
    for (; j < m; j++) {
      for (int r = 0; r < 4; r++) {
        out[oo + r * m + j] = (float) scalarPair(cost, x, xo + r * d, yT, d, m, j);
      }
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
    boolean l1 = cost == StandardCost.L1;
    boolean root = cost == StandardCost.EUCLIDEAN;
    int j = 0;
    for (; j + L <= m; j += L) {
      // four rows share every load of y (no arrays of vectors: they would defeat scalarization)
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = DoubleVector.zero(D);
      DoubleVector a2 = DoubleVector.zero(D);
      DoubleVector a3 = DoubleVector.zero(D);
      for (int k = 0; k < d; k++) {
        DoubleVector yv = DoubleVector.fromArray(D, yT, k * m + j);
        DoubleVector t0 = yv.sub(x[xo + k]);
        DoubleVector t1 = yv.sub(x[xo + d + k]);
        DoubleVector t2 = yv.sub(x[xo + 2 * d + k]);
        DoubleVector t3 = yv.sub(x[xo + 3 * d + k]);
        if (l1) {
          a0 = a0.add(t0.abs());
          a1 = a1.add(t1.abs());
          a2 = a2.add(t2.abs());
          a3 = a3.add(t3.abs());
        } else {
          a0 = t0.fma(t0, a0);
          a1 = t1.fma(t1, a1);
          a2 = t2.fma(t2, a2);
          a3 = t3.fma(t3, a3);
        }
      }
      if (root) {
        a0 = a0.sqrt();
        a1 = a1.sqrt();
        a2 = a2.sqrt();
        a3 = a3.sqrt();
      }
      a0.intoArray(out, oo + j);
      a1.intoArray(out, oo + m + j);
      a2.intoArray(out, oo + 2 * m + j);
      a3.intoArray(out, oo + 3 * m + j);
    }
    for (; j < m; j++) {
      for (int r = 0; r < 4; r++) {
        out[oo + r * m + j] = scalarPair(cost, x, xo + r * d, yT, d, m, j);
      }
    }
  }

  private static double scalarPair(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, int j) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      double t = x[xo + k] - yT[k * m + j];
      s += cost == StandardCost.L1 ? Math.abs(t) : t * t;
    }
    return cost == StandardCost.EUCLIDEAN ? Math.sqrt(s) : s;
  }

  // ---- exponentials ----------------------------------------------------------------------

  /** Elements per pass of the exp kernels: the scratch chunk stays in the L1 cache. */
  private static final int CHUNK = 1024;
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[CHUNK]);

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
    double s = acc.reduceLanes(VectorOperators.ADD);
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
    double s = acc.reduceLanes(VectorOperators.ADD);
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
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < len; i++) {
      s += a[i];
    }
    return s;
  }
}
