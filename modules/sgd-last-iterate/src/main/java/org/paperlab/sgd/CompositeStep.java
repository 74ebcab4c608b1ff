package org.paperlab.sgd;

import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;

/**
 * One step of composite stochastic mirror descent (CSMD; Liu and Zhou 2024, "Revisiting the
 * Last-Iterate Convergence of Stochastic Gradient Methods", Algorithm 1):
 *
 * <pre>
 *   x_{t+1} = argmin_{x in X} { h(x) + &lt;g_t, x&gt; + D_psi(x, x_t) / eta_t }
 * </pre>
 *
 * in closed form for the supported combinations, in place on flat arrays:
 *
 * <ul>
 *   <li>Euclidean {@code psi}: {@code x_{t+1} = Proj_X(prox_{eta h}(x_t - eta g_t))}. This
 *       composition is the exact minimizer for every {@link Regularizer} / {@link Domain} pair
 *       accepted by {@link #validate}: for {@code h = (lambda/2)||x||^2} the objective is a
 *       rescaled distance to {@code v/(1 + eta lambda)}; for {@code h = lambda||x||_1} the box is
 *       separable, the L2 ball's KKT multiplier only rescales the soft-thresholded point, and the L1
 *       ball's projection is itself a soft threshold ({@code soft(soft(v,a),b) = soft(v,a+b)}); on
 *       the simplex {@code ||x||_1 = radius} is constant, so the L1 term is dropped.
 *   <li>Entropy {@code psi} on the simplex of radius r, {@code h = lambda psi} (lambda &gt;= 0):
 *       {@code ln x_{t+1,i} = (ln x_{t,i} - eta g_{t,i}) / (1 + eta lambda) + c}, c normalizing the
 *       sum to r; computed in the log domain with a max shift (no underflow to a zero weight
 *       that could never recover).
 * </ul>
 */
public final class CompositeStep {
  private CompositeStep() {}

  /**
   * Fails with an {@link IllegalArgumentException} naming the combination when CSMD has no closed
   * form here.
   */
  public static void validate(MirrorMap mirror, Domain domain, Regularizer h) {
    Checks.notNull("mirror", mirror);
    Checks.notNull("domain", domain);
    Checks.notNull("regularizer", h);
    if (mirror == MirrorMap.ENTROPY) {
      if (!(domain instanceof Domain.Simplex)) {
        throw new InvalidArgumentException("mirror", " = entropy needs the simplex domain, got " + domain.name());
      }
      if (!(h instanceof Regularizer.None || h instanceof Regularizer.Entropy || h instanceof Regularizer.L1)) {
        throw new InvalidArgumentException("mirror", " = entropy supports the regularizers none, entropy and l1 "
            + "(constant on the simplex), got " + h.name());
      }
    } else if (h instanceof Regularizer.Entropy) {
      throw new InvalidArgumentException("mirror", " = " + Variants.name(mirror) + ": the entropy regularizer needs "
          + "mirror map 'entropy' (no closed-form Euclidean prox)");
    }
  }

  /**
   * Euclidean CSMD step: {@code x <- Proj_X(prox_{eta h}(x - eta g))}.
   *
   * @param scratch work array of length {@code >= x.length} for the simplex / L1 projections
   */
  public static void euclidean(double[] x, double[] g, double eta, Regularizer h, Domain domain, double[] scratch) {
    for (int i = 0; i < x.length; i++) {
      x[i] -= eta * g[i];
    }
    if (h instanceof Regularizer.L1 l1) {
      if (!(domain instanceof Domain.Simplex) && l1.lambda() > 0) {
        Prox.softThreshold(x, eta * l1.lambda());
      }
    } else if (h instanceof Regularizer.L2Squared l2) {
      if (l2.lambda() > 0) {
        Prox.shrink(x, eta * l2.lambda());
      }
    }
    domain.project(x, scratch);
  }

  /**
   * Entropic CSMD step on the simplex of radius {@code r}, with {@code h = lambda psi}
   * ({@code lambda = 0} for plain exponentiated gradient). {@code logx} holds {@code ln x} (kept in
   * the log domain between steps); both arrays are updated.
   */
  public static void entropic(double[] x, double[] logx, double[] g, double eta, double lambda, double r) {
    double shrink = 1.0 / (1.0 + eta * lambda);
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      double z = (logx[i] - eta * g[i]) * shrink;
      logx[i] = z;
      if (z > max) {
        max = z;
      }
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(logx[i] - max);
      x[i] = e;
      sum += e;
    }
    double scale = r / sum;
    double c = Math.log(scale) - max;
    for (int i = 0; i < x.length; i++) {
      logx[i] += c;
      x[i] *= scale;
    }
  }
}
