package org.paperlab.sgd;

import java.util.ArrayList;
import java.util.List;
import org.paperlab.core.Checks;

/**
 * The lazy state of {@link HarveyLowerBound#simulate}: the iterate kept as
 * {@code x_j = sigma (y_j - a_j Lambda)} on its support of size s, with running sums for the norm
 * and the positivity test, and the averaged outputs as weighted sums of {@code sigma} and
 * {@code sigma Lambda} (see the class javadoc of {@link HarveyLowerBound}). Not API.
 */
final class HarveyLazyState {
  private static final double B = HarveyLowerBound.B;
  final HarveyLowerBound instance;
  final int d;
  final double[] a;
  final Schedule schedule;
  final long horizon;
  int s;
  double sigma = 1;
  double lam;
  final double[] y;
  double syy;
  double say;
  double saa;
  double minRatio = Double.POSITIVE_INFINITY;
  long explicitSteps;
  // weighted accumulators of the averaged outputs
  final List<Output> accOutputs = new ArrayList<>();
  final int[] accIndex;
  final double[][] e;
  final double[][] w1j;
  final double[][] w2j;
  final double[] w1;
  final double[] w2;
  final double[] wsum;
  final double[] szLogW; // per accumulator: running ln w_t for Shamir-Zhang
  final double[] szLogWT;

  HarveyLazyState(HarveyLowerBound instance, Schedule schedule, long horizon, List<Output> outputs) {
    this.instance = instance;
    this.d = instance.dimension();
    this.a = instance.coefficients();
    this.y = new double[d];
    this.schedule = schedule;
    this.horizon = horizon;
    accIndex = new int[outputs.size()];
    for (int o = 0; o < outputs.size(); o++) {
      Output out = Checks.notNull("output", outputs.get(o));
      if (out instanceof Output.Last) {
        accIndex[o] = -1;
      } else {
        accIndex[o] = accOutputs.size();
        accOutputs.add(out);
      }
    }
    int m = accOutputs.size();
    e = new double[m][d];
    w1j = new double[m][d];
    w2j = new double[m][d];
    w1 = new double[m];
    w2 = new double[m];
    wsum = new double[m];
    szLogW = new double[m];
    szLogWT = new double[m];
    for (int q = 0; q < m; q++) {
      if (accOutputs.get(q) instanceof Output.ShamirZhang sz) {
        double l = 0;
        for (long u = 2; u <= horizon; u++) {
          l += Math.log((u - 1 + sz.eta()) / (u - 1));
        }
        szLogWT[q] = l;
      }
    }
  }

  double weight(int q, long t) {
    Output out = accOutputs.get(q);
    if (out instanceof Output.Uniform) {
      return 1;
    } else if (out instanceof Output.Suffix) {
      long half = (horizon + 1) / 2; // ceil(T/2)
      return t > horizon - half ? 1 : 0;
    } else if (out instanceof Output.ShamirZhang sz) {
      if (t >= 2) {
        szLogW[q] += Math.log((t - 1 + sz.eta()) / (t - 1));
      }
      return Math.exp(szLogW[q] - szLogWT[q]);
    } else {
      double beta = ((Output.Weighted) out).beta();
      return Math.pow((t + 1.0) / (horizon + 1.0), beta);
    }
  }

  void step(long t) {
    double eta = schedule.eta(t, horizon);
    boolean positive = s == 0 || minRatio > lam;
    if (positive && s < d) {
      lam += eta / sigma; // x_j -= eta a_j on the support
      double yn = eta * B / sigma + a[s] * lam; // the new coordinate: x_s = eta b
      y[s] = yn;
      syy += yn * yn;
      say += a[s] * yn;
      saa += a[s] * a[s];
      minRatio = Math.min(minRatio, yn / a[s]);
      for (int q = 0; q < w1.length; q++) {
        w1j[q][s] = w1[q];
        w2j[q][s] = w2[q];
      }
      s++;
    } else if (positive) {
      lam += eta / sigma; // h_{d+1}: every coordinate decreases
    } else {
      explicitStep(eta);
    }
    double n2 = sigma * sigma * Math.max(0.0, syy - 2 * lam * say + lam * lam * saa);
    if (n2 > 1.0) {
      sigma /= Math.sqrt(n2);
    }
    for (int q = 0; q < w1.length; q++) {
      double w = weight(q, t);
      w1[q] += w * sigma;
      w2[q] += w * sigma * lam;
      wsum[q] += w;
    }
  }

  /** The general step: re-base, scan every h_i^T x with prefix sums, update explicitly. */
  void explicitStep(double eta) {
    explicitSteps++;
    rebase();
    int idx = instance.oracleIndex(y, s); // y is zero beyond the support
    if (idx > 0) {
      int upto = Math.min(idx - 1, s);
      for (int j = 0; j < upto; j++) {
        y[j] -= eta * a[j];
      }
      if (idx <= d) {
        y[idx - 1] += eta * B;
        if (idx - 1 == s) {
          for (int q = 0; q < w1.length; q++) {
            w1j[q][s] = w1[q];
            w2j[q][s] = w2[q];
          }
          s++;
        }
      }
    }
    recomputeSums();
  }

  /** Folds the lazy representation into explicit coordinates (sigma = 1, Lambda = 0). */
  void rebase() {
    for (int j = 0; j < s; j++) {
      double yj = y[j];
      for (int q = 0; q < w1.length; q++) {
        e[q][j] += yj * (w1[q] - w1j[q][j]) - a[j] * (w2[q] - w2j[q][j]);
        w1j[q][j] = 0;
        w2j[q][j] = 0;
      }
      y[j] = sigma * (yj - a[j] * lam);
    }
    for (int q = 0; q < w1.length; q++) {
      w1[q] = 0;
      w2[q] = 0;
    }
    sigma = 1;
    lam = 0;
    recomputeSums();
  }

  void recomputeSums() {
    syy = 0;
    say = 0;
    saa = 0;
    minRatio = Double.POSITIVE_INFINITY;
    for (int j = 0; j < s; j++) {
      double yj = (y[j] - a[j] * lam);
      syy += y[j] * y[j];
      say += a[j] * y[j];
      saa += a[j] * a[j];
      minRatio = Math.min(minRatio, y[j] / a[j]);
      if (!(yj > 0)) {
        minRatio = Math.min(minRatio, lam); // a non-positive entry: force the explicit path
      }
    }
  }

  void materialize(double[] x) {
    for (int j = 0; j < d; j++) {
      x[j] = j < s ? sigma * (y[j] - a[j] * lam) : 0.0;
    }
  }

  void average(int q, double[] out) {
    double ws = wsum[q];
    for (int j = 0; j < d; j++) {
      double v = e[q][j];
      if (j < s) {
        v += y[j] * (w1[q] - w1j[q][j]) - a[j] * (w2[q] - w2j[q][j]);
      }
      out[j] = v / ws;
    }
  }
}
