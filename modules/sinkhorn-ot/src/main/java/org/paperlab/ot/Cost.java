package org.paperlab.ot;

/**
 * A ground cost {@code c(x, y)} between two points of {@code R^d}, read from flat row-major
 * arrays: {@code x[xOff .. xOff+d)} and {@code y[yOff .. yOff+d)}.
 *
 * <p>The standard costs ({@link StandardCost}: squared Euclidean, Euclidean, L1) run on
 * vectorized row kernels and have gradients. A user cost is a lambda:
 *
 * <pre>{@code
 * Cost huber = (x, xo, y, yo, d) -> {
 *   double s = 0;
 *   for (int k = 0; k < d; k++) { double t = Math.abs(x[xo + k] - y[yo + k]); s += t < 1 ? t * t / 2 : t - 0.5; }
 *   return s;
 * };
 * }</pre>
 *
 * A user cost has no gradient unless it overrides {@link #addGradientX}; the Sinkhorn divergence
 * gradient and map fitting then fail with a message instead of guessing.
 */
@FunctionalInterface
public interface Cost {
  /** {@code c(x, y)}; must be finite for finite inputs. */
  double apply(double[] x, int xOff, double[] y, int yOff, int d);

  /** Whether {@link #addGradientX} is implemented. */
  default boolean hasGradient() {
    return false;
  }

  /**
   * Adds {@code scale * grad_x c(x, y)} to {@code out[oOff .. oOff+d)}. The gradient with respect
   * to {@code y} is obtained by swapping the arguments for the symmetric standard costs.
   */
  default void addGradientX(
      double[] x, int xOff, double[] y, int yOff, int d, double scale, double[] out, int oOff) {
    throw new UnsupportedOperationException(
        "cost " + this + " has no gradient; use a StandardCost or override addGradientX");
  }

  /** Whether {@code c(x, y) = c(y, x)} (true for the standard costs). */
  default boolean symmetric() {
    return false;
  }

  /** A standard cost by name, {@link StandardCost#parse}: {@code sqeuclidean|euclidean|l1}. */
  static StandardCost parse(String name) {
    return StandardCost.parse(name);
  }
}
