package org.paperlab.sgd;

/**
 * The statistics of one output over the runs, at each checkpoint t (or each horizon T of a sweep):
 * the quantities Liu and Zhou (2024) bound, {@code E[F(out) - F*]} (the mean) and the
 * {@code 1 - delta} level of {@code F(out) - F*} (the high-probability bounds), as type-7
 * {@link Quantiles}. The arrays are copied in and out: a summary cannot be changed.
 *
 * @param output the output
 * @param gaps {@code gaps[r][k]}: the gap {@code F(output) - F*} of run r at checkpoint k
 * @param mean the mean over runs at each checkpoint
 * @param quantiles {@code quantiles[l][k]}: the type-7 quantile at level {@code 1 - deltas[l]}
 * @param slope the log-log slope of the mean over the last decade (NaN fields when not a rate:
 *     a single run of a horizon-dependent schedule)
 */
public record OutputSummary(Output output, double[][] gaps, double[] mean, double[][] quantiles,
    SlopeEstimate slope) {

  public OutputSummary {
    gaps = copy(gaps);
    mean = mean.clone();
    quantiles = copy(quantiles);
  }

  /** {@code gaps[r][k]}, a copy. */
  @Override
  public double[][] gaps() {
    return copy(gaps);
  }

  /** The mean over runs at each checkpoint, a copy. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** {@code quantiles[l][k]}, a copy. */
  @Override
  public double[][] quantiles() {
    return copy(quantiles);
  }

  /** The mean over runs at checkpoint k. */
  public double mean(int k) {
    return mean[k];
  }

  /** The type-7 quantile at level l ({@code 1 - deltas[l]}) at checkpoint k. */
  public double quantile(int l, int k) {
    return quantiles[l][k];
  }

  /** The final mean gap (at the last checkpoint). */
  public double finalMean() {
    return mean[mean.length - 1];
  }

  /** The final gap of every run. */
  public double[] finalGaps() {
    double[] g = new double[gaps.length];
    for (int r = 0; r < gaps.length; r++) {
      g[r] = gaps[r][gaps[r].length - 1];
    }
    return g;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
