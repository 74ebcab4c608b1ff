package org.paperlab.ot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;
import org.paperlab.core.ProgressListener;

/**
 * The debiased Sinkhorn divergence (Feydy et al. 2019, "Interpolating between Optimal Transport
 * and MMD using Sinkhorn Divergences", Eq. 4 and Theorem 1):
 *
 * <pre>
 *   S_eps(a, b) = OT_eps(a, b) - 1/2 OT_eps(a, a) - 1/2 OT_eps(b, b)
 * </pre>
 *
 * with {@code OT_eps} the dual value {@code <a, f> + <b, g>} of {@link Sinkhorn} (the three
 * problems share one absolute epsilon, computed from the {@code (x, y)} cost when relative). For
 * unbalanced OT the term {@code eps/2 (|a| - |b|)^2} is added (Sejourne et al. 2019, "Sinkhorn
 * divergences for unbalanced optimal transport", Def. 6) and the dual value is the unbalanced one.
 * {@code S} is 0 for identical measures and positive otherwise (for the standard costs).
 *
 * <p>Gradients with respect to the positions come from the envelope theorem (Feydy et al. 2019,
 * Section 3.3): {@code d OT_eps / d C_ij = P_ij}, so
 * {@code grad_{x_i} S = sum_j P^xy_ij grad_x c(x_i, y_j) - sum_k P^xx_ik grad_x c(x_i, x_k)} for a
 * symmetric cost (the symmetric problem's plan is symmetric, which doubles its derivative and
 * cancels the 1/2), and likewise in {@code y}. Epsilon is held fixed when differentiating.
 *
 * <pre>{@code
 * SinkhornDivergence.Result s = SinkhornDivergence.solve(
 *     SinkhornConfig.defaults().withEpsilon(0.1, EpsilonScale.MEAN), x, y, StandardCost.SQEUCLIDEAN);
 * double value = s.value();
 * }</pre>
 */
public final class SinkhornDivergence {
  private SinkhornDivergence() {}

  /**
   * The divergence and its three OT terms.
   *
   * @param value {@code S_eps}
   * @param otXY {@code OT_eps(a, b)}
   * @param otXX {@code OT_eps(a, a)}
   * @param otYY {@code OT_eps(b, b)}
   * @param epsilon the absolute epsilon of all three problems
   * @param gradX {@code dS/dx} row-major {@code n x d}, or null when not requested
   * @param gradY {@code dS/dy} row-major {@code m x d}, or null when not requested
   * @param converged whether all three solves converged
   * @param xy the {@code (x, y)} solve
   * @param xx the {@code (x, x)} solve
   * @param yy the {@code (y, y)} solve
   * @param config the settings as given (epsilon possibly relative)
   * @param seconds wall time of the three solves and the gradients
   */
  public record Result(
      double value, double otXY, double otXX, double otYY, double epsilon, double[] gradX,
      double[] gradY, boolean converged, SinkhornResult xy, SinkhornResult xx, SinkhornResult yy,
      SinkhornConfig config, double seconds) implements MethodResult<SinkhornConfig> {

    public Result {
      gradX = gradX == null ? null : gradX.clone();
      gradY = gradY == null ? null : gradY.clone();
    }

    /** {@code dS/dx} (a copy), or null when not requested. */
    @Override
    public double[] gradX() {
      return gradX == null ? null : gradX.clone();
    }

    /** {@code dS/dy} (a copy), or null when not requested. */
    @Override
    public double[] gradY() {
      return gradY == null ? null : gradY.clone();
    }

    /**
     * {@code sinkhorn_divergence}, {@code ot_xy}, {@code ot_xx}, {@code ot_yy}, {@code epsilon}
     * (absolute), {@code converged}, {@code iterations_xy}, {@code iterations_xx},
     * {@code iterations_yy}, {@code seconds}.
     */
    @Override
    public Map<String, Object> toMetrics() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sinkhorn_divergence", value);
      m.put("ot_xy", otXY);
      m.put("ot_xx", otXX);
      m.put("ot_yy", otYY);
      m.put("epsilon", epsilon);
      m.put("converged", converged);
      m.put("iterations_xy", xy.iterations());
      m.put("iterations_xx", xx.iterations());
      m.put("iterations_yy", yy.iterations());
      m.put("seconds", seconds);
      return m;
    }
  }

  /** {@code S_eps(x, y)} without gradients. */
  public static Result solve(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return solve(config, x, y, cost, false, false, null);
  }

  /**
   * The old name of {@link #solve(SinkhornConfig, PointCloud, PointCloud, Cost)}.
   *
   * @deprecated the entry-point verb is {@code solve}; this stays until its callers have moved
   */
  @Deprecated
  public static Result compute(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return solve(config, x, y, cost);
  }

  /** {@code S_eps(x, y)} with the requested position gradients. */
  public static Result solve(
      SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, boolean gradX, boolean gradY) {
    return solve(config, x, y, cost, gradX, gradY, null);
  }

  /**
   * {@code S_eps(x, y)} with the requested position gradients; {@code listener} (may be null)
   * hears {@code (k, 3)} after each of the three solves.
   */
  public static Result solve(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, boolean gradX,
      boolean gradY, ProgressListener listener) {
    long t0 = System.nanoTime();
    Checks.notNull("config", config);
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    Checks.notNull("cost", cost);
    Checks.require("x", x.d() == y.d(), " has dimension %d but y has dimension %d", x.d(), y.d());
    ProgressListener progress = ProgressListener.orNone(listener);
    if (gradX || gradY) {
      Checks.require(cost.hasGradient() && cost.symmetric(),
          "position gradients need a symmetric cost with a gradient (a StandardCost), got %s", cost);
    }
    double eps = Sinkhorn.absoluteEpsilon(config, x, y, cost);
    SinkhornConfig c = config.withEpsilon(eps, EpsilonScale.NONE);
    SinkhornResult xy = Sinkhorn.solve(c, x, y, cost);
    progress.progress(1, 3);
    SinkhornResult xx = Sinkhorn.solve(c, x, x, cost);
    progress.progress(2, 3);
    SinkhornResult yy = Sinkhorn.solve(c, y, y, cost);
    progress.progress(3, 3);
    double value = xy.dual() - 0.5 * xx.dual() - 0.5 * yy.dual();
    if (!config.balanced()) {
      double dm = x.mass() - y.mass();
      value += 0.5 * eps * dm * dm;
    }
    double[] gx = null;
    double[] gy = null;
    if (gradX) {
      gx = planGradient(xy.plan(), x, y, cost, 1.0);
      subtract(gx, planGradient(xx.plan(), x, x, cost, 1.0));
    }
    if (gradY) {
      gy = planGradientColumns(xy.plan(), x, y, cost);
      subtract(gy, planGradient(yy.plan(), y, y, cost, 1.0));
    }
    return new Result(value, xy.dual(), xx.dual(), yy.dual(), eps, gx, gy,
        xy.converged() && xx.converged() && yy.converged(), xy, xx, yy, config, (System.nanoTime() - t0) / 1e9);
  }

  /** {@code out_i = scale sum_j P_ij grad_x c(x_i, y_j)} ({@code n x d}). */
  static double[] planGradient(TransportPlan p, PointCloud x, PointCloud y, Cost cost, double scale) {
    int n = x.n();
    int m = y.n();
    int d = x.d();
    double[] xs = x.pointsRef();
    double[] ys = y.pointsRef();
    if (cost == StandardCost.SQEUCLIDEAN) {
      // 2 (r_i x_i - sum_j P_ij y_j)
      return sqEuclidean(p.rowSums(), xs, p.applyRight(ys, d), n, d, scale);
    }
    double[] out = new double[n * d];
    double[] row = new double[m];
    for (int i = 0; i < n; i++) {
      p.row(i, row);
      for (int j = 0; j < m; j++) {
        cost.addGradientX(xs, i * d, ys, j * d, d, scale * row[j], out, i * d);
      }
    }
    return out;
  }

  /** {@code out_j = sum_i P_ij grad_y c(x_i, y_j)} ({@code m x d}) for a symmetric cost. */
  static double[] planGradientColumns(TransportPlan p, PointCloud x, PointCloud y, Cost cost) {
    int n = x.n();
    int m = y.n();
    int d = x.d();
    double[] xs = x.pointsRef();
    double[] ys = y.pointsRef();
    if (cost == StandardCost.SQEUCLIDEAN) {
      // 2 (c_j y_j - sum_i P_ij x_i)
      return sqEuclidean(p.colSums(), ys, p.applyLeft(xs, d), m, d, 1.0);
    }
    double[] out = new double[m * d];
    double[] row = new double[m];
    for (int i = 0; i < n; i++) {
      p.row(i, row);
      for (int j = 0; j < m; j++) {
        cost.addGradientX(ys, j * d, xs, i * d, d, row[j], out, j * d);
      }
    }
    return out;
  }

  /**
   * The squared-Euclidean case of both gradients: {@code out_k = 2 scale (w_k z_k - t_k)} for
   * {@code count} points {@code z} ({@code count x d}) with plan marginal {@code w} and transported
   * points {@code t} (the plan applied to the other cloud).
   */
  private static double[] sqEuclidean(double[] w, double[] z, double[] t, int count, int d, double scale) {
    double[] out = new double[count * d];
    for (int k = 0; k < count; k++) {
      for (int q = 0; q < d; q++) {
        out[k * d + q] = 2 * scale * (w[k] * z[k * d + q] - t[k * d + q]);
      }
    }
    return out;
  }

  private static void subtract(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] -= b[i];
    }
  }
}
