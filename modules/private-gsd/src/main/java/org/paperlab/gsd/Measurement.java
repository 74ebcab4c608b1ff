package org.paperlab.gsd;

/**
 * One workload measured by the Gaussian mechanism.
 *
 * @param workload index in the synthesis' workload set
 * @param noisy the noisy answers, clipped to [0, 1]
 * @param rho zCDP spent
 * @param sigma noise standard deviation
 * @param round adaptive round (0 for one-shot measurements)
 */
public record Measurement(int workload, double[] noisy, double rho, double sigma, int round) {}
