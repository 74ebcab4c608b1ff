package org.paperlab.gsd;

import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * The settings of a whole private synthesis ({@link PrivateSynthesis#fit}): the privacy target,
 * how the budget is spent, the generator, and the seed.
 *
 * <p>The default delta is {@code 1/n^2} of the real table, which no config can know before the
 * data: it is written {@code NaN} ("not given") and resolved when the synthesis starts
 * ({@link #resolvedDelta(int)}); a table of one row has no valid default ({@code 1/1^2 = 1}) and
 * is refused with a message that says so.
 *
 * @param epsilon target epsilon of (epsilon, delta)-DP, > 0
 * @param delta target delta in (0, 1), or {@code NaN} (the default) for {@code 1/n^2} of the real
 *     table's {@code n} rows
 * @param mode one-shot, adaptive or hybrid
 * @param rounds adaptive rounds T (adaptive and hybrid)
 * @param perRound workloads selected per round K (adaptive and hybrid)
 * @param generator the generator and its settings; its seed is set to {@code seed} (one stream
 *     drives the whole synthesis, see {@link PrivateSynthesis})
 * @param seed seed of the synthesis' one random stream ({@code new SplittableRandom(seed)}),
 *     shared by the mechanisms and the generator's fits in the order they run
 */
public record SynthesisConfig(
    double epsilon, double delta, BudgetMode mode, int rounds, int perRound, GeneratorConfig generator, long seed) {
  public SynthesisConfig {
    Checks.positive("epsilon", epsilon);
    if (!Double.isNaN(delta) && !(delta > 0 && delta < 1)) {
      throw new InvalidArgumentException("delta", " = " + delta + " must be in (0, 1) (or NaN, the default: 1/n^2)");
    }
    Checks.notNull("mode", mode);
    Checks.positive("rounds", rounds);
    Checks.positive("perRound", perRound);
    Checks.notNull("generator", generator);
    generator = generator.withSeed(seed);
  }

  /**
   * Epsilon 1, delta {@code 1/n^2} (resolved from the data), one-shot, with 10 rounds of 5
   * workloads preset for the adaptive modes, the GSD generator with its defaults, seed 0.
   */
  public static SynthesisConfig defaults() {
    return new SynthesisConfig(1.0, Double.NaN, BudgetMode.ONE_SHOT, 10, 5, GsdConfig.defaults(), 0L);
  }

  /** The defaults with this epsilon and delta. */
  public static SynthesisConfig of(double epsilon, double delta) {
    return defaults().withEpsilon(epsilon).withDelta(delta);
  }

  /** Whether delta is left to the default {@code 1/n^2}. */
  public boolean defaultDelta() {
    return Double.isNaN(delta);
  }

  /**
   * The delta of a synthesis of a table of {@code rows} rows: {@code delta}, or {@code 1/n^2}
   * when it is the default.
   *
   * @throws IllegalArgumentException (named {@code delta}) for the default and fewer than 2 rows
   */
  public double resolvedDelta(int rows) {
    Checks.positive("rows", rows);
    if (!defaultDelta()) {
      return delta;
    }
    if (rows < 2) {
      throw new InvalidArgumentException("delta", ": the default 1/n^2 needs at least 2 rows, the table has " + rows
          + " (1/n^2 = 1 is not a valid delta); give a delta in (0, 1)");
    }
    return 1.0 / ((double) rows * rows);
  }

  /** The zCDP budget for a table of {@code rows} rows: {@link Zcdp#rho(double, double)} of epsilon and the resolved delta. */
  public double rho(int rows) {
    return Zcdp.rho(epsilon, resolvedDelta(rows));
  }

  public SynthesisConfig withEpsilon(double v) {
    return new SynthesisConfig(v, delta, mode, rounds, perRound, generator, seed);
  }

  public SynthesisConfig withDelta(double v) {
    return new SynthesisConfig(epsilon, v, mode, rounds, perRound, generator, seed);
  }

  public SynthesisConfig withMode(BudgetMode m) {
    return new SynthesisConfig(epsilon, delta, m, rounds, perRound, generator, seed);
  }

  public SynthesisConfig withRounds(int t) {
    return new SynthesisConfig(epsilon, delta, mode, t, perRound, generator, seed);
  }

  public SynthesisConfig withPerRound(int k) {
    return new SynthesisConfig(epsilon, delta, mode, rounds, k, generator, seed);
  }

  /** This config with another generator (its seed becomes this config's seed). */
  public SynthesisConfig withGenerator(GeneratorConfig g) {
    return new SynthesisConfig(epsilon, delta, mode, rounds, perRound, g, seed);
  }

  public SynthesisConfig withSeed(long s) {
    return new SynthesisConfig(epsilon, delta, mode, rounds, perRound, generator, s);
  }
}
