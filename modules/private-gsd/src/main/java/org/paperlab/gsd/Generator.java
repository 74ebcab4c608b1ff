package org.paperlab.gsd;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The "generate" step of select-measure-generate: finds a synthetic table whose exact answers
 * to the workloads are close (in squared L2) to target answers, usually noisy measurements.
 * Implemented by {@link Gsd} (the genetic algorithm) and {@link RelaxedProjection} (the
 * first-order baseline).
 */
public interface Generator {
  /** {@code gsd} or {@code rap}. */
  String name();

  /** Number of rows of the tables it generates. */
  int rows();

  /**
   * Fits a table to {@code targets} (one per query of {@code workloads}), starting from
   * {@code warmStart} when given (evenly spaced rows of it, or its rows repeated, if the count
   * differs).
   */
  FitResult fit(WorkloadSet workloads, double[] targets, Optional<Table> warmStart, SplittableRandom rng);
}
