package org.paperlab.ot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;
import org.paperlab.core.ProgressListener;

/**
 * The Monge gap of a map {@code T} estimated from samples (Uscidda and Cuturi 2023, "The Monge
 * Gap: A Regularizer to Learn All Transport Maps", Eq. 8; OTT-JAX {@code monge_gap_from_samples}):
 *
 * <pre>
 *   M(T) = 1/n sum_i c(x_i, T(x_i)) - W_{c,eps}(mu_n, T#mu_n)
 * </pre>
 *
 * where {@code W_{c,eps}} is the entropic cost with Shannon entropy,
 * {@code min_P <P, C> - eps H(P)}, {@code H(P) = -sum P log P}, i.e. the KL-regularized value
 * minus {@code eps (H(a) + H(b))} (OTT's {@code ent_reg_cost}). Because the diagonal coupling is
 * feasible, {@code W <= 1/n sum_i c(x_i, T x_i) - eps log n}, so {@code M(T) >= eps log n > 0}
 * for any map.
 *
 * <p><b>Floor for translations.</b> For {@code T(x) = x + t} and the squared Euclidean cost,
 * {@code c(x_i, x_j + t) = |x_i - x_j|^2 - 2 t.(x_i - x_j) + |t|^2}, and the middle term has zero
 * mass under any coupling with uniform marginals, so {@code W(mu_n, T#mu_n) = W(mu_n, mu_n) + |t|^2}
 * while the displacement term is {@code |t|^2}: {@code M(T) = -W(mu_n, mu_n)
 * = 2 eps log n - OT_eps^{KL}(mu_n, mu_n)}, independent of {@code t} and equal to the gap of the
 * identity. Since {@code 0 <= OT^{KL}(mu_n, mu_n) <= eps log n} (the diagonal coupling again),
 * the floor lies in {@code [eps log n, 2 eps log n]} and tends to {@code eps log n} when eps is
 * small compared with the squared distances between the points.
 *
 * <p>The gradient with respect to the mapped points {@code z_j = T(x_j)} is, by the envelope
 * theorem, {@code 1/n grad_2 c(x_j, z_j) - sum_i P_ij grad_2 c(x_i, z_j)} (for the squared
 * Euclidean cost {@code 2 (sum_i P_ij x_i - x_j / n) + 2 (1/n - (P^T 1)_j) z_j}); a map fitter
 * chains it through the network.
 *
 * <pre>{@code
 * MongeGap.Result g = MongeGap.solve(SinkhornConfig.defaults().withEpsilon(0.01, EpsilonScale.MEAN),
 *     xs, txs, n, d, StandardCost.SQEUCLIDEAN, false);
 * double gap = g.value();
 * }</pre>
 */
public final class MongeGap {
  private MongeGap() {}

  /**
   * The estimate and its parts.
   *
   * @param value {@code M(T)}
   * @param displacement {@code 1/n sum_i c(x_i, T x_i)}
   * @param entropicCost {@code W_{c,eps}(mu_n, T#mu_n)} with Shannon entropy
   * @param epsilon the absolute epsilon
   * @param gradient {@code dM/dz} row-major {@code n x d}, or null when not requested
   * @param solve the Sinkhorn solve between {@code x} and {@code T(x)}
   * @param config the settings as given (epsilon possibly relative)
   * @param seconds wall time of the call
   */
  public record Result(
      double value, double displacement, double entropicCost, double epsilon, double[] gradient,
      SinkhornResult solve, SinkhornConfig config, double seconds) implements MethodResult<SinkhornConfig> {

    public Result {
      gradient = gradient == null ? null : gradient.clone();
    }

    /** {@code dM/dz} (a copy), or null when not requested. */
    @Override
    public double[] gradient() {
      return gradient == null ? null : gradient.clone();
    }

    /**
     * {@code monge_gap}, {@code displacement}, {@code entropic_cost}, {@code epsilon} (absolute),
     * {@code converged} and {@code iterations} of the solve, {@code seconds}.
     */
    @Override
    public Map<String, Object> toMetrics() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("monge_gap", value);
      m.put("displacement", displacement);
      m.put("entropic_cost", entropicCost);
      m.put("epsilon", epsilon);
      m.put("converged", solve.converged());
      m.put("iterations", solve.iterations());
      m.put("seconds", seconds);
      return m;
    }
  }

  /**
   * {@code M(T)} for source samples {@code x} and their images {@code tx = T(x)}, both row-major
   * {@code n x d} with uniform weights; {@code config}'s epsilon may be relative (to the cost
   * between {@code x} and {@code tx}, as OTT's {@code relative_epsilon}). Must be balanced.
   */
  public static Result solve(
      SinkhornConfig config, double[] x, double[] tx, int n, int d, Cost cost, boolean gradient) {
    return solve(config, x, tx, n, d, cost, gradient, null);
  }

  /** As {@link #solve(SinkhornConfig, double[], double[], int, int, Cost, boolean)}; {@code listener} hears the Sinkhorn iterations. */
  public static Result solve(SinkhornConfig config, double[] x, double[] tx, int n, int d, Cost cost,
      boolean gradient, ProgressListener listener) {
    long t0 = System.nanoTime();
    Checks.notNull("config", config);
    Checks.notNull("x", x);
    Checks.notNull("tx", tx);
    Checks.notNull("cost", cost);
    Checks.require(config.balanced(), "the Monge gap is defined for balanced OT; got tau = %s", config.tau());
    Checks.require(x.length == (long) n * d, "x has %d values, expected n*d = %d*%d", x.length, n, d);
    Checks.require(tx.length == (long) n * d, "tx has %d values, expected n*d = %d*%d", tx.length, n, d);
    if (gradient) {
      Checks.require(cost.hasGradient() && cost.symmetric(),
          "the Monge gap gradient needs a symmetric cost with a gradient (a StandardCost), got %s", cost);
    }
    PointCloud src = PointCloud.of(x, n, d);
    PointCloud img = PointCloud.of(tx, n, d);
    double disp = 0;
    for (int i = 0; i < n; i++) {
      disp += cost.apply(x, i * d, tx, i * d, d);
    }
    disp /= n;
    SinkhornResult r = Sinkhorn.solve(config, src, img, cost, listener);
    double entropyAB = 2 * Math.log(n); // H(a) + H(b) for uniform weights
    double w = r.dual() - r.epsilon() * entropyAB;
    double[] grad = null;
    if (gradient) {
      grad = new double[n * d];
      for (int j = 0; j < n; j++) {
        cost.addGradientX(tx, j * d, x, j * d, d, 1.0 / n, grad, j * d);
      }
      double[] planPart = SinkhornDivergence.planGradientColumns(r.plan(), src, img, cost);
      for (int q = 0; q < grad.length; q++) {
        grad[q] -= planPart[q];
      }
    }
    return new Result(disp - w, disp, w, r.epsilon(), grad, r, config, (System.nanoTime() - t0) / 1e9);
  }
}
