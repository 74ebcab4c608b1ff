package org.paperlab.sgd;

import java.util.SplittableRandom;

/**
 * A composite stochastic optimization problem {@code min_{x in X} F(x) = f(x) + h(x)} with a known
 * optimal value, as in Liu and Zhou (2024): {@code X} is {@link #domain()}, {@code h} is
 * {@link #regularizer()} (handled exactly by the composite step), and {@code f} is reached only
 * through a stochastic subgradient oracle {@link #gradient} with
 * {@code E[gradient(x)] in ∂f(x)}. Extra oracle noise ({@link NoiseModel}) is added by the solver.
 *
 * <p>Implementations must be thread-safe for concurrent calls with different generators and output
 * arrays (they are immutable in paperlab).
 */
public interface StochasticProblem {
  /** A short name, e.g. {@code lad}. */
  String name();

  /** The dimension d. */
  int dimension();

  /**
   * A fresh copy of the starting point {@code x_1} (inside the domain); by default the origin,
   * {@code x_1 = 0}, so a problem whose domain excludes 0 must override it.
   */
  default double[] initialPoint() {
    return new double[dimension()];
  }

  /** The feasible set X. */
  Domain domain();

  /** The composite part h of F; by default None (plain stochastic subgradient descent). */
  default Regularizer regularizer() {
    return new Regularizer.None();
  }

  /** Writes a stochastic subgradient of f at {@code x} into {@code out} (length d). */
  void gradient(double[] x, SplittableRandom rng, double[] out);

  /** The optimality gap {@code F(x) - F*} (exact, not estimated), for {@code x} in X. */
  double gap(double[] x);

  /** A one-line description with parameters, for run.json. */
  String description();
}
