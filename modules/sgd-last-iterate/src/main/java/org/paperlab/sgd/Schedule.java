package org.paperlab.sgd;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * Step sizes {@code eta_t} for steps {@code t = 1..T} of composite stochastic mirror descent, as
 * functions of {@code (t, T)}. Anytime schedules ignore T; the others need the horizon in advance
 * ({@link #dependsOnHorizon()}), so their rate in T is read from separate runs per T (a sweep),
 * not from the checkpoints of one run.
 *
 * <p>Sources: the constant, {@code c/sqrt(t)}, {@code c/sqrt(T)}, {@code 1/(mu t)} and
 * {@code 2/(mu (t+1))} schedules are the textbook ones analysed for the last iterate by Shamir and
 * Zhang (2013) and Harvey et al. (2019); {@code min{1/(2L), eta/sqrt(t)}},
 * {@code min{1/(2L), eta/sqrt(T)}} and the heavy-tail {@code eta/t^(1/p)}, {@code eta/T^(1/p)} are
 * the step sizes of Liu and Zhou (2024) for L-smooth (L = 0: Lipschitz) convex objectives with
 * finite-variance (p = 2) or finite p-th moment noise; the linear decay
 * {@code eta (T - t + 1) / T^(3/2)} is the known-horizon schedule that removes the log factor of
 * the last iterate (Liu and Zhou 2024; cf. Defazio et al. 2023); {@link JainHalving} is Jain,
 * Nagaraj and Netrapalli (2019).
 */
public sealed interface Schedule
    permits Schedule.Constant, Schedule.InvSqrtT, Schedule.InvSqrtHorizon, Schedule.InvMuT,
        Schedule.TwoOverMuT, Schedule.SmoothSqrtT, Schedule.SmoothSqrtHorizon, Schedule.HeavyTail,
        Schedule.HeavyTailHorizon, Schedule.LinearDecay, Schedule.JainHalving {

  /** The step size at step {@code t} of a run of {@code T} steps ({@code 1 <= t <= T}). */
  double eta(long t, long horizon);

  /** The schedule's name, its {@link Name} ({@code sqrt-t}, ...): what the command line and run.json call it. */
  default String name() {
    return Variants.name(this);
  }

  /**
   * The schedule written as {@link Variants#format}, e.g. {@code sqrt-t(c=0.5)}, {@code jain(0.3)}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad parameter
   */
  static Schedule parse(String text) {
    return Variants.parse(Schedule.class, text);
  }

  /** The formula with its parameters, for run.json and chart legends. */
  String formula();

  /** Whether the schedule needs the horizon T in advance. */
  boolean dependsOnHorizon();

  /** Validates {@code 1 <= t <= T}. */
  private static void check(long t, long horizon) {
    if (t < 1 || t > horizon) {
      throw new IllegalArgumentException("step t = " + t + " must be in [1, T = " + horizon + "]");
    }
  }

  /** {@code eta_t = c}. */
  @Name("constant")
  record Constant(double c) implements Schedule {
    public Constant {
      Checks.positive("c", c);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return c;
    }

    @Override
    public String formula() {
      return c + "";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = c / sqrt(t)}. */
  @Name("sqrt-t")
  record InvSqrtT(double c) implements Schedule {
    public InvSqrtT {
      Checks.positive("c", c);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return c / Math.sqrt(t);
    }

    @Override
    public String formula() {
      return c + "/sqrt(t)";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = c / sqrt(T)}. */
  @Name("sqrt-horizon")
  record InvSqrtHorizon(double c) implements Schedule {
    public InvSqrtHorizon {
      Checks.positive("c", c);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return c / Math.sqrt(horizon);
    }

    @Override
    public String formula() {
      return c + "/sqrt(T)";
    }

    @Override
    public boolean dependsOnHorizon() {
      return true;
    }
  }

  /** {@code eta_t = 1 / (mu t)}: strongly convex objectives with modulus mu. */
  @Name("mu-t")
  record InvMuT(double mu) implements Schedule {
    public InvMuT {
      Checks.positive("mu", mu);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return 1.0 / (mu * t);
    }

    @Override
    public String formula() {
      return "1/(" + mu + " t)";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = 2 / (mu (t + 1))}: strongly convex objectives with modulus mu. */
  @Name("two-mu-t")
  record TwoOverMuT(double mu) implements Schedule {
    public TwoOverMuT {
      Checks.positive("mu", mu);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return 2.0 / (mu * (t + 1));
    }

    @Override
    public String formula() {
      return "2/(" + mu + " (t+1))";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = min{1/(2L), eta/sqrt(t)}} (L = 0: {@code eta/sqrt(t)}). */
  @Name("smooth-sqrt-t")
  record SmoothSqrtT(double smoothness, double eta) implements Schedule {
    public SmoothSqrtT {
      Checks.nonNegative("smoothness", smoothness);
      Checks.positive("eta", eta);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return cap(smoothness, eta / Math.sqrt(t));
    }

    @Override
    public String formula() {
      return "min{1/(2*" + smoothness + "), " + eta + "/sqrt(t)}";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = min{1/(2L), eta/sqrt(T)}} (L = 0: {@code eta/sqrt(T)}). */
  @Name("smooth-sqrt-horizon")
  record SmoothSqrtHorizon(double smoothness, double eta) implements Schedule {
    public SmoothSqrtHorizon {
      Checks.nonNegative("smoothness", smoothness);
      Checks.positive("eta", eta);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return cap(smoothness, eta / Math.sqrt(horizon));
    }

    @Override
    public String formula() {
      return "min{1/(2*" + smoothness + "), " + eta + "/sqrt(T)}";
    }

    @Override
    public boolean dependsOnHorizon() {
      return true;
    }
  }

  /** {@code eta_t = eta / t^(1/p)}, p in (1, 2]: noise with a finite p-th moment. */
  @Name("heavy-tail")
  record HeavyTail(double eta, double p) implements Schedule {
    public HeavyTail {
      Checks.positive("eta", eta);
      Checks.inOpenClosed("p", p, 1.0, 2.0);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return eta / Math.pow(t, 1.0 / p);
    }

    @Override
    public String formula() {
      return eta + "/t^(1/" + p + ")";
    }

    @Override
    public boolean dependsOnHorizon() {
      return false;
    }
  }

  /** {@code eta_t = eta / T^(1/p)}, p in (1, 2]: noise with a finite p-th moment, known T. */
  @Name("heavy-tail-horizon")
  record HeavyTailHorizon(double eta, double p) implements Schedule {
    public HeavyTailHorizon {
      Checks.positive("eta", eta);
      Checks.inOpenClosed("p", p, 1.0, 2.0);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return eta / Math.pow(horizon, 1.0 / p);
    }

    @Override
    public String formula() {
      return eta + "/T^(1/" + p + ")";
    }

    @Override
    public boolean dependsOnHorizon() {
      return true;
    }
  }

  /** {@code eta_t = eta (T - t + 1) / T^(3/2)}: linear decay to {@code eta / T^(3/2)} at t = T. */
  @Name("linear-decay")
  record LinearDecay(double eta) implements Schedule {
    public LinearDecay {
      Checks.positive("eta", eta);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return eta * (horizon - t + 1) / (horizon * Math.sqrt(horizon));
    }

    @Override
    public String formula() {
      return eta + " (T-t+1)/T^(3/2)";
    }

    @Override
    public boolean dependsOnHorizon() {
      return true;
    }
  }

  /**
   * The known-horizon schedule of Jain, Nagaraj and Netrapalli (2019), "Making the Last Iterate of
   * SGD Information Theoretically Optimal" (COLT 2019; SIAM J. Optim. 31(2), 2021), general convex
   * case, Section 3: with {@code k = ceil(log2 T)}, {@code T_i = T - ceil(T 2^-i)} for
   * {@code 0 <= i <= k} and {@code T_{k+1} = T}, the step is
   * {@code eta_t = 2^-i c / sqrt(T)} for {@code T_i < t <= T_{i+1}} (their {@code c = D/G}):
   * the first half of the run at {@code c/sqrt(T)}, then the step halves each time the remaining
   * number of steps halves. Their bound: {@code E[f(x_T)] - f* = O(GD/sqrt(T))}, no log factor.
   */
  @Name("jain")
  record JainHalving(double c) implements Schedule {
    public JainHalving {
      Checks.positive("c", c);
    }

    @Override
    public double eta(long t, long horizon) {
      check(t, horizon);
      return Math.scalb(c / Math.sqrt(horizon), -phase(t, horizon));
    }

    /** The phase i with {@code T_i < t <= T_{i+1}}. */
    public static int phase(long t, long horizon) {
      int k = 64 - Long.numberOfLeadingZeros(horizon - 1); // ceil(log2 T); 0 for T = 1
      int phase = 0;
      for (int i = 1; i <= k; i++) {
        long ceil = ((horizon - 1) >> i) + 1; // ceil(T / 2^i) for T >= 1
        if (horizon - ceil < t) {
          phase = i;
        } else {
          break;
        }
      }
      return phase;
    }

    @Override
    public String formula() {
      return "2^-i " + c + "/sqrt(T) on T_i < t <= T_{i+1}, T_i = T - ceil(T 2^-i)";
    }

    @Override
    public boolean dependsOnHorizon() {
      return true;
    }
  }

  private static double cap(double smoothness, double eta) {
    return smoothness > 0 ? Math.min(1.0 / (2 * smoothness), eta) : eta;
  }
}
