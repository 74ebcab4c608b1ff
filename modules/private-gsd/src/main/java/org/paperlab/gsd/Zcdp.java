package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * Conversions between zero-concentrated differential privacy (rho-zCDP, Bun and Steinke 2016)
 * and approximate (epsilon, delta)-DP with the tight bound of Canonne, Kamath and Steinke (2020),
 * "The Discrete Gaussian for Differential Privacy", Proposition 12 / Corollary 13:
 *
 * <pre>
 *   rho-zCDP  implies  (eps, delta)-DP  for
 *   delta = inf_{alpha > 1}  exp((alpha - 1)(alpha rho - eps)) / (alpha - 1) * (1 - 1/alpha)^alpha .
 * </pre>
 *
 * The log of the bracket is convex in alpha with derivative
 * {@code (2 alpha - 1) rho - eps + log(1 - 1/alpha)}, so {@link #delta} finds the infimum by
 * bisection on that derivative; {@link #epsilon} and {@link #rho} invert it by bisection
 * ({@code delta} is increasing in {@code rho} and decreasing in {@code eps}). This is how
 * Private-GSD's code turns the user's (eps, delta) into a zCDP budget ({@code cdp_rho}).
 */
public final class Zcdp {
  private static final int ITERATIONS = 200;

  private Zcdp() {}

  /** The smallest delta such that rho-zCDP implies (eps, delta)-DP. */
  public static double delta(double rho, double eps) {
    Checks.nonNegative("rho", rho);
    Checks.nonNegative("eps", eps);
    if (rho == 0) {
      return 0;
    }
    // alpha* >= (1 + eps/rho)/2; the derivative is negative at amin and positive at amax
    double lo = 1.0 + 1e-9;
    double hi = Math.max(2.0, (eps + 1) / (2 * rho) + 2);
    for (int i = 0; i < ITERATIONS; i++) {
      double a = 0.5 * (lo + hi);
      double d = (2 * a - 1) * rho - eps + Math.log1p(-1.0 / a);
      if (d < 0) {
        lo = a;
      } else {
        hi = a;
      }
    }
    double a = 0.5 * (lo + hi);
    double logDelta = (a - 1) * (a * rho - eps) + a * Math.log1p(-1.0 / a) - Math.log(a - 1);
    return Math.min(1.0, Math.exp(logDelta));
  }

  /** The smallest eps such that rho-zCDP implies (eps, delta)-DP. */
  public static double epsilon(double rho, double delta) {
    Checks.nonNegative("rho", rho);
    Checks.inOpen("delta", delta, 0, 1);
    if (rho == 0) {
      return 0;
    }
    double lo = 0;
    double hi = rho + 2 * Math.sqrt(rho * Math.log(1 / delta)); // Bun-Steinke 2016, Prop. 1.3
    for (int i = 0; i < ITERATIONS; i++) {
      double e = 0.5 * (lo + hi);
      if (delta(rho, e) <= delta) {
        hi = e;
      } else {
        lo = e;
      }
    }
    return hi;
  }

  /**
   * The largest rho such that rho-zCDP implies (eps, delta)-DP: the zCDP budget of an
   * (eps, delta) guarantee.
   */
  public static double rho(double eps, double delta) {
    Checks.positive("epsilon", eps);
    Checks.inOpen("delta", delta, 0, 1);
    double lo = 0;
    double hi = eps + 1;
    for (int i = 0; i < ITERATIONS; i++) {
      double r = 0.5 * (lo + hi);
      if (delta(r, eps) <= delta) {
        lo = r;
      } else {
        hi = r;
      }
    }
    return lo;
  }
}
