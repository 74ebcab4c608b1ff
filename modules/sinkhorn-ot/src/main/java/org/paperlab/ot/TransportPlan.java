package org.paperlab.ot;

import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;

/**
 * An entropic transport plan kept in factored form and evaluated on demand, so that an
 * {@code n x m} plan never has to be stored:
 * {@code P_ij = u_i exp((f~_i + g~_j - C_ij)/eps) v_j} with {@code u_i = a_i e^{lu_i}},
 * {@code v_j = b_j e^{lv_j}} (Cuturi 2013, Lemma 2: the solution is a diagonal scaling of the Gibbs
 * kernel). When the solver iterated on a float kernel, the kernel factor is rounded to float here
 * too, so that this is exactly the plan whose marginal error the solver reported.
 *
 * <p>Rows are computed by the same SIMD kernels as the solver; whole-plan operations run over row
 * blocks on the solver's threads.
 */
public final class TransportPlan {
  private final CostRows cost;
  private final RowKernels k;
  private final double[] ft;
  private final double[] gt;
  private final double[] u;
  private final double[] v;
  private final double eps;
  private final boolean floatKernel;
  private final int threads;
  private final double[] h;

  TransportPlan(CostRows cost, RowKernels k, double[] a, double[] b, double[] ft, double[] gt,
      double[] lu, double[] lv, double eps, boolean floatKernel, int threads) {
    this.cost = cost;
    this.k = k;
    this.ft = ft.clone();
    this.gt = gt.clone();
    this.eps = eps;
    this.floatKernel = floatKernel;
    this.threads = threads;
    u = new double[a.length];
    v = new double[b.length];
    for (int i = 0; i < a.length; i++) {
      u[i] = a[i] * Math.exp(lu[i]);
    }
    for (int j = 0; j < b.length; j++) {
      v[j] = b[j] * Math.exp(lv[j]);
    }
    h = new double[b.length];
    for (int j = 0; j < b.length; j++) {
      h[j] = gt[j] / eps;
    }
  }

  /** Number of rows {@code n}. */
  public int rows() {
    return cost.n;
  }

  /** Number of columns {@code m}. */
  public int cols() {
    return cost.m;
  }

  /** The regularization the plan was solved at. */
  public double epsilon() {
    return eps;
  }

  /** {@code P_ij}. */
  public double get(int i, int j) {
    Checks.inRange("i", i, 0, rows() - 1);
    Checks.inRange("j", j, 0, cols() - 1);
    double kt = Math.exp((ft[i] + gt[j] - cost.get(i, j)) / eps);
    if (floatKernel) {
      kt = ScalarRowKernels.flushF(kt);
    }
    return u[i] * kt * v[j];
  }

  /** Row {@code i} into {@code out} (length {@code m}). */
  public void row(int i, double[] out) {
    Checks.inRange("i", i, 0, rows() - 1);
    Checks.require(out != null && out.length >= cols(), "out must have length >= %d", cols());
    row(i, out, new Scratch(cols(), cost.lazy(), cost.single));
  }

  private static final class Scratch {
    final float[] kf;
    final float[] cf;
    final double[] cd;

    Scratch(int m, boolean lazy, boolean single) {
      kf = new float[m];
      cf = lazy && single ? new float[m] : null;
      cd = lazy && !single ? new double[m] : null;
    }
  }

  private void row(int i, double[] out, Scratch s) {
    int m = cols();
    int co = cost.off(i);
    if (cost.single) {
      float[] c = cost.rowF(i, s.cf);
      if (floatKernel) {
        k.expInto(c, co, ft[i], h, 1.0 / eps, s.kf, 0, m);
        for (int j = 0; j < m; j++) {
          out[j] = s.kf[j];
        }
      } else {
        k.expIntoSum(c, co, ft[i], h, 1.0 / eps, out, m);
      }
    } else {
      k.expInto(cost.rowD(i, s.cd), co, ft[i], h, 1.0 / eps, out, 0, m);
    }
    double ui = u[i];
    for (int j = 0; j < m; j++) {
      out[j] *= ui * v[j];
    }
  }

  /** The dense plan, row-major ({@code n*m} values; refuses more than 2^31 entries). */
  public double[] toArray() {
    long size = (long) rows() * cols();
    Checks.require(size <= CostRows.MAX_STORED, "the plan has %d entries, too many for one array", size);
    int m = cols();
    double[] p = new double[(int) size];
    Parallel.blocks(threads, rows(), (blk, lo, hi) -> {
      Scratch s = new Scratch(m, cost.lazy(), cost.single);
      double[] row = new double[m];
      for (int i = lo; i < hi; i++) {
        row(i, row, s);
        System.arraycopy(row, 0, p, i * m, m);
      }
    });
    return p;
  }

  /** {@code P 1} (length n). */
  public double[] rowSums() {
    int m = cols();
    double[] out = new double[rows()];
    Parallel.blocks(threads, rows(), (blk, lo, hi) -> {
      Scratch s = new Scratch(m, cost.lazy(), cost.single);
      double[] row = new double[m];
      for (int i = lo; i < hi; i++) {
        row(i, row, s);
        double t = 0;
        for (int j = 0; j < m; j++) {
          t += row[j];
        }
        out[i] = t;
      }
    });
    return out;
  }

  /** {@code P^T 1} (length m). */
  public double[] colSums() {
    return applyLeft(ones(rows()), 1);
  }

  /** {@code <P, C>}. */
  public double transportCost() {
    int m = cols();
    int blocks = Parallel.blockCount(threads, rows());
    double[] part = new double[blocks];
    Parallel.blocks(threads, rows(), (blk, lo, hi) -> {
      Scratch s = new Scratch(m, cost.lazy(), cost.single);
      double[] row = new double[m];
      double[] c = new double[m];
      double t = 0;
      for (int i = lo; i < hi; i++) {
        row(i, row, s);
        cost.rowInto(i, c);
        for (int j = 0; j < m; j++) {
          t += row[j] * c[j];
        }
      }
      part[blk] = t;
    });
    double t = 0;
    for (double p : part) {
      t += p;
    }
    return t;
  }

  /** {@code out_i = sum_j P_ij y_j} for row-major {@code y} ({@code m x d}); returns {@code n x d}. */
  public double[] applyRight(double[] y, int d) {
    Checks.notNull("y", y);
    Checks.require(y.length == (long) cols() * d, "y has %d values, expected m*d = %d*%d", y.length, cols(), d);
    int m = cols();
    double[] out = new double[rows() * d];
    Parallel.blocks(threads, rows(), (blk, lo, hi) -> {
      Scratch s = new Scratch(m, cost.lazy(), cost.single);
      double[] row = new double[m];
      for (int i = lo; i < hi; i++) {
        row(i, row, s);
        for (int j = 0; j < m; j++) {
          double p = row[j];
          for (int q = 0; q < d; q++) {
            out[i * d + q] += p * y[j * d + q];
          }
        }
      }
    });
    return out;
  }

  /** {@code out_j = sum_i P_ij x_i} for row-major {@code x} ({@code n x d}); returns {@code m x d}. */
  public double[] applyLeft(double[] x, int d) {
    Checks.notNull("x", x);
    Checks.require(x.length == (long) rows() * d, "x has %d values, expected n*d = %d*%d", x.length, rows(), d);
    int m = cols();
    int blocks = Parallel.blockCount(threads, rows());
    double[][] part = new double[blocks][];
    Parallel.blocks(threads, rows(), (blk, lo, hi) -> {
      Scratch s = new Scratch(m, cost.lazy(), cost.single);
      double[] row = new double[m];
      double[] acc = new double[m * d];
      for (int i = lo; i < hi; i++) {
        row(i, row, s);
        for (int j = 0; j < m; j++) {
          double p = row[j];
          for (int q = 0; q < d; q++) {
            acc[j * d + q] += p * x[i * d + q];
          }
        }
      }
      part[blk] = acc;
    });
    double[] out = part[0];
    for (int q = 1; q < blocks; q++) {
      for (int t = 0; t < out.length; t++) {
        out[t] += part[q][t];
      }
    }
    return out;
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }
}
