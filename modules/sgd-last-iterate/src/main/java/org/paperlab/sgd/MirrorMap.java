package org.paperlab.sgd;

import org.paperlab.core.config.Variants;

/**
 * The distance-generating function {@code psi} of composite stochastic mirror descent and its
 * Bregman divergence {@code D_psi(x, y) = psi(x) - psi(y) - <grad psi(y), x - y>}. Named
 * {@code euclidean} and {@code entropy} on the command line and in run.json ({@link Variants}).
 */
public enum MirrorMap {
  /**
   * {@code psi(x) = ||x||_2^2 / 2}, {@code D_psi(x, y) = ||x - y||^2 / 2}: the update is projected
   * (proximal) SGD {@code x_{t+1} = Proj_X(prox_{eta h}(x_t - eta g_t))}.
   */
  EUCLIDEAN,
  /**
   * {@code psi(x) = sum x_i ln x_i} on the simplex, {@code D_psi} = KL divergence (1-strongly convex
   * w.r.t. {@code ||.||_1} by Pinsker): the update is exponentiated gradient
   * {@code x_{t+1,i} ∝ x_{t,i} exp(-eta g_{t,i})}, or with {@code h = lambda psi}
   * {@code x_{t+1,i} ∝ x_{t,i}^{1/(1+lambda eta)} exp(-eta g_{t,i} / (1 + lambda eta))}.
   */
  ENTROPY;

  /**
   * The mirror map named {@code text} ({@code euclidean} or {@code entropy}).
   *
   * @throws IllegalArgumentException for another name, listing the valid ones
   */
  public static MirrorMap parse(String text) {
    return Variants.parse(MirrorMap.class, text);
  }
}
