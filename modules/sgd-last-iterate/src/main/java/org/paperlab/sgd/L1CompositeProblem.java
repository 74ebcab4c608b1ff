package org.paperlab.sgd;

import java.util.SplittableRandom;
import org.paperlab.core.Checks;

/**
 * The L1-composite least squares {@code F(x) = (mu/2) ||x - x0||^2 + lambda ||x||_1} on
 * {@code R^d}, {@code x_1 = 0}, {@code x0_i = -2 + 4 (i - 1)/(d - 1)} (evenly spaced in [-2, 2]).
 * The minimizer is the soft threshold {@code x* = sign(x0) max(|x0| - lambda/mu, 0)}.
 *
 * <p>Two handlings of the same F: <b>composite</b> ({@code f = (mu/2)||x - x0||^2}, oracle
 * {@code mu (x - x0)}, {@code h = lambda ||x||_1} by its prox: the paper's composite setting, f
 * mu-strongly convex and mu-smooth) or <b>subgradient</b> ({@code f = F}, {@code h = 0}, oracle
 * {@code mu (x - x0) + lambda sign(x)}: a nonsmooth strongly convex f). Stochasticity comes from the
 * solver's {@link NoiseModel}.
 */
public final class L1CompositeProblem implements StochasticProblem {
  private final int d;
  private final double mu;
  private final double lambda;
  private final boolean composite;
  private final double[] x0;
  private final double[] xStar;
  private final double fStar;

  /**
   * @param d dimension (&gt;= 2)
   * @param mu strong convexity (and smoothness) modulus of the quadratic
   * @param lambda L1 weight
   * @param composite true: h = lambda||x||_1 by prox; false: the L1 term in the subgradient
   */
  public L1CompositeProblem(int d, double mu, double lambda, boolean composite) {
    this.d = Checks.inRange("dim", d, 2, Integer.MAX_VALUE);
    this.mu = Checks.positive("mu", mu);
    this.lambda = Checks.nonNegative("lambda", lambda);
    this.composite = composite;
    this.x0 = new double[d];
    for (int i = 0; i < d; i++) {
      x0[i] = -2.0 + 4.0 * i / (d - 1);
    }
    this.xStar = x0.clone();
    Prox.softThreshold(xStar, lambda / mu);
    this.fStar = value(xStar);
  }

  @Override
  public String name() {
    return composite ? "l1-composite" : "strongly-convex";
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public Domain domain() {
    return new Domain.RealSpace();
  }

  @Override
  public Regularizer regularizer() {
    return composite ? new Regularizer.L1(lambda) : new Regularizer.None();
  }

  /** The minimizer (a copy). */
  public double[] minimizer() {
    return xStar.clone();
  }

  /** The optimal value {@code F*}. */
  public double optimalValue() {
    return fStar;
  }

  /** {@code F(x)}. */
  public double value(double[] x) {
    double q = 0;
    double l1 = 0;
    for (int i = 0; i < d; i++) {
      double e = x[i] - x0[i];
      q += e * e;
      l1 += Math.abs(x[i]);
    }
    return 0.5 * mu * q + lambda * l1;
  }

  @Override
  public void gradient(double[] x, SplittableRandom rng, double[] out) {
    for (int i = 0; i < d; i++) {
      out[i] = mu * (x[i] - x0[i]);
      if (!composite) {
        out[i] += lambda * Math.signum(x[i]);
      }
    }
  }

  @Override
  public double gap(double[] x) {
    // F(x) - F(x*) coordinate-wise: every term of the separable F is >= its minimum, so summing
    // the per-coordinate gaps avoids cancelling two large totals.
    double g = 0;
    for (int i = 0; i < d; i++) {
      double e = x[i] - x0[i];
      double es = xStar[i] - x0[i];
      g += 0.5 * mu * (e * e - es * es) + lambda * (Math.abs(x[i]) - Math.abs(xStar[i]));
    }
    return Math.max(g, 0.0);
  }

  @Override
  public String description() {
    return name() + ": (" + mu + "/2)||x - x0||^2 + " + lambda + "||x||_1, d = " + d
        + ", x0 evenly spaced in [-2, 2], x1 = 0, " + (composite ? "L1 by prox" : "L1 by subgradient");
  }
}
