package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;
import org.paperlab.core.config.Variants;

/**
 * The outcome of a private synthesis ({@link PrivateSynthesis#fit}).
 *
 * <p>The measured set of a round ({@link #measuredWorkloads(int)}, {@link #measuredTargets(int)})
 * is what the generator of that round was fitted to; fitting another generator to it
 * ({@link Gsd#fit}, {@link RelaxedProjection#fit}) gives a second table from the same selections
 * and the same noisy answers, at no further privacy cost (post-processing).
 *
 * @param config the settings of the synthesis with its delta resolved (the default {@code 1/n^2}
 *     replaced by its value for the real table)
 * @param rho the zCDP budget ({@link Zcdp#rho(double, double)} of epsilon and delta)
 * @param synthetic the synthetic table
 * @param workloads the workloads considered (in hybrid mode including the added 1-way ones)
 * @param measurements every measured workload with its noisy answers, in measurement order (the
 *     rounds in order; read-only)
 * @param ledger every mechanism call and its rho, tagged with its round; they sum to {@code rho}
 * @param fits the generator's fit of every round (one for one-shot; read-only)
 * @param seconds wall time
 */
public record SynthesisResult(
    SynthesisConfig config,
    double rho,
    Table synthetic,
    WorkloadSet workloads,
    List<Measurement> measurements,
    PrivacyLedger ledger,
    List<FitResult<?>> fits,
    double seconds) implements MethodResult<SynthesisConfig> {
  public SynthesisResult {
    measurements = List.copyOf(measurements);
    fits = List.copyOf(fits);
  }

  /** The number of adaptive rounds run: 0 for one-shot, {@code config().rounds()} for adaptive and hybrid. */
  public int rounds() {
    return config.mode() == BudgetMode.ONE_SHOT ? 0 : config.rounds();
  }

  /**
   * The workloads measured in rounds {@code 0..throughRound} (round 0: the one-shot
   * measurements), in measurement order, as a subset of {@link #workloads()}: the workloads the
   * generator's fit of that round matched ({@code fits().get(throughRound - 1)} in adaptive mode,
   * {@code fits().get(throughRound)} in one-shot and hybrid mode).
   *
   * @param throughRound 0 for one-shot, 1 to {@link #rounds()} for adaptive, 0 to {@link #rounds()}
   *     for hybrid
   * @throws IllegalArgumentException for another round
   */
  public WorkloadSet measuredWorkloads(int throughRound) {
    List<Measurement> m = measuredThrough(throughRound);
    int[] idx = new int[m.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = m.get(i).workload();
    }
    return workloads.subset(idx);
  }

  /**
   * The noisy answers of {@link #measuredWorkloads(int) measuredWorkloads(throughRound)}, one per
   * query in its query order (a new array): the targets of that round's fit.
   *
   * @throws IllegalArgumentException for a round as {@link #measuredWorkloads(int)} refuses
   */
  public double[] measuredTargets(int throughRound) {
    return PrivateSynthesis.targets(measuredWorkloads(throughRound), measuredThrough(throughRound));
  }

  private List<Measurement> measuredThrough(int throughRound) {
    Checks.inRange("throughRound", throughRound, config.mode() == BudgetMode.ADAPTIVE ? 1 : 0, rounds());
    List<Measurement> out = new ArrayList<>();
    for (Measurement m : measurements) {
      if (m.round() <= throughRound) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The keys of the privacy report of {@code paperlab gsd synthesize}: {@code epsilon},
   * {@code delta}, {@code rho}, {@code mode}, {@code rounds} and {@code per_round} (adaptive and
   * hybrid only), {@code workloads}, {@code workloads_measured}, {@code rows_out}, {@code seed},
   * {@code rho_spent}, {@code seconds}.
   */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epsilon", config.epsilon());
    m.put("delta", config.delta());
    m.put("rho", rho);
    m.put("mode", Variants.name(config.mode()));
    if (config.mode() != BudgetMode.ONE_SHOT) {
      m.put("rounds", config.rounds());
      m.put("per_round", config.perRound());
    }
    m.put("workloads", workloads.count());
    m.put("workloads_measured", measurements.size());
    m.put("rows_out", synthetic.n());
    m.put("seed", config.seed());
    m.put("rho_spent", ledger.spent());
    m.put("seconds", seconds);
    return m;
  }
}
