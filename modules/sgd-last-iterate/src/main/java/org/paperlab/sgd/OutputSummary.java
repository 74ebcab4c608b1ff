package org.paperlab.sgd;

/**
 * The statistics of one output over the runs, at each checkpoint t (or each horizon T of a sweep):
 * the quantities Liu and Zhou (2024) bound, {@code E[F(out) - F*]} (the mean) and the
 * {@code 1 - delta} level of {@code F(out) - F*} (the high-probability bounds), as type-7
 * {@link Quantiles}.
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
}
