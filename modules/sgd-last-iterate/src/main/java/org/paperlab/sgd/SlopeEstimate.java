package org.paperlab.sgd;

import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Fits;

/**
 * A log-log slope of the mean gap over the last decade of t (or T), with a bootstrap interval:
 * the OLS fit of {@code ln mean_r gap_r(t)} on {@code ln t} over the points with
 * {@code t >= t_max/10}, and the percentile interval (type-7 quantiles at 2.5% and 97.5%) of the
 * same fit over {@code B} resamples of the runs with replacement (Efron and Tibshirani 1993, ch.
 * 13), from a seeded generator.
 *
 * @param slope fitted slope of the mean curve
 * @param intercept fitted intercept ({@code ln gap} at {@code ln t = 0})
 * @param lo 2.5% bootstrap quantile (NaN with one run or no bootstrap)
 * @param hi 97.5% bootstrap quantile
 * @param se bootstrap standard deviation of the slope
 * @param points number of checkpoints in the fit
 * @param from first t of the fit
 * @param to last t of the fit
 */
public record SlopeEstimate(double slope, double intercept, double lo, double hi, double se, int points, long from,
    long to) {

  /**
   * Fits the last decade of {@code gaps[run][k]} observed at {@code t[k]}; NaN slope when fewer than
   * two points have a positive mean gap.
   */
  public static SlopeEstimate lastDecade(long[] t, double[][] gaps, int bootstrap, SplittableRandom rng) {
    Checks.notNull("t", t);
    Checks.notNull("gaps", gaps);
    Checks.require(gaps.length > 0, "a slope needs at least one run");
    Checks.nonNegative("bootstrap", bootstrap);
    long tmax = t[t.length - 1];
    int first = 0;
    while (first < t.length && t[first] * 10 < tmax) {
      first++;
    }
    int m = t.length - first;
    double[] lx = new double[m];
    for (int i = 0; i < m; i++) {
      lx[i] = Math.log(t[first + i]);
    }
    int runs = gaps.length;
    double[] mean = new double[m];
    for (double[] g : gaps) {
      for (int i = 0; i < m; i++) {
        mean[i] += g[first + i] / runs;
      }
    }
    Fits.Line fit = fit(lx, mean);
    if (fit == null) {
      return new SlopeEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, m, t[first], tmax);
    }
    if (bootstrap == 0 || runs < 2) {
      return new SlopeEstimate(fit.slope(), fit.intercept(), Double.NaN, Double.NaN, Double.NaN, m, t[first], tmax);
    }
    double[] slopes = new double[bootstrap];
    int ok = 0;
    double[] bm = new double[m];
    for (int b = 0; b < bootstrap; b++) {
      java.util.Arrays.fill(bm, 0);
      for (int r = 0; r < runs; r++) {
        double[] g = gaps[rng.nextInt(runs)];
        for (int i = 0; i < m; i++) {
          bm[i] += g[first + i];
        }
      }
      Fits.Line bf = fit(lx, bm); // the 1/runs factor only shifts the intercept
      if (bf != null) {
        slopes[ok++] = bf.slope();
      }
    }
    double[] s = java.util.Arrays.copyOf(slopes, ok);
    double mu = 0;
    for (double v : s) {
      mu += v / ok;
    }
    double var = 0;
    for (double v : s) {
      var += (v - mu) * (v - mu);
    }
    double se = ok > 1 ? Math.sqrt(var / (ok - 1)) : Double.NaN;
    double lo = ok > 0 ? Quantiles.type7(s, 0.025) : Double.NaN;
    double hi = ok > 0 ? Quantiles.type7(s, 0.975) : Double.NaN;
    return new SlopeEstimate(fit.slope(), fit.intercept(), lo, hi, se, m, t[first], tmax);
  }

  private static Fits.Line fit(double[] lx, double[] y) {
    int n = 0;
    for (double v : y) {
      if (v > 0 && Double.isFinite(v)) {
        n++;
      }
    }
    if (n < 2) {
      return null;
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 0 && Double.isFinite(y[i])) {
        xs[k] = lx[i];
        ys[k++] = Math.log(y[i]);
      }
    }
    return Fits.ols(xs, ys);
  }
}
