package org.paperlab.sgd;

/**
 * Proximal operators {@code prox_{tau h}(v) = argmin_x { h(x) + ||x - v||^2 / (2 tau) }} of the
 * regularizers in {@link Regularizer}, in place:
 *
 * <ul>
 *   <li>{@code h = lambda ||x||_1}: soft thresholding {@code sign(v) max(|v| - tau lambda, 0)};
 *   <li>{@code h = (lambda/2) ||x||_2^2}: shrinkage {@code v / (1 + tau lambda)}.
 * </ul>
 */
public final class Prox {
  private Prox() {}

  /** Soft thresholding at level {@code kappa >= 0}: {@code sign(v_i) max(|v_i| - kappa, 0)}. */
  public static void softThreshold(double[] v, double kappa) {
    for (int i = 0; i < v.length; i++) {
      double a = Math.abs(v[i]) - kappa;
      v[i] = a > 0 ? Math.copySign(a, v[i]) : 0.0;
    }
  }

  /** Shrinkage {@code v / (1 + kappa)}: the prox of {@code (lambda/2)||x||^2} with kappa = tau lambda. */
  public static void shrink(double[] v, double kappa) {
    double s = 1.0 / (1.0 + kappa);
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
  }
}
