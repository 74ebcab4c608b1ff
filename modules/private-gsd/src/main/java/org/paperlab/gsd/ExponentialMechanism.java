package org.paperlab.gsd;

import java.util.random.RandomGenerator;
import org.paperlab.core.Checks;

/**
 * Private selection: the exponential mechanism (McSherry and Talwar 2007) run as
 * report-noisy-max with Gumbel noise, and its one-shot top-K form (Durfee and Rogers 2019,
 * "Practical differentially private top-k selection with pay-what-you-get composition").
 *
 * <p>Choosing {@code argmax_i (u_i + (2 Delta / eps) G_i)} with i.i.d. standard Gumbel
 * {@code G_i} samples {@code i} with probability proportional to {@code exp(eps u_i / (2 Delta))},
 * which is {@code eps}-DP and, being a bounded-range mechanism, {@code eps^2/8}-zCDP (Cesar and
 * Rogers 2021). Given a zCDP budget {@code rho} per pick we therefore use
 * {@code eps = sqrt(8 rho)}, i.e. Gumbel scale {@code 2 Delta / sqrt(8 rho) = Delta / sqrt(2 rho)}.
 * Taking the K largest noisy scores at once equals K sequential picks without replacement, so
 * top-K with per-pick budget {@code rho / K} costs {@code rho}: Gumbel scale
 * {@code Delta sqrt(K) / sqrt(2 rho)}, exactly the official code's
 * {@code gumbel(scale = sqrt(K) / (sqrt(2 rho) N))} for {@code Delta = 1/N}.
 */
public final class ExponentialMechanism {
  private ExponentialMechanism() {}

  /** The Gumbel noise scale of one pick that costs {@code rho}-zCDP. */
  public static double gumbelScale(double sensitivity, double rho) {
    Checks.positive("sensitivity", sensitivity);
    Checks.positive("rho", rho);
    return sensitivity / Math.sqrt(2 * rho);
  }

  /** A standard Gumbel draw {@code -log(-log U)}. */
  static double gumbel(RandomGenerator rng) {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0.0);
    return -Math.log(-Math.log(u));
  }

  /**
   * One pick of the exponential mechanism over {@code scores} (higher is better) among the
   * entries with {@code excluded[i] == false} ({@code excluded} may be null), costing
   * {@code rho}-zCDP (package use, as {@link #topK}).
   */
  static int select(double[] scores, double sensitivity, double rho, boolean[] excluded, RandomGenerator rng) {
    int[] k = topK(scores, 1, sensitivity, rho, excluded, rng);
    return k[0];
  }

  /**
   * The K indices with the largest Gumbel-noised scores among the non-excluded ones, best first;
   * costs {@code rho}-zCDP in total ({@code rho / K} per pick). Package use: the adaptive modes of
   * {@link PrivateSynthesis#fit} draw it from the synthesis' stream.
   */
  static int[] topK(
      double[] scores, int k, double sensitivity, double rho, boolean[] excluded, RandomGenerator rng) {
    Checks.notNull("scores", scores);
    Checks.allFinite("scores", scores);
    Checks.positive("k", k);
    Checks.notNull("rng", rng);
    int available = 0;
    for (int i = 0; i < scores.length; i++) {
      if (excluded == null || !excluded[i]) {
        available++;
      }
    }
    Checks.require(k <= available, "cannot select k = %d of %d available candidates", k, available);
    double scale = gumbelScale(sensitivity, rho / k);
    double[] noisy = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      noisy[i] = (excluded != null && excluded[i]) ? Double.NEGATIVE_INFINITY : scores[i] + scale * gumbel(rng);
    }
    int[] out = new int[k];
    boolean[] taken = new boolean[scores.length];
    for (int t = 0; t < k; t++) {
      int best = -1;
      for (int i = 0; i < noisy.length; i++) {
        if (!taken[i] && noisy[i] != Double.NEGATIVE_INFINITY && (best < 0 || noisy[i] > noisy[best])) {
          best = i;
        }
      }
      taken[best] = true;
      out[t] = best;
    }
    return out;
  }
}
