package org.paperlab.ot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.MethodResult;

/**
 * The outcome of an entropic OT solve.
 *
 * <p>The plan is {@code P_ij = a_i b_j exp((f_i + g_j - C_ij)/eps)} (up to the float rounding of
 * the kernel under {@link Precision#FLOAT}). {@code cost} is {@code <P, C>}; {@code objective} is
 * the primal value {@code <P, C> + eps KL(P | a b^T)} (plus {@code tau KL(P1|a) + tau KL(P^T 1|b)}
 * for unbalanced OT), evaluated from the potentials and the marginals as
 * {@code sum_i f_i r_i + sum_j g_j c_j - eps (|P| - |a||b|)}; {@code dual} is the dual value
 * ({@code <a, f> + <b, g> - eps (|P| - |a||b|)} when balanced). At convergence the two agree.
 *
 * <p>The arrays are copied in and out; the plan is evaluated on demand and never changes.
 *
 * @param config the settings (as given: {@code threads} may be 0)
 * @param threads the thread count the solve resolved {@code config.threads()} to (its row blocks)
 * @param epsilon the absolute regularization used (final stage)
 * @param solver what ran: {@code stabilized-kernel}, {@code kernel}, {@code log}, {@code log-lazy},
 *     or {@code stabilized-kernel+log} after a switch
 * @param kernels the row kernels ({@code vector(512)} or {@code scalar})
 * @param cost the transport cost {@code <P, C>}
 * @param objective the entropic primal objective
 * @param dual the entropic dual objective
 * @param iterations iterations run (all stages)
 * @param marginalErrorL1 {@code |P1 - a|_1 + |P^T 1 - b|_1} of the returned plan (for unbalanced
 *     OT, against the optimality condition {@code P1 = a e^{-f/tau}}, {@code P^T 1 = b e^{-g/tau}})
 * @param marginalErrorL2 the same in the Euclidean norm
 * @param converged whether the stopping rule was met
 * @param failure why the solve stopped early (empty when it did not)
 * @param setupSeconds time to build the cost and the epsilon statistic
 * @param solveSeconds total wall time of the call
 * @param absorptions kernel rebuilds that absorbed large scalings
 * @param fallbacks exact log-domain steps taken after a kernel row or column underflowed
 * @param stages epsilon stages (1 without epsilon scaling)
 * @param f potential on the first measure
 * @param g potential on the second measure
 * @param rowMarginal {@code P 1}
 * @param colMarginal {@code P^T 1}
 * @param errorTrace the L1 marginal error after every iteration (NaN for a recovered underflow)
 * @param epsilonTrace the epsilon of every iteration
 * @param plan the plan, evaluated on demand
 */
public record SinkhornResult(
    SinkhornConfig config,
    int threads,
    double epsilon,
    String solver,
    String kernels,
    double cost,
    double objective,
    double dual,
    int iterations,
    double marginalErrorL1,
    double marginalErrorL2,
    boolean converged,
    String failure,
    double setupSeconds,
    double solveSeconds,
    int absorptions,
    int fallbacks,
    int stages,
    double[] f,
    double[] g,
    double[] rowMarginal,
    double[] colMarginal,
    double[] errorTrace,
    double[] epsilonTrace,
    TransportPlan plan) implements MethodResult<SinkhornConfig> {

  public SinkhornResult {
    f = f.clone();
    g = g.clone();
    rowMarginal = rowMarginal.clone();
    colMarginal = colMarginal.clone();
    errorTrace = errorTrace.clone();
    epsilonTrace = epsilonTrace.clone();
  }

  /** Wall time of the whole call, {@link #solveSeconds()}. */
  @Override
  public double seconds() {
    return solveSeconds;
  }

  /**
   * The headline numbers, the keys of {@code paperlab ot solve}'s result.json: {@code cost},
   * {@code objective}, {@code dual}, {@code iterations}, {@code marginal_error_l1},
   * {@code marginal_error_l2}, {@code converged}, {@code failure}, {@code solve_seconds},
   * {@code setup_seconds}, {@code epsilon} (absolute, used), {@code solver}, {@code row_kernels},
   * {@code absorptions}, {@code fallbacks}, {@code stages}, {@code threads} (resolved).
   */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cost", cost);
    m.put("objective", objective);
    m.put("dual", dual);
    m.put("iterations", iterations);
    m.put("marginal_error_l1", marginalErrorL1);
    m.put("marginal_error_l2", marginalErrorL2);
    m.put("converged", converged);
    m.put("failure", failure);
    m.put("solve_seconds", solveSeconds);
    m.put("setup_seconds", setupSeconds);
    m.put("epsilon", epsilon);
    m.put("solver", solver);
    m.put("row_kernels", kernels);
    m.put("absorptions", absorptions);
    m.put("fallbacks", fallbacks);
    m.put("stages", stages);
    m.put("threads", threads);
    return m;
  }

  /** The potential on the first measure (a copy). */
  @Override
  public double[] f() {
    return f.clone();
  }

  /** The potential on the second measure (a copy). */
  @Override
  public double[] g() {
    return g.clone();
  }

  /** {@code P 1} (a copy). */
  @Override
  public double[] rowMarginal() {
    return rowMarginal.clone();
  }

  /** {@code P^T 1} (a copy). */
  @Override
  public double[] colMarginal() {
    return colMarginal.clone();
  }

  /** The L1 marginal error after every iteration (a copy). */
  @Override
  public double[] errorTrace() {
    return errorTrace.clone();
  }

  /** The epsilon of every iteration (a copy). */
  @Override
  public double[] epsilonTrace() {
    return epsilonTrace.clone();
  }

  /** The potentials, e.g. as a warm start. */
  public Potentials potentials() {
    return new Potentials(f, g);
  }

  /** Iterations per second of solve time (a rough speed figure). */
  public double iterationsPerSecond() {
    return iterations / Math.max(solveSeconds - setupSeconds, 1e-12);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "SinkhornResult[%s, eps=%.4g, cost=%.9g, objective=%.9g, iterations=%d, errL1=%.3g, converged=%s%s, %.3f s]",
        solver, epsilon, cost, objective, iterations, marginalErrorL1, converged,
        failure.isEmpty() ? "" : ", failure=" + failure, solveSeconds);
  }
}
