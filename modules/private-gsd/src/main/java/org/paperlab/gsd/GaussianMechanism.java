package org.paperlab.gsd;

import java.util.random.RandomGenerator;
import org.paperlab.core.Checks;

/**
 * The Gaussian mechanism in zCDP form (Bun and Steinke 2016, Proposition 1.6): releasing
 * {@code f(D) + N(0, sigma^2 I)} for a query vector {@code f} with L2 sensitivity {@code Delta}
 * is {@code rho}-zCDP for {@code sigma = Delta / sqrt(2 rho)}; this is the measurement step of
 * Private-GSD and of every select-measure-generate mechanism in its paper (Section 3).
 */
public final class GaussianMechanism {
  private GaussianMechanism() {}

  /** The noise standard deviation {@code Delta / sqrt(2 rho)}. */
  public static double sigma(double l2Sensitivity, double rho) {
    Checks.positive("l2Sensitivity", l2Sensitivity);
    Checks.positive("rho", rho);
    return l2Sensitivity / Math.sqrt(2 * rho);
  }

  /**
   * {@code answers + N(0, sigma^2)} per entry, with {@code sigma = sigma(l2Sensitivity, rho)}
   * (package use: a synthesis draws from its own stream, see {@link PrivateSynthesis}).
   */
  static double[] release(double[] answers, double l2Sensitivity, double rho, RandomGenerator rng) {
    Checks.notNull("answers", answers);
    Checks.notNull("rng", rng);
    double s = sigma(l2Sensitivity, rho);
    double[] out = new double[answers.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = answers[i] + s * rng.nextGaussian();
    }
    return out;
  }

  /**
   * Measures workload answers, records the call in {@code ledger}, and clips the noisy answers
   * to {@code [0, 1]} (post-processing, as the official code does). Package use; the public
   * ways to measure are {@link PrivateSynthesis#measure} and {@link PrivateSynthesis#fit}.
   */
  static double[] measure(
      Workload w, double[] answers, int n, double rho, RandomGenerator rng, PrivacyLedger ledger) {
    Checks.notNull("workload", w);
    Checks.sameSize("answers of " + w.name(), answers.length, "workload size", w.size());
    Checks.notNull("ledger", ledger);
    double sens = w.l2Sensitivity(n);
    ledger.charge("gaussian", w.family() + ": " + w.name(), rho, sigma(sens, rho));
    double[] y = release(answers, sens, rho, rng);
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.min(1.0, Math.max(0.0, y[i]));
    }
    return y;
  }
}
