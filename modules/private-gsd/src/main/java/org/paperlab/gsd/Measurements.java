package org.paperlab.gsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.MethodResult;

/**
 * The measure step of a one-shot synthesis on its own ({@link PrivateSynthesis#measure}): every
 * workload measured once by the Gaussian mechanism, so that several generators can be fitted to
 * the same noisy answers ({@link #workloads()} and {@link #targets()} are what {@link Gsd#fit}
 * and {@link RelaxedProjection#fit} take).
 *
 * @param config the settings, with delta resolved
 * @param rho the zCDP budget, split evenly over the workloads
 * @param workloads the measured workloads, in measurement order
 * @param measurements every workload's noisy answers (read-only)
 * @param ledger one Gaussian mechanism call per workload; they sum to {@code rho}
 * @param seconds wall time
 */
public record Measurements(
    SynthesisConfig config,
    double rho,
    WorkloadSet workloads,
    List<Measurement> measurements,
    PrivacyLedger ledger,
    double seconds) implements MethodResult<SynthesisConfig> {
  public Measurements {
    measurements = List.copyOf(measurements);
  }

  /** The noisy answers of every query of {@link #workloads()}, in its query order (a copy). */
  public double[] targets() {
    return PrivateSynthesis.targets(workloads, measurements);
  }

  /** The smallest noise standard deviation of the workloads. */
  public double sigmaMin() {
    return measurements.stream().mapToDouble(Measurement::sigma).min().orElse(Double.NaN);
  }

  /** The largest noise standard deviation of the workloads. */
  public double sigmaMax() {
    return measurements.stream().mapToDouble(Measurement::sigma).max().orElse(Double.NaN);
  }

  /**
   * {@code delta}, {@code rho}, {@code rho_spent}, {@code gaussian_calls}, {@code sigma_min},
   * {@code sigma_max}, {@code seconds}.
   */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("delta", config.delta());
    m.put("rho", rho);
    m.put("rho_spent", ledger.spent());
    m.put("gaussian_calls", ledger.count("gaussian"));
    m.put("sigma_min", sigmaMin());
    m.put("sigma_max", sigmaMax());
    m.put("seconds", seconds);
    return m;
  }
}
