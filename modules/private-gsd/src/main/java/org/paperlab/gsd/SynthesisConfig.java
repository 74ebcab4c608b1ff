package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * The privacy side of a synthesis.
 *
 * @param epsilon target epsilon of (epsilon, delta)-DP, > 0
 * @param delta target delta, in (0, 1)
 * @param mode one-shot, adaptive or hybrid
 * @param rounds adaptive rounds T (adaptive and hybrid)
 * @param perRound workloads selected per round K (adaptive and hybrid)
 */
public record SynthesisConfig(double epsilon, double delta, Mode mode, int rounds, int perRound) {
  public SynthesisConfig {
    Checks.positive("epsilon", epsilon);
    Checks.inOpen("delta", delta, 0, 1);
    Checks.notNull("mode", mode);
    Checks.positive("rounds", rounds);
    Checks.positive("perRound", perRound);
  }

  /** One-shot with 10 rounds of 5 workloads preset for the adaptive modes. */
  public static SynthesisConfig of(double epsilon, double delta) {
    return new SynthesisConfig(epsilon, delta, Mode.ONE_SHOT, 10, 5);
  }

  /** The zCDP budget: {@link Zcdp#rho(double, double)}. */
  public double rho() {
    return Zcdp.rho(epsilon, delta);
  }

  public SynthesisConfig withMode(Mode m) {
    return new SynthesisConfig(epsilon, delta, m, rounds, perRound);
  }

  public SynthesisConfig withRounds(int t) {
    return new SynthesisConfig(epsilon, delta, mode, t, perRound);
  }

  public SynthesisConfig withPerRound(int k) {
    return new SynthesisConfig(epsilon, delta, mode, rounds, k);
  }
}
