package org.paperlab.ot;

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
 * @param config the settings
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
    TransportPlan plan) {

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
