package org.paperlab.gsd;

import org.paperlab.core.config.Variants;

/**
 * How a synthesis spends its privacy budget (Liu et al. 2023, Section 3; the official code's
 * {@code fit_dp}, {@code fit_dp_adaptive} and {@code fit_dp_hybrid}). Its names, as the command
 * line and run.json write them, are {@code one-shot}, {@code adaptive} and {@code hybrid}
 * ({@link Variants}).
 */
public enum BudgetMode {
  /** Every workload measured once, the budget split evenly. */
  ONE_SHOT,
  /**
   * T rounds; each spends half its share selecting K workloads with large error (Gumbel top-K)
   * and half measuring them; the generator refits after each round.
   */
  ADAPTIVE,
  /** 1-way marginals one-shot, the rest adaptive; the budget is shared by workload count. */
  HYBRID;

  /** Parses {@code one-shot}, {@code adaptive} or {@code hybrid}; other names are an error listing them. */
  public static BudgetMode parse(String text) {
    return Variants.parse(BudgetMode.class, text, "mode");
  }
}
