package org.paperlab.gsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.MethodResult;
import org.paperlab.core.config.Variants;

/**
 * The outcome of a private synthesis ({@link PrivateSynthesis#fit}).
 *
 * @param config the settings of the synthesis with its delta resolved (the default {@code 1/n^2}
 *     replaced by its value for the real table)
 * @param rho the zCDP budget ({@link Zcdp#rho(double, double)} of epsilon and delta)
 * @param synthetic the synthetic table
 * @param workloads the workloads considered (in hybrid mode including the added 1-way ones)
 * @param measurements every measured workload with its noisy answers (read-only)
 * @param ledger every mechanism call and its rho; they sum to {@code rho}
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
