package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * One workload measured by the Gaussian mechanism.
 *
 * @param workload index in the synthesis' workload set
 * @param noisy the noisy answers, clipped to [0, 1] (copied in and out)
 * @param rho zCDP spent
 * @param sigma noise standard deviation
 * @param round adaptive round (0 for one-shot measurements)
 */
public record Measurement(int workload, double[] noisy, double rho, double sigma, int round) {
  public Measurement {
    noisy = Checks.notNull("noisy", noisy).clone();
  }

  @Override
  public double[] noisy() {
    return noisy.clone();
  }

  /** The noisy answers without a copy (package use: read only). */
  double[] noisyShared() {
    return noisy;
  }
}
