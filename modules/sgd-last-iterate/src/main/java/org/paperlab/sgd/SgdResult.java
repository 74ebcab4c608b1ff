package org.paperlab.sgd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.MethodResult;

/**
 * The result of {@link Sgd#run} (checkpoints t of runs of T steps) or {@link Sgd#sweep} (one
 * final gap per run for each horizon T) of composite stochastic mirror descent (Liu and Zhou 2024,
 * Algorithm 1): the configuration, the per-output statistics and arrays, and timings. The arrays
 * are copied in and out.
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
    List<OutputSummary> outputs, double seconds, long totalSteps) implements MethodResult<SgdConfig> {

  public SgdResult {
    t = t.clone();
    levels = levels.clone();
    outputs = List.copyOf(outputs);
  }

  /** The checkpoints (or horizons), a copy. */
  @Override
  public long[] t() {
    return t.clone();
  }

  /** The quantile levels, a copy. */
  @Override
  public double[] levels() {
    return levels.clone();
  }

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

  /**
   * The headline numbers, with T = {@code config().steps()} (a sweep's largest horizon): for every
   * output in order, {@code gap_<output>_T<T>} (the final mean gap), {@code q<level>_<output>_T<T>}
   * for every level ({@link Quantiles#label}, e.g. {@code q0.99_last_T10000}), {@code slope_<output>}
   * with {@code slope_<output>_lo} and {@code _hi} (the bootstrap interval; NaN when the runs give
   * no rate); then {@code slope_source} (what the slopes were fitted over),
   * {@code steps_per_second} and {@code seconds}. These are the keys of {@code paperlab sgd run}'s
   * metrics.json.
   */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    long horizon = config.steps();
    int last = t.length - 1;
    for (OutputSummary s : outputs) {
      String name = s.output().name();
      m.put("gap_" + name + "_T" + horizon, s.finalMean());
      for (int l = 0; l < levels.length; l++) {
        m.put("q" + Quantiles.label(levels[l]) + "_" + name + "_T" + horizon, s.quantile(l, last));
      }
      SlopeEstimate se = s.slope();
      m.put("slope_" + name, se.slope());
      m.put("slope_" + name + "_lo", se.lo());
      m.put("slope_" + name + "_hi", se.hi());
    }
    m.put("slope_source", sweep ? "sweep over T in [T/10, T]" : "checkpoints of t in [T/10, T]");
    m.put("steps_per_second", stepsPerSecond());
    m.put("seconds", seconds);
    return m;
  }
}
