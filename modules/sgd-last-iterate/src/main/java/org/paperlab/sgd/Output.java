package org.paperlab.sgd;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * What a run of T steps returns, read at every checkpoint t. With {@code x_{s+1}} the iterate
 * produced by step s:
 *
 * <ul>
 *   <li>{@link Last}: {@code x_{t+1}} (the subject of Liu and Zhou 2024);
 *   <li>{@link Uniform}: the Polyak-Ruppert average {@code (1/t) sum_{s<=t} x_{s+1}};
 *   <li>{@link Suffix}: the average of the last {@code ceil(t/2)} iterates
 *       ({@code s in (t - ceil(t/2), t]}; Rakhlin, Shamir and Sridharan 2012);
 *   <li>{@link ShamirZhang}: polynomial-decay averaging (Shamir and Zhang 2013, eq. (2)),
 *       {@code xbar_s = (1 - (eta+1)/(s+eta)) xbar_{s-1} + ((eta+1)/(s+eta)) x_{s+1}}, i.e. weights
 *       {@code w_s = Gamma(s+eta)/Gamma(s)} (eta = 0 is the uniform average);
 *   <li>{@link Weighted}: weights {@code w_s ∝ (s+1)^beta}.
 * </ul>
 */
public sealed interface Output
    permits Output.Last, Output.Uniform, Output.Suffix, Output.ShamirZhang, Output.Weighted {

  /** The variant's name, its {@link Name}: what the command line and run.json call it. */
  default String name() {
    return Variants.name(this);
  }

  /**
   * The output written as {@link Variants#format}, e.g. {@code last}, {@code shamir-zhang(eta=3.0)}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad parameter
   */
  static Output parse(String text) {
    return Variants.parse(Output.class, text);
  }

  /** The last iterate. */
  @Name("last")
  record Last() implements Output {}

  /** The uniform (Polyak-Ruppert) average of all iterates so far. */
  @Name("uniform")
  record Uniform() implements Output {}

  /** The average of the last {@code ceil(t/2)} iterates. */
  @Name("suffix")
  record Suffix() implements Output {}

  /** Shamir and Zhang's polynomial-decay averaging with parameter {@code eta >= 0}. */
  @Name("shamir-zhang")
  record ShamirZhang(double eta) implements Output {
    public ShamirZhang {
      Checks.nonNegative("eta", eta);
    }
  }

  /** The weighted average with weights {@code (s+1)^beta}, {@code beta >= 0}. */
  @Name("weighted")
  record Weighted(double beta) implements Output {
    public Weighted {
      Checks.nonNegative("beta", beta);
    }
  }
}
