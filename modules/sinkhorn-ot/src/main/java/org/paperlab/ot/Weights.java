package org.paperlab.ot;

import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * The one rule for the weights of a measure, used by {@link PointCloud} and by every
 * {@link Sinkhorn} entry point: each weight is {@code > 0} and finite (a point of zero weight
 * would make {@code log a_i} infinite; drop it instead), and for balanced OT the weights sum to 1
 * within {@link #SUM_TOLERANCE} and are then divided by their sum. Errors are
 * {@link InvalidArgumentException}s named for the weight ({@code weights[3]}) or for the vector
 * ({@code weights of x}), so that a caller who read the weights from a file can point at it.
 */
final class Weights {
  /** How far from 1 the sum of balanced weights may be. */
  static final double SUM_TOLERANCE = 1e-6;

  private Weights() {}

  /** A copy of {@code w} after checking that it is non-empty and every entry is {@code > 0} and finite. */
  static double[] positive(String name, double[] w) {
    Checks.notNull(name, w);
    Checks.require(name, w.length > 0, " must not be empty");
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] > 0) || !Double.isFinite(w[i])) {
        throw new InvalidArgumentException(name + "[" + i + "]",
            " = " + w[i] + " must be > 0 and finite (drop points of zero weight)");
      }
    }
    return w.clone();
  }

  /** Checks that {@code w} sums to 1 within {@link #SUM_TOLERANCE}, then divides it by its sum (in place). */
  static void normalize(String name, double[] w) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    Checks.require(name, Math.abs(s - 1.0) <= SUM_TOLERANCE,
        " must sum to 1 for balanced OT (within 1e-6), they sum to %s; normalize them or set a finite tau"
            + " for unbalanced OT", s);
    for (int i = 0; i < w.length; i++) {
      w[i] /= s;
    }
  }
}
