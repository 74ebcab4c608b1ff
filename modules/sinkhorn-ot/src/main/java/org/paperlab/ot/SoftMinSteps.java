package org.paperlab.ot;

import java.util.Arrays;

/**
 * The exact half steps of the log domain on a {@link SinkhornState}: the soft-min updates
 * {@code f~_i = lambda (-eps log sum_j b_j exp((g~_j - C_ij)/eps))} and symmetrically for
 * {@code g~} (Peyre and Cuturi 2019, Eq. 4.43), each sum shifted by its maximum exponent (two
 * passes), so nothing under- or overflows whatever the potentials. The log domain starts with
 * them; the kernel domain falls back on them when a kernel row or column underflows, and the log
 * domain when a fused column sum leaves its safe range.
 */
final class SoftMinSteps {
  private final SinkhornState s;
  private final RowBlocks blocks;
  private final int m;
  private final double[] logA;
  private final double[] logB;
  private final double[] ft;
  private final double[] gt;
  private final double[] h;

  SoftMinSteps(SinkhornState s) {
    this.s = s;
    this.blocks = s.blocks;
    this.m = s.m;
    this.logA = s.logA;
    this.logB = s.logB;
    this.ft = s.ft;
    this.gt = s.gt;
    this.h = new double[m];
  }

  /** {@code f~ <- lambda * (-eps log sum_j b_j exp((g_j - C_ij)/eps))} with g = g~ (max-shifted). */
  void rowUpdate() {
    double eps = s.eps();
    double inv = s.inv();
    double lambda = s.lambda();
    for (int j = 0; j < m; j++) {
      h[j] = logB[j] + gt[j] * inv;
    }
    blocks.run((w, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        double ls = rowLogSum(w.row.load(i), 0.0, w.e, eps, inv);
        ft[i] = -lambda * eps * ls;
      }
    });
  }

  /** {@code log sum_j exp(h_j + (base - C_ij)/eps)} of a loaded row, exactly (two passes). */
  private double rowLogSum(Storage.CostRow row, double base, double[] e, double eps, double inv) {
    double mx = row.maxArg(base, h, inv);
    double sum = row.expIntoSum(base - eps * mx, h, inv, e);
    return mx + Math.log(sum);
  }

  /** {@code g~ <- lambda * (-eps log sum_i a_i exp((f_i - C_ij)/eps))} with f = f~ (max-shifted). */
  void colUpdate() {
    double eps = s.eps();
    double lambda = s.lambda();
    Arrays.fill(h, 0.0);
    double[] ls = columnLogSums(ft, h);
    for (int j = 0; j < m; j++) {
      gt[j] = -lambda * eps * ls[j];
    }
  }

  /**
   * {@code log sum_i exp(hc_j + (f_i + eps logA_i - C_ij)/eps)} for every column, with a
   * column-wise max shift: pass 1 takes the maxima, pass 2 sums the shifted exponentials.
   */
  double[] columnLogSums(double[] f, double[] hc) {
    double eps = s.eps();
    double inv = s.inv();
    blocks.run((w, lo, hi) -> {
      double[] acc = w.t;
      Arrays.fill(acc, Double.NEGATIVE_INFINITY);
      for (int i = lo; i < hi; i++) {
        double base = f[i] + eps * logA[i];
        w.row.load(i).maxAccumulate(base, hc, inv, acc);
      }
    });
    double[] mx = new double[m];
    Arrays.fill(mx, Double.NEGATIVE_INFINITY);
    for (int q = 0; q < blocks.count(); q++) {
      double[] p = blocks.block(q).t;
      for (int j = 0; j < m; j++) {
        mx[j] = Math.max(mx[j], p[j]);
      }
    }
    double[] hs = new double[m];
    for (int j = 0; j < m; j++) {
      hs[j] = hc[j] - mx[j];
    }
    blocks.run((w, lo, hi) -> {
      Arrays.fill(w.t, 0.0);
      for (int i = lo; i < hi; i++) {
        double base = f[i] + eps * logA[i];
        w.row.load(i).expAccumulate(base, hs, inv, w.t);
      }
    });
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      double sum = 0;
      for (int q = 0; q < blocks.count(); q++) {
        sum += blocks.block(q).t[j];
      }
      out[j] = mx[j] + Math.log(sum);
    }
    return out;
  }
}
