package org.paperlab.ot;

import java.util.ArrayList;
import java.util.List;
import org.paperlab.core.Checks;
import org.paperlab.core.config.Variants;

/**
 * The epsilon stages of one solve. Without epsilon scaling: the target epsilon alone. With it
 * (Schmitzer 2019, Section 3.2; Feydy et al. 2019, Section 3.3): {@code eps_k = eps_0 q^k} from
 * {@code eps_0 = max C} while above the target, then the target, each stage warm-started from the
 * last. An intermediate stage stops at {@code max(tolerance, 1e-3)}: its solution is only a
 * starting point.
 */
final class EpsilonSchedule {
  private final double[] epsilons;
  private final double tolerance;

  private EpsilonSchedule(double[] epsilons, double tolerance) {
    this.epsilons = epsilons;
    this.tolerance = tolerance;
  }

  /** The stages {@code cfg} asks for on this cost. */
  static EpsilonSchedule of(SinkhornConfig cfg, CostRows rows) {
    double eps = absolute(cfg, rows);
    List<Double> stages = new ArrayList<>();
    if (cfg.epsilonScaling()) {
      double e0 = rows.statistic(EpsilonScale.MAX);
      for (double e = e0; e > eps; e *= cfg.scalingFactor()) {
        stages.add(e);
      }
    }
    stages.add(eps);
    double[] out = new double[stages.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = stages.get(s);
    }
    return new EpsilonSchedule(out, cfg.tolerance());
  }

  /** The absolute epsilon {@code cfg} means for this cost: {@code epsilon} times its scale. */
  static double absolute(SinkhornConfig cfg, CostRows rows) {
    if (cfg.epsilonScale() == EpsilonScale.NONE) {
      return cfg.epsilon();
    }
    double stat = rows.statistic(cfg.epsilonScale());
    Checks.require(stat > 0,
        "the %s of the cost is %s, so a relative epsilon is 0; give an absolute epsilon",
        Variants.name(cfg.epsilonScale()), stat);
    return cfg.epsilon() * stat;
  }

  /** Number of stages (at least 1). */
  int size() {
    return epsilons.length;
  }

  /** The epsilon of stage {@code s}. */
  double epsilon(int s) {
    return epsilons[s];
  }

  /** Whether stage {@code s} is the last, at the target epsilon. */
  boolean isLast(int s) {
    return s == epsilons.length - 1;
  }

  /** The stopping tolerance of stage {@code s}. */
  double tolerance(int s) {
    return isLast(s) ? tolerance : Math.max(tolerance, 1e-3);
  }
}
