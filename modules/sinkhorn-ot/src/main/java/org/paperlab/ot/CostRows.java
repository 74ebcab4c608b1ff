package org.paperlab.ot;

import java.util.Arrays;
import org.paperlab.core.Parallel;

/**
 * The cost matrix as the solvers see it: rows of a stored row-major float or double matrix, or
 * rows recomputed on demand from two point clouds (lazy mode, nothing {@code n x m} stored).
 *
 * <p>A row is read as {@code (array, offset)}: {@link #rowF}/{@link #rowD} return the stored
 * matrix with offset {@code i*m}, or fill the caller's scratch row and return it with offset 0
 * ({@link #off}).
 */
final class CostRows {
  /** Largest number of entries a Java array can hold here. */
  static final long MAX_STORED = Integer.MAX_VALUE - 64L;

  final int n;
  final int m;
  final boolean single;
  private final float[] cf;
  private final double[] cd;
  // lazy
  private final double[] x;
  private final double[] y;
  private final double[] yT;
  private final int d;
  private final Cost cost;
  private final RowKernels kernels;

  private CostRows(int n, int m, boolean single, float[] cf, double[] cd, double[] x, double[] y, int d, Cost cost, RowKernels kernels) {
    this.n = n;
    this.m = m;
    this.single = single;
    this.cf = cf;
    this.cd = cd;
    this.x = x;
    this.y = y;
    this.d = d;
    this.cost = cost;
    this.kernels = kernels;
    if (x != null) {
      yT = new double[d * m];
      for (int j = 0; j < m; j++) {
        for (int k = 0; k < d; k++) {
          yT[k * m + j] = y[j * d + k];
        }
      }
    } else {
      yT = null;
    }
  }

  static CostRows stored(float[] c, int n, int m) {
    return new CostRows(n, m, true, c, null, null, null, 0, null, null);
  }

  static CostRows stored(double[] c, int n, int m) {
    return new CostRows(n, m, false, null, c, null, null, 0, null, null);
  }

  /** Lazy rows of {@code c(x_i, y_j)}; {@code single} chooses float scratch rows. */
  static CostRows lazy(double[] x, int n, double[] y, int m, int d, Cost cost, boolean single, RowKernels k) {
    return new CostRows(n, m, single, null, null, x, y, d, cost, k);
  }

  /** Computes and stores the full matrix of {@code c(x_i, y_j)} (multi-threaded over rows). */
  static CostRows materialize(double[] x, int n, double[] y, int m, int d, Cost cost, boolean single, RowKernels k, int threads) {
    CostRows lazy = lazy(x, n, y, m, d, cost, single, k);
    StandardCost std = cost instanceof StandardCost sc ? sc : null;
    if (single) {
      float[] c = new float[n * m];
      Parallel.blocks(threads, n, (b, lo, hi) -> {
        float[] row = new float[m];
        int i = lo;
        if (std != null) {
          for (; i + 4 <= hi; i += 4) {
            k.costRows4(std, x, i * d, lazy.yT, d, m, c, i * m); // four rows per pass over y
          }
        }
        for (; i < hi; i++) {
          lazy.fill(i, row);
          System.arraycopy(row, 0, c, i * m, m);
        }
      });
      return stored(c, n, m);
    }
    double[] c = new double[n * m];
    Parallel.blocks(threads, n, (b, lo, hi) -> {
      double[] row = new double[m];
      int i = lo;
      if (std != null) {
        for (; i + 4 <= hi; i += 4) {
          k.costRows4(std, x, i * d, lazy.yT, d, m, c, i * m);
        }
      }
      for (; i < hi; i++) {
        lazy.fill(i, row);
        System.arraycopy(row, 0, c, i * m, m);
      }
    });
    return stored(c, n, m);
  }

  boolean lazy() {
    return x != null;
  }

  int off(int i) {
    return x != null ? 0 : i * m;
  }

  /** Row {@code i} as float: the stored matrix (offset {@code i*m}) or {@code scratch} filled. */
  float[] rowF(int i, float[] scratch) {
    if (cf != null) {
      return cf;
    }
    fill(i, scratch);
    return scratch;
  }

  /** Row {@code i} as double: the stored matrix (offset {@code i*m}) or {@code scratch} filled. */
  double[] rowD(int i, double[] scratch) {
    if (cd != null) {
      return cd;
    }
    fill(i, scratch);
    return scratch;
  }

  /** Row {@code i} copied to double (any storage). */
  void rowInto(int i, double[] out) {
    if (cf != null) {
      for (int j = 0; j < m; j++) {
        out[j] = cf[i * m + j];
      }
    } else if (cd != null) {
      System.arraycopy(cd, i * m, out, 0, m);
    } else {
      fill(i, out);
    }
  }

  /** Entry {@code C_ij} as the solver sees it (float-rounded under FLOAT precision). */
  double get(int i, int j) {
    if (cf != null) {
      return cf[i * m + j];
    }
    if (cd != null) {
      return cd[i * m + j];
    }
    double c = cost.apply(x, i * d, y, j * d, d);
    return single ? (float) c : c;
  }

  private void fill(int i, float[] out) {
    if (cost instanceof StandardCost s) {
      kernels.costRow(s, x, i * d, yT, d, m, out);
    } else {
      for (int j = 0; j < m; j++) {
        out[j] = (float) checkedCost(i, j);
      }
    }
  }

  private void fill(int i, double[] out) {
    if (cost instanceof StandardCost s) {
      kernels.costRow(s, x, i * d, yT, d, m, out);
    } else {
      for (int j = 0; j < m; j++) {
        out[j] = checkedCost(i, j);
      }
    }
  }

  private double checkedCost(int i, int j) {
    double c = cost.apply(x, i * d, y, j * d, d);
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException(
          "cost(x[" + i + "], y[" + j + "]) = " + c + " must be finite");
    }
    return c;
  }

  /** Mean, median or max of the entries (exact up to 2^22 entries, else on a 2048 x 2048 grid). */
  double statistic(EpsilonScale scale) {
    int rows = n;
    int cols = m;
    long total = (long) n * m;
    if (total > 4_194_304L) {
      rows = Math.min(n, 2048);
      cols = Math.min(m, 2048);
    }
    double[] values = new double[rows * cols];
    double[] row = new double[m];
    for (int r = 0; r < rows; r++) {
      int i = (int) ((long) r * n / rows);
      rowInto(i, row);
      for (int c = 0; c < cols; c++) {
        values[r * cols + c] = row[(int) ((long) c * m / cols)];
      }
    }
    switch (scale) {
      case MEAN: {
        double s = 0;
        for (double v : values) {
          s += v;
        }
        return s / values.length;
      }
      case MAX: {
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : values) {
          mx = Math.max(mx, v);
        }
        return mx;
      }
      case MEDIAN:
        return median(values);
      default:
        throw new IllegalArgumentException("no statistic for " + scale);
    }
  }

  /** Median (mean of the two middle values for even counts), by sorting a copy. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int k = v.length / 2;
    return v.length % 2 == 1 ? v[k] : 0.5 * (v[k - 1] + v[k]);
  }
}
