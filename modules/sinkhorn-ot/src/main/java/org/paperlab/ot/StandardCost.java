package org.paperlab.ot;

import org.paperlab.core.config.Variants;

/**
 * The built-in ground costs, with gradients in {@code x}:
 *
 * <ul>
 *   <li>{@code SQEUCLIDEAN}: {@code |x - y|^2}, gradient {@code 2 (x - y)};
 *   <li>{@code EUCLIDEAN}: {@code |x - y|}, gradient {@code (x - y)/|x - y|} (0 at {@code x = y},
 *       a subgradient);
 *   <li>{@code L1}: {@code sum_k |x_k - y_k|}, gradient {@code sign(x - y)} (0 where equal).
 * </ul>
 *
 * <p>Names ({@link Variants}): {@code sqeuclidean}, {@code euclidean}, {@code l1}; the command
 * line's default is {@link #DEFAULT}.
 */
public enum StandardCost implements Cost {
  SQEUCLIDEAN,
  EUCLIDEAN,
  L1;

  /** The cost a caller gets without choosing one: squared Euclidean (Brenier's setting). */
  public static final StandardCost DEFAULT = SQEUCLIDEAN;

  /**
   * Parses {@code sqeuclidean|euclidean|l1} (case-insensitive) through {@link Variants}.
   *
   * @throws IllegalArgumentException naming {@code cost} and listing the valid names
   */
  public static StandardCost parse(String name) {
    return Variants.parse(StandardCost.class, name, "cost");
  }

  @Override
  public double apply(double[] x, int xo, double[] y, int yo, int d) {
    switch (this) {
      case SQEUCLIDEAN: {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double t = x[xo + k] - y[yo + k];
          s += t * t;
        }
        return s;
      }
      case EUCLIDEAN: {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double t = x[xo + k] - y[yo + k];
          s += t * t;
        }
        return Math.sqrt(s);
      }
      case L1: {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += Math.abs(x[xo + k] - y[yo + k]);
        }
        return s;
      }
      default:
        throw new AssertionError(this);
    }
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public boolean symmetric() {
    return true;
  }

  @Override
  public void addGradientX(
      double[] x, int xo, double[] y, int yo, int d, double scale, double[] out, int oo) {
    switch (this) {
      case SQEUCLIDEAN:
        for (int k = 0; k < d; k++) {
          out[oo + k] += 2 * scale * (x[xo + k] - y[yo + k]);
        }
        return;
      case EUCLIDEAN: {
        double r = apply(x, xo, y, yo, d);
        if (r > 0) {
          for (int k = 0; k < d; k++) {
            out[oo + k] += scale * (x[xo + k] - y[yo + k]) / r;
          }
        }
        return;
      }
      case L1:
        for (int k = 0; k < d; k++) {
          out[oo + k] += scale * Math.signum(x[xo + k] - y[yo + k]);
        }
        return;
      default:
        throw new AssertionError(this);
    }
  }

  /** The cost's name ({@link Variants#name}), as the command line and run.json write it. */
  public String cliName() {
    return Variants.name(this);
  }
}
