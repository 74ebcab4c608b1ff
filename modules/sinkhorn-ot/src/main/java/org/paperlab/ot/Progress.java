package org.paperlab.ot;

import java.util.Arrays;
import java.util.Locale;
import org.paperlab.core.ProgressListener;

/**
 * What the iterations of one solve report: the iterations, absorptions, fallbacks and epsilon
 * stages so far, the marginal error of the last measured plan in both norms, the error of every
 * iteration (for convergence charts), and why the solve stopped early. The caller's
 * {@link ProgressListener} hears {@code (iterations, maxIterations)} after every iteration.
 */
final class Progress {
  private final ErrorNorm norm;
  private final ProgressListener listener;
  private final long total;
  private int iterations;
  private int absorptions;
  private int fallbacks;
  private int stages;
  private double errL1 = Double.POSITIVE_INFINITY;
  private double errL2 = Double.POSITIVE_INFINITY;
  private String failure;
  private double[] err = new double[64];
  private double[] epsAt = new double[64];
  private int size;

  /** Progress measured in {@code norm} for the stopping rule, told to {@code listener} (may be null). */
  Progress(ErrorNorm norm, ProgressListener listener, long total) {
    this.norm = norm;
    this.listener = ProgressListener.orNone(listener);
    this.total = total;
  }

  /** An epsilon stage starts. */
  void stageStarted() {
    stages++;
  }

  /** The kernel absorbed the scalings into the potentials. */
  void absorbed() {
    absorptions++;
  }

  /** An exact log-domain step repaired an underflowed row or column. */
  void fellBack() {
    fallbacks++;
  }

  /** One more iteration (sweep) ran. */
  void countIteration() {
    iterations++;
    listener.progress(iterations, total);
  }

  /**
   * The plan of the last sweep has marginal error {@code l1} (L1) and {@code l2sq} (squared L2) at
   * {@code eps}; returns the error in the norm of the stopping rule.
   */
  double measured(double l1, double l2sq, double eps) {
    errL1 = l1;
    errL2 = Math.sqrt(l2sq);
    trace(errL1, eps);
    return norm == ErrorNorm.L1 ? errL1 : errL2;
  }

  /** The last sweep underflowed at {@code eps} (traced as NaN). */
  void underflow(double eps) {
    trace(Double.NaN, eps);
  }

  /** The solve cannot go on: {@code why}. */
  void fail(String why) {
    failure = why;
  }

  /** Whether {@link #fail} was called. */
  boolean failed() {
    return failure != null;
  }

  /** Why the solve stopped early, or empty when it converged (the result's {@code failure}). */
  String failure(boolean converged, double tolerance) {
    if (failure != null) {
      return failure;
    }
    return converged ? ""
        : String.format(Locale.ROOT,
            "not converged: marginal error %.3g (%s) after %d iterations > tolerance %.3g",
            norm == ErrorNorm.L1 ? errL1 : errL2, norm, iterations, tolerance);
  }

  int iterations() {
    return iterations;
  }

  int absorptions() {
    return absorptions;
  }

  int fallbacks() {
    return fallbacks;
  }

  int stages() {
    return stages;
  }

  /** L1 marginal error of the last measured plan. */
  double errorL1() {
    return errL1;
  }

  /** L2 marginal error of the last measured plan. */
  double errorL2() {
    return errL2;
  }

  /** The L1 error of every iteration (NaN for an underflow). */
  double[] errorTrace() {
    return Arrays.copyOf(err, size);
  }

  /** The epsilon of every iteration. */
  double[] epsilonTrace() {
    return Arrays.copyOf(epsAt, size);
  }

  private void trace(double e, double epsilon) {
    if (size == err.length) {
      err = Arrays.copyOf(err, size * 2);
      epsAt = Arrays.copyOf(epsAt, size * 2);
    }
    err[size] = e;
    epsAt[size++] = epsilon;
  }
}
