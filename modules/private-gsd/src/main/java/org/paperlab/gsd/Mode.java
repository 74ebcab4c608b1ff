package org.paperlab.gsd;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the privacy budget is spent (Liu et al. 2023, Section 3; the official code's
 * {@code fit_dp}, {@code fit_dp_adaptive} and {@code fit_dp_hybrid}).
 */
public enum Mode {
  /** Every workload measured once, the budget split evenly. */
  ONE_SHOT("one-shot"),
  /**
   * T rounds; each spends half its share selecting K workloads with large error (Gumbel top-K)
   * and half measuring them; the generator refits after each round.
   */
  ADAPTIVE("adaptive"),
  /** 1-way marginals one-shot, the rest adaptive; the budget is shared by workload count. */
  HYBRID("hybrid");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  /** The command-line spelling: {@code one-shot}, {@code adaptive}, {@code hybrid}. */
  public String label() {
    return label;
  }

  /** Parses the command-line spelling. */
  public static Mode parse(String s) {
    for (Mode m : values()) {
      if (m.label.equals(s == null ? null : s.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "mode = " + s + " is not allowed; allowed values: "
            + Arrays.stream(values()).map(Mode::label).toList());
  }
}
