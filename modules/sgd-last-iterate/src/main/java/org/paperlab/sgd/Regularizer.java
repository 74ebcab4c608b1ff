package org.paperlab.sgd;

import org.paperlab.core.Checks;

/**
 * The composite part {@code h} of {@code F = f + h} in composite stochastic mirror descent (Liu and
 * Zhou 2024): a simple convex function handled exactly by the update
 * {@code argmin_{x in X} { h(x) + <g, x> + D_psi(x, x_t) / eta }} instead of through its
 * subgradients.
 */
public sealed interface Regularizer
    permits Regularizer.None, Regularizer.L1, Regularizer.L2Squared, Regularizer.Entropy {

  /** {@code h(x)}. */
  double value(double[] x);

  /** A short name for tables. */
  String name();

  /** {@code h = 0}. */
  record None() implements Regularizer {
    @Override
    public double value(double[] x) {
      return 0;
    }

    @Override
    public String name() {
      return "none";
    }
  }

  /** {@code h(x) = lambda ||x||_1}. */
  record L1(double lambda) implements Regularizer {
    public L1 {
      Checks.nonNegative("lambda", lambda);
    }

    @Override
    public double value(double[] x) {
      double s = 0;
      for (double v : x) {
        s += Math.abs(v);
      }
      return lambda * s;
    }

    @Override
    public String name() {
      return "l1(" + lambda + ")";
    }
  }

  /** {@code h(x) = (lambda / 2) ||x||_2^2}. */
  record L2Squared(double lambda) implements Regularizer {
    public L2Squared {
      Checks.nonNegative("lambda", lambda);
    }

    @Override
    public double value(double[] x) {
      double s = 0;
      for (double v : x) {
        s += v * v;
      }
      return 0.5 * lambda * s;
    }

    @Override
    public String name() {
      return "l2sq(" + lambda + ")";
    }
  }

  /**
   * {@code h(x) = lambda sum_i x_i ln x_i} (negative entropy, {@code 0 ln 0 = 0}): strongly convex
   * relative to the entropy mirror map, with a closed-form composite step on the simplex.
   */
  record Entropy(double lambda) implements Regularizer {
    public Entropy {
      Checks.nonNegative("lambda", lambda);
    }

    @Override
    public double value(double[] x) {
      double s = 0;
      for (double v : x) {
        if (v > 0) {
          s += v * Math.log(v);
        }
      }
      return lambda * s;
    }

    @Override
    public String name() {
      return "entropy(" + lambda + ")";
    }
  }
}
