package org.paperlab.sgd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * Population least absolute deviation: {@code F(x) = E|a^T x - b|} with {@code a ~ N(0, I_d)},
 * {@code b = a^T x* + s eps}, {@code eps ~ N(0, 1)}, on {@code R^d} or on the L2 ball of a given
 * radius {@code >= 1} (which contains x*, so the optimum is unchanged), started at {@code x_1 = 0},
 * with {@code x* = (1, ..., 1)/sqrt(d)}. The oracle samples (a, b) and returns the subgradient
 * {@code sign(a^T x - b) a} of the sample loss (Lipschitz, nonsmooth, convex).
 *
 * <p>Closed form: {@code a^T (x - x*) - s eps ~ N(0, r^2 + s^2)} with {@code r = ||x - x*||_2}, so
 * {@code F(x) = sqrt(2/pi) sqrt(r^2 + s^2)}, {@code F* = sqrt(2/pi) s} and
 * {@code gap(x) = sqrt(2/pi) (sqrt(r^2 + s^2) - s)}: sharp ({@code sqrt(2/pi) r}) for s = 0,
 * Huber-like (quadratic near x*, linear far away) for s &gt; 0.
 */
public final class LadProblem implements StochasticProblem {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
  private final int d;
  private final double labelNoise;
  private final double[] xStar;
  private final double radius;

  /** On {@code R^d}. */
  public LadProblem(int d, double labelNoise) {
    this(d, labelNoise, Double.POSITIVE_INFINITY);
  }

  /**
   * @param d dimension
   * @param labelNoise s &gt;= 0, the standard deviation of the label noise
   * @param radius the domain's L2 radius, {@code >= 1}, or {@code +Infinity} for {@code R^d}
   */
  public LadProblem(int d, double labelNoise, double radius) {
    this.d = Checks.positive("dim", d);
    this.labelNoise = Checks.nonNegative("labelNoise", labelNoise);
    if (!(radius >= 1)) {
      throw new InvalidArgumentException("radius", " = " + radius + " must be >= 1 (the ball must contain x*, ||x*|| = 1)");
    }
    this.radius = radius;
    this.xStar = new double[d];
    Arrays.fill(xStar, 1.0 / Math.sqrt(d));
  }

  @Override
  public String name() {
    return "lad";
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public Domain domain() {
    return radius == Double.POSITIVE_INFINITY ? new Domain.RealSpace() : new Domain.L2Ball(radius);
  }

  /** The minimizer {@code x*} (a copy). */
  public double[] minimizer() {
    return xStar.clone();
  }

  @Override
  public void gradient(double[] x, SplittableRandom rng, double[] out) {
    double r = 0; // a^T (x - x*)
    for (int i = 0; i < d; i++) {
      double a = rng.nextGaussian();
      out[i] = a;
      r += a * (x[i] - xStar[i]);
    }
    if (labelNoise > 0) {
      r -= labelNoise * rng.nextGaussian();
    }
    double s = Math.signum(r);
    for (int i = 0; i < d; i++) {
      out[i] *= s;
    }
  }

  @Override
  public double gap(double[] x) {
    double r2 = 0;
    for (int i = 0; i < d; i++) {
      double e = x[i] - xStar[i];
      r2 += e * e;
    }
    if (r2 == 0) {
      return 0;
    }
    double s = labelNoise;
    // sqrt(r2 + s^2) - s = r2 / (sqrt(r2 + s^2) + s): no cancellation for small r
    return SQRT_2_OVER_PI * r2 / (Math.sqrt(r2 + s * s) + s);
  }

  @Override
  public String description() {
    return "lad: E|a^T x - b|, a~N(0,I_" + d + "), b = a^T x* + " + labelNoise + " eps, x* = 1/sqrt(d), x1 = 0, domain " + domain().name();
  }
}
