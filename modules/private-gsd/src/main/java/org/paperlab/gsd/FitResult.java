package org.paperlab.gsd;

/**
 * The outcome of fitting a synthetic table to target answers.
 *
 * @param method {@code gsd} or {@code rap}
 * @param table the synthetic table
 * @param loss final objective: squared L2 distance between the table's exact answers and the
 *     targets (for RAP, of the rounded table)
 * @param iterations generations (GSD) or optimizer steps (RAP) run
 * @param converged stopped by the early-stopping rule before the iteration cap
 * @param seconds wall time
 * @param traceIteration iteration numbers of the loss trace
 * @param traceLoss the objective along the run (GSD: best fitness; RAP: relaxed loss)
 */
public record FitResult(
    String method,
    Table table,
    double loss,
    long iterations,
    boolean converged,
    double seconds,
    double[] traceIteration,
    double[] traceLoss) {}
