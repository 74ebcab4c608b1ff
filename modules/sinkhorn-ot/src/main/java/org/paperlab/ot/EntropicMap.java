package org.paperlab.ot;

import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;

/**
 * The entropic map estimator of Pooladian and Niles-Weed (2021), "Entropic estimation of optimal
 * transport maps" (arXiv 2109.12004, Eq. 4): the barycentric projection of an entropic OT plan
 * between source samples {@code x_i} (weights {@code a}) and target samples {@code y_j} (weights
 * {@code b}), extended to any point {@code x} through the target potential {@code g}:
 *
 * <pre>
 *   T(x) = sum_j b_j y_j exp((g_j - c(x, y_j)) / eps)  /  sum_j b_j exp((g_j - c(x, y_j)) / eps)
 * </pre>
 *
 * At a sample point {@code x_i} this is {@code sum_j P_ij y_j / a_i}, the plan's barycentric
 * projection, once the row marginals hold ({@code sum_j P_ij = a_i}). It needs no training: one
 * Sinkhorn solve, then {@code O(m d)} per mapped point (a stable soft-max over the targets, in
 * plain Java over row blocks).
 *
 * <pre>{@code
 * EntropicMap t = EntropicMap.fit(SinkhornConfig.defaults().withEpsilon(0.01, EpsilonScale.MEAN),
 *     PointCloud.of(xs), PointCloud.of(ys), StandardCost.SQEUCLIDEAN);
 * double[] mapped = t.apply(fresh, n);   // n x d, row-major
 * }</pre>
 *
 * The estimator is the result of its fit: {@link #config()}, {@link #seconds()} and
 * {@link #toMetrics()} (the solve's keys, {@link SinkhornResult#toMetrics()}). Its arrays are
 * private copies; {@link #apply} returns new ones.
 */
public final class EntropicMap implements MethodResult<SinkhornConfig> {
  private final SinkhornResult solve;
  private final double[] y;
  private final double[] logB;
  private final double[] g;
  private final int m;
  private final int d;
  private final Cost cost;
  private final double eps;
  private final int threads;
  private final double seconds;

  private EntropicMap(SinkhornResult solve, PointCloud target, Cost cost, double seconds) {
    this.solve = solve;
    this.seconds = seconds;
    this.y = target.points();
    this.m = target.n();
    this.d = target.d();
    this.g = solve.g();
    double[] b = target.weights();
    double mass = 0;
    for (double w : b) {
      mass += w;
    }
    this.logB = new double[m];
    for (int j = 0; j < m; j++) {
      logB[j] = Math.log(b[j] / mass);
    }
    this.cost = cost;
    this.eps = solve.epsilon();
    this.threads = solve.threads();
  }

  /**
   * Solves entropic OT between the samples {@code x} and {@code y} and returns the estimator.
   *
   * @throws IllegalStateException when the solve did not converge (its potentials would not be a
   *     plan's): tighten nothing, raise the iteration budget or the epsilon
   */
  public static EntropicMap fit(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return fit(config, x, y, cost, null);
  }

  /** As {@link #fit(SinkhornConfig, PointCloud, PointCloud, Cost)}; {@code listener} hears the Sinkhorn iterations. */
  public static EntropicMap fit(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, ProgressListener listener) {
    long t0 = System.nanoTime();
    Checks.notNull("cost", cost);
    SinkhornResult r = Sinkhorn.solve(config, x, y, cost, listener);
    if (!r.converged()) {
      throw new IllegalStateException("the entropic map's Sinkhorn solve did not converge: " + r.failure());
    }
    return new EntropicMap(r, y, cost, (System.nanoTime() - t0) / 1e9);
  }

  /** The config of the fit's solve. */
  @Override
  public SinkhornConfig config() {
    return solve.config();
  }

  /** Wall time of the fit. */
  @Override
  public double seconds() {
    return seconds;
  }

  /** The solve's metrics ({@link SinkhornResult#toMetrics()}); the fit always converged. */
  @Override
  public Map<String, Object> toMetrics() {
    return solve.toMetrics();
  }

  /** The Sinkhorn solve behind the estimator (epsilon, iterations, potentials). */
  public SinkhornResult solve() {
    return solve;
  }

  /** The absolute epsilon of the estimator. */
  public double epsilon() {
    return eps;
  }

  /** {@code T} at the {@code n} points of {@code points} ({@code n x d}, row-major); a new array. */
  public double[] apply(double[] points, int n) {
    Checks.notNull("points", points);
    Checks.require(points.length == (long) n * d, "points has %d values, expected n * d = %d * %d", points.length, n, d);
    Checks.allFinite("points", points);
    double[] out = new double[n * d];
    Parallel.blocks(threads, n, (blk, lo, hi) -> {
      double[] s = new double[m];
      for (int i = lo; i < hi; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
          s[j] = logB[j] + (g[j] - cost.apply(points, i * d, y, j * d, d)) / eps;
          max = Math.max(max, s[j]);
        }
        double total = 0;
        for (int j = 0; j < m; j++) {
          double w = Math.exp(s[j] - max);
          total += w;
          for (int k = 0; k < d; k++) {
            out[i * d + k] += w * y[j * d + k];
          }
        }
        for (int k = 0; k < d; k++) {
          out[i * d + k] /= total;
        }
      }
    });
    return out;
  }

  /** {@code T} at the points of a cloud. */
  public double[] apply(PointCloud points) {
    Checks.sameSize("dimension of the points", points.d(), "dimension of the estimator", d);
    return apply(points.points(), points.n());
  }
}
