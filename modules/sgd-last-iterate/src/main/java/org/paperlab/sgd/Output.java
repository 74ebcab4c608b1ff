package org.paperlab.sgd;

import java.util.List;
import org.paperlab.core.Checks;

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

  /** Command-line names, in a stable order. */
  List<String> NAMES = List.of("last", "uniform", "suffix", "shamir-zhang", "weighted");

  /** The command-line name. */
  String name();

  /** The last iterate. */
  record Last() implements Output {
    @Override
    public String name() {
      return "last";
    }
  }

  /** The uniform (Polyak-Ruppert) average of all iterates so far. */
  record Uniform() implements Output {
    @Override
    public String name() {
      return "uniform";
    }
  }

  /** The average of the last {@code ceil(t/2)} iterates. */
  record Suffix() implements Output {
    @Override
    public String name() {
      return "suffix";
    }
  }

  /** Shamir and Zhang's polynomial-decay averaging with parameter {@code eta >= 0}. */
  record ShamirZhang(double eta) implements Output {
    public ShamirZhang {
      Checks.nonNegative("eta", eta);
    }

    @Override
    public String name() {
      return "shamir-zhang";
    }
  }

  /** The weighted average with weights {@code (s+1)^beta}, {@code beta >= 0}. */
  record Weighted(double beta) implements Output {
    public Weighted {
      Checks.nonNegative("beta", beta);
    }

    @Override
    public String name() {
      return "weighted";
    }
  }
}
