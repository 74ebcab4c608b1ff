package org.paperlab.ot;

import static org.paperlab.ot.VectorLanes.D;
import static org.paperlab.ot.VectorLanes.FLOAT_MIN_NORMAL;
import static org.paperlab.ot.VectorLanes.L;
import static org.paperlab.ot.VectorLanes.loadF;
import static org.paperlab.ot.VectorLanes.storeF;

import jdk.incubator.vector.DoubleVector;

/**
 * The kernel-domain products of {@link VectorRowKernels}: dot products with one or four kernel rows,
 * {@code axpy} into the column sums, the three-way product of the transport cost, and the scaled
 * stores that build a kernel row. Each method is the SIMD body of the {@link RowKernels} method of
 * the same name and signature (the formulas are documented there). Float rows are loaded at half
 * width and widened to double ({@link VectorLanes#loadF}); float and double twins sit side by side
 * and are cross-tested against {@link ScalarRowKernels} by {@code RowKernelsTest}.
 */
final class VectorProducts {
  private VectorProducts() {}

  static double dot(float[] k, int ko, double[] v, int m) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    int j = 0;
    for (; j + 2 * L <= m; j += 2 * L) {
      a0 = loadF(k, ko + j).fma(DoubleVector.fromArray(D, v, j), a0);
      a1 = loadF(k, ko + j + L).fma(DoubleVector.fromArray(D, v, j + L), a1);
    }
    double s = VectorLanes.sumInOrder(a0.add(a1));
    for (; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  static double dot(double[] k, int ko, double[] v, int m) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    int j = 0;
    for (; j + 2 * L <= m; j += 2 * L) {
      a0 = DoubleVector.fromArray(D, k, ko + j).fma(DoubleVector.fromArray(D, v, j), a0);
      a1 = DoubleVector.fromArray(D, k, ko + j + L).fma(DoubleVector.fromArray(D, v, j + L), a1);
    }
    double s = VectorLanes.sumInOrder(a0.add(a1));
    for (; j < m; j++) {
      s += k[ko + j] * v[j];
    }
    return s;
  }

  static void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    int j = 0;
    for (; j + L <= m; j += L) {
      loadF(k, ko + j).fma(a, DoubleVector.fromArray(D, t, j)).intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  static void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
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
    double s0 = VectorLanes.sumInOrder(a0);
    double s1 = VectorLanes.sumInOrder(a1);
    double s2 = VectorLanes.sumInOrder(a2);
    double s3 = VectorLanes.sumInOrder(a3);
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

  static void dot4(double[] k, int ko, double[] v, int m, double[] out, int o) {
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
    double s0 = VectorLanes.sumInOrder(a0);
    double s1 = VectorLanes.sumInOrder(a1);
    double s2 = VectorLanes.sumInOrder(a2);
    double s3 = VectorLanes.sumInOrder(a3);
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

  static void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
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

  static void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
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

  static void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    int j = 0;
    for (; j + L <= m; j += L) {
      DoubleVector.fromArray(D, k, ko + j).fma(a, DoubleVector.fromArray(D, t, j)).intoArray(t, j);
    }
    for (; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  static double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    DoubleVector acc = DoubleVector.zero(D);
    int j = 0;
    for (; j + L <= m; j += L) {
      acc = loadF(k, ko + j).mul(DoubleVector.fromArray(D, v, j)).fma(loadF(c, co + j), acc);
    }
    double s = VectorLanes.sumInOrder(acc);
    for (; j < m; j++) {
      s += (double) k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  static double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    DoubleVector acc = DoubleVector.zero(D);
    int j = 0;
    for (; j + L <= m; j += L) {
      acc =
          DoubleVector.fromArray(D, k, ko + j)
              .mul(DoubleVector.fromArray(D, v, j))
              .fma(DoubleVector.fromArray(D, c, co + j), acc);
    }
    double s = VectorLanes.sumInOrder(acc);
    for (; j < m; j++) {
      s += k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  static void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
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

  static void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
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

  static void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
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
}
