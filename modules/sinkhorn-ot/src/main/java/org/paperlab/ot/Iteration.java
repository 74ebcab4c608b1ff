package org.paperlab.ot;

/**
 * One Sinkhorn iteration scheme on a {@link SinkhornState}: the kernel domain
 * ({@link KernelIteration}, plain or stabilized) or the log domain ({@link LogIteration}). Both
 * run one fused pass over the matrix per iteration and measure the marginal error of the plan
 * they return on the way, so the stopping rule costs nothing.
 */
sealed interface Iteration permits KernelIteration, LogIteration {

  /** Sets the starting point at the state's epsilon: the warm start if not null, else the scheme's own. */
  void start(Potentials warm);

  /** Moves to the next epsilon stage; the potentials carry over. */
  void changeEpsilon(double eps);

  /**
   * Runs iterations at the current epsilon until the marginal error is at most {@code tol}
   * (tested every {@code checkEvery} iterations), {@code maxIter} iterations ran, or the scheme
   * cannot go on; returns true when converged. The state then holds the plan whose marginals
   * were measured last.
   */
  boolean run(double tol, int maxIter);

  /** {@code <P, C>} of the current plan. */
  double transportCost();

  /** The current plan, evaluated on demand. */
  TransportPlan plan();

  /** What ran, for {@link SinkhornResult#solver()}. */
  String solver();
}
