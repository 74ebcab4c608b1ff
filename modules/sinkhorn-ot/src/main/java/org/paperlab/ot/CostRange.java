package org.paperlab.ot;

import java.util.Locale;
import org.paperlab.core.InvalidArgumentException;

/**
 * The numeric range a solve can represent, checked before any work: every cost entry must be finite
 * in the storage precision ({@code FLOAT} stores at most {@link Float#MAX_VALUE} = 3.4e38), and the
 * target epsilon must be resolvable against the costs in double arithmetic.
 *
 * <p>For a standard cost between two clouds the largest entry is bounded from the clouds' joint
 * bounding box with extents {@code R_k} (O((n + m) d), no cost entry computed):
 * {@code sum_k R_k^2} (squared Euclidean), {@code sqrt(sum_k R_k^2)} (Euclidean),
 * {@code sum_k R_k} (L1). An entry is at most this bound, and the bound is at most a few times
 * {@code d} the largest entry. The bound overflows to infinity exactly when the coordinates span
 * more than double arithmetic can square and add, which is when the cost kernels would overflow.
 *
 * <p>Resolution: the iteration forms {@code (g_j - C_ij) / eps}; a double cost of size {@code C}
 * is known only to {@code C * 2^-53}, so when {@code C / eps > 10^15} the rounding of the costs
 * alone moves every exponent by more than 0.1 and the iteration loses its marginals (NaN in
 * practice: coordinates near 1e10 with an absolute epsilon of 0.05). Such a solve is refused with
 * the smallest epsilon that would work.
 */
final class CostRange {
  /** The largest {@code max C / eps} accepted. */
  static final double MAX_RATIO = 1e15;

  private CostRange() {}

  /** An upper bound of every entry of {@code cost} between the clouds, or NaN when not known (a custom cost). */
  static double bound(double[] x, int n, double[] y, int m, int d, Cost cost) {
    if (!(cost instanceof StandardCost std)) {
      return Double.NaN;
    }
    double sum = 0;
    double squares = 0;
    for (int k = 0; k < d; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = x[i * d + k];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (int j = 0; j < m; j++) {
        double v = y[j * d + k];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double r = hi - lo;
      sum += r;
      squares += r * r;
    }
    return switch (std) {
      case SQEUCLIDEAN -> squares;
      case EUCLIDEAN -> Math.sqrt(squares);
      case L1 -> sum;
    };
  }

  /**
   * Refuses costs up to {@code bound} that the storage cannot hold. {@code bound} NaN: nothing
   * known, nothing checked.
   */
  static void checkStorage(double bound, Precision precision, boolean fromPoints) {
    if (Double.isNaN(bound)) {
      return;
    }
    String what = fromPoints ? "the coordinates of x and y span so far that a cost entry can reach " : "cost entries reach ";
    if (bound == Double.POSITIVE_INFINITY) {
      throw new InvalidArgumentException("coordinates",
          " of x and y span so far that a cost entry overflows double arithmetic (> 1.8e308);"
              + " rescale the points (e.g. divide every coordinate by a common unit)");
    }
    if (precision == Precision.FLOAT && bound > Float.MAX_VALUE) {
      throw new InvalidArgumentException("precision", String.format(Locale.ROOT,
          " = float cannot store the costs: %s%.3g, above float's largest value 3.4e38;"
              + " use precision double, or rescale the points", what, bound));
    }
  }

  /** Refuses a target {@code eps} that the costs, up to {@code bound}, do not resolve. */
  static void checkResolution(double bound, double eps, SinkhornConfig cfg) {
    if (Double.isNaN(bound) || !(bound > 0) || bound / eps <= MAX_RATIO) {
      return;
    }
    String given = cfg.epsilonScale() == EpsilonScale.NONE ? ""
        : String.format(Locale.ROOT, " (%s x the %s cost)", cfg.epsilon(), org.paperlab.core.config.Variants.name(cfg.epsilonScale()));
    throw new InvalidArgumentException("epsilon", String.format(Locale.ROOT,
        " = %.3g%s is too small for costs up to %.3g: double arithmetic resolves a cost only to about 1e-16 of it,"
            + " so epsilon must be at least %.3g (largest cost / 1e15); use a relative epsilon"
            + " (epsilonScale median) or a larger one, or rescale the points",
        eps, given, bound, bound / MAX_RATIO));
  }
}
