package org.paperlab.sgd;

import java.util.List;

/**
 * The result of {@link Sgd#run} (checkpoints t of runs of T steps) or {@link Sgd#sweep} (one
 * final gap per run for each horizon T) of composite stochastic mirror descent (Liu and Zhou 2024,
 * Algorithm 1): the configuration, the per-output statistics and arrays, and timings.
 *
 * @param problem the problem's description
 * @param config the configuration (for a sweep: with the largest horizon as steps)
 * @param sweep whether {@link #t} lists horizons of separate runs rather than checkpoints of one run
 * @param t the checkpoints (or horizons), increasing
 * @param levels the quantile levels {@code 1 - delta} of {@link OutputSummary#quantiles}
 * @param outputs one summary per configured output, in the configured order
 * @param seconds wall time
 * @param totalSteps steps taken over all runs
 */
public record SgdResult(String problem, SgdConfig config, boolean sweep, long[] t, double[] levels,
    List<OutputSummary> outputs, double seconds, long totalSteps) {

  /** The summary of the output named {@code name}. */
  public OutputSummary output(String name) {
    return outputs.stream().filter(o -> o.output().name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no output '" + name + "' in this result; outputs: "
            + outputs.stream().map(o -> o.output().name()).toList()));
  }

  /** Steps per second over all runs and threads. */
  public double stepsPerSecond() {
    return seconds > 0 ? totalSteps / seconds : Double.NaN;
  }
}
