package org.paperlab.ot;

import org.paperlab.core.Checks;

/**
 * Settings of an entropic OT solve: {@code min_P <P, C> + eps KL(P | a b^T)} over couplings with
 * marginals {@code a}, {@code b} (Cuturi 2013, Eq. 2), or with the marginal constraints replaced by
 * {@code tau KL(P 1 | a) + tau KL(P^T 1 | b)} when {@code tau} is finite (unbalanced OT, Chizat et
 * al. 2018, "Scaling algorithms for unbalanced optimal transport problems", Eq. 1.4).
 *
 * @param epsilon the entropic regularization, absolute or relative to {@code epsilonScale}
 * @param epsilonScale what {@code epsilon} multiplies ({@link EpsilonScale#NONE}: absolute)
 * @param method the iteration ({@link Method#AUTO}: stabilized kernel, or log-domain when lazy)
 * @param precision storage of the cost and kernel matrices
 * @param tolerance stop when the marginal error (in {@code errorNorm}) is at most this
 * @param errorNorm the norm of the stopping rule (both norms are reported)
 * @param maxIterations total iteration budget (all epsilon stages together)
 * @param checkEvery test the stopping rule every this many iterations (the error itself is free:
 *     it falls out of the fused sweep)
 * @param omega over-relaxation factor in {@code (0, 2)} (Thibault et al. 2017, "Overrelaxed
 *     Sinkhorn-Knopp algorithm for regularized optimal transport", Eq. 7); 1 is plain Sinkhorn
 * @param adaptiveMomentum choose omega from the observed convergence rate (Lehmann, von Renesse,
 *     Sambale and Uschmajew 2021, as in OTT-JAX's {@code Momentum}); {@code omega} is then the
 *     starting value
 * @param epsilonScaling solve a decreasing sequence {@code eps_k = max(eps, eps_0 q^k)} from
 *     {@code eps_0 = max C}, warm-starting each stage (Schmitzer 2019, Section 3.2; Feydy et al.
 *     2019, Section 3.3)
 * @param scalingFactor the ratio {@code q} in {@code (0, 1)} of the epsilon stages
 * @param tau the marginal penalty of unbalanced OT; {@code +inf} (the default) for balanced OT
 * @param lazy for point clouds: never store the cost, recompute it per row block (log domain)
 * @param threads worker threads for the row blocks; 0 (the default) means all available cores,
 *     resolved by {@code Parallel.threads} when a solve starts, so a config (and run.json) does not
 *     depend on the machine. The sweeps reduce {@code min(threads, n)} row blocks in block order:
 *     a solve gives the same bits on every run for a given resolved count, and may differ in the
 *     last bits between counts
 * @param vectorized use the SIMD row kernels when the JVM has {@code jdk.incubator.vector}
 *
 * <p>Every component has a text form ({@code Configs.toMap}/{@code Configs.fromMap} of
 * paperlab-core): {@code epsilon=0.05}, {@code epsilonScale=median}, {@code method=auto},
 * {@code precision=float}, {@code errorNorm=l1}, {@code tau=Infinity}, {@code threads=0}, ...
 */
public record SinkhornConfig(
    double epsilon,
    EpsilonScale epsilonScale,
    Method method,
    Precision precision,
    double tolerance,
    ErrorNorm errorNorm,
    int maxIterations,
    int checkEvery,
    double omega,
    boolean adaptiveMomentum,
    boolean epsilonScaling,
    double scalingFactor,
    double tau,
    boolean lazy,
    int threads,
    boolean vectorized) {

  public SinkhornConfig {
    Checks.positive("epsilon", epsilon);
    Checks.notNull("epsilonScale", epsilonScale);
    Checks.notNull("method", method);
    Checks.notNull("precision", precision);
    Checks.positive("tolerance", tolerance);
    Checks.notNull("errorNorm", errorNorm);
    Checks.positive("maxIterations", maxIterations);
    Checks.positive("checkEvery", checkEvery);
    Checks.inOpen("omega", omega, 0.0, 2.0);
    Checks.inOpen("scalingFactor", scalingFactor, 0.0, 1.0);
    Checks.require("tau", tau > 0, " = %s must be > 0 (use Infinity for balanced OT)", tau);
    Checks.nonNegative("threads", threads);
    Checks.require("method", !(lazy && method == Method.KERNEL),
        " = kernel needs a stored kernel; use auto or log with lazy = true");
  }

  /**
   * eps = 0.05 (absolute), AUTO, FLOAT, tolerance 1e-9 (L1), 10,000 iterations, check every
   * iteration, adaptive momentum, no epsilon scaling (factor 0.5 when enabled), balanced, stored
   * cost, threads 0 (all available cores, resolved when a solve starts), SIMD when available.
   */
  public static SinkhornConfig defaults() {
    return new SinkhornConfig(
        0.05, EpsilonScale.NONE, Method.AUTO, Precision.FLOAT, 1e-9, ErrorNorm.L1, 10_000, 1, 1.0,
        true, false, 0.5, Double.POSITIVE_INFINITY, false, 0, true);
  }

  /** Whether the marginal constraints are hard ({@code tau = +inf}). */
  public boolean balanced() {
    return tau == Double.POSITIVE_INFINITY;
  }

  public SinkhornConfig withEpsilon(double e) {
    return new SinkhornConfig(e, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  /** Epsilon relative to a statistic of the cost, e.g. {@code withEpsilon(0.05, EpsilonScale.MEDIAN)}. */
  public SinkhornConfig withEpsilon(double e, EpsilonScale scale) {
    return new SinkhornConfig(e, scale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withEpsilonScale(EpsilonScale s) {
    return new SinkhornConfig(epsilon, s, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withMethod(Method m) {
    return new SinkhornConfig(epsilon, epsilonScale, m, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withPrecision(Precision p) {
    return new SinkhornConfig(epsilon, epsilonScale, method, p, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withTolerance(double t) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, t, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withErrorNorm(ErrorNorm n) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, n, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withMaxIterations(int n) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, n, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withCheckEvery(int k) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, k, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withOmega(double w) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, w, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withAdaptiveMomentum(boolean a) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, a, epsilonScaling, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withEpsilonScaling(boolean s) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, s, scalingFactor, tau, lazy, threads, vectorized);
  }

  public SinkhornConfig withScalingFactor(double q) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, q, tau, lazy, threads, vectorized);
  }

  /** Unbalanced OT with marginal penalty {@code tau}; {@code Double.POSITIVE_INFINITY} for balanced. */
  public SinkhornConfig withTau(double t) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, t, lazy, threads, vectorized);
  }

  public SinkhornConfig withLazy(boolean l) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, l, threads, vectorized);
  }

  /** Worker threads; 0 for all available cores (resolved when a solve starts). */
  public SinkhornConfig withThreads(int t) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, t, vectorized);
  }

  public SinkhornConfig withVectorized(boolean v) {
    return new SinkhornConfig(epsilon, epsilonScale, method, precision, tolerance, errorNorm, maxIterations, checkEvery, omega, adaptiveMomentum, epsilonScaling, scalingFactor, tau, lazy, threads, v);
  }
}
