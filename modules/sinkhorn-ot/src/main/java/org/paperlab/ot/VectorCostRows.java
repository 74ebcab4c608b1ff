package org.paperlab.ot;

import static org.paperlab.ot.VectorLanes.D;
import static org.paperlab.ot.VectorLanes.L;
import static org.paperlab.ot.VectorLanes.storeF;

import jdk.incubator.vector.DoubleVector;

/**
 * The cost-row kernels of {@link VectorRowKernels}: rows of a {@link StandardCost} between one point
 * and all points of a coordinate-major cloud, one row or four rows per pass over the cloud. Each
 * method is the SIMD body of the {@link RowKernels} method of the same name and signature; the
 * float and double twins differ only in the store and are cross-tested against
 * {@link ScalarRowKernels} by {@code RowKernelsTest}.
 */
final class VectorCostRows {
  private VectorCostRows() {}

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

  static void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    int j = 0;
    for (; j + L <= m; j += L) {
      storeF(pairs(cost, x, xo, yT, d, m, j), out, j);
    }
    for (; j < m; j++) {
      out[j] = (float) scalarPair(cost, x, xo, yT, d, m, j);
    }
  }

  static void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    int j = 0;
    for (; j + L <= m; j += L) {
      pairs(cost, x, xo, yT, d, m, j).intoArray(out, j);
    }
    for (; j < m; j++) {
      out[j] = scalarPair(cost, x, xo, yT, d, m, j);
    }
  }

  static void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
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

  static void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
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
}
