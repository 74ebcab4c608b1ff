package org.paperlab.sgd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;

/**
 * The nonsmooth lower-bound instance of Harvey, Liaw, Plan and Randhawa (2019), "Tight analyses for
 * non-smooth stochastic gradient descent" (COLT), in the fixed-step form of Theorem 4 of "The
 * convergence rate of SGD's final iterate: analysis on dimension dependence" (ICLR 2023
 * submission; Liu and Lu): on the unit L2 ball of {@code R^d},
 *
 * <pre>
 *   f(x) = max_{0 &lt;= i &lt;= d+1} h_i^T x,   h_0 = 0,
 *   h_{i,j} = a_j (j &lt; i),  -b (j = i &lt;= d),  0 (j &gt; i),   a_j = 1/(8(d+1-j)),  b = 1/2,
 * </pre>
 *
 * {@code f* = 0 = f(0)}, {@code x_1 = 0}, and the deterministic subgradient oracle returns
 * {@code h_i} for the smallest maximizing {@code i >= 1} ({@code h_0 = 0} only when no
 * {@code i >= 1} attains the maximum).
 *
 * <p><b>Closed form.</b> With d = T and {@code eta_t = 1/sqrt(T)}, induction on t shows the oracle
 * returns {@code h_t} at step t and the iterates are {@code x_{t,j} = eta (b - (t-1-j) a_j)} for
 * {@code j < t} and 0 otherwise: every entry of the support lies in {@code [3 eta/8, eta/2]}, so
 * {@code h_t} is the smallest maximizer and {@code ||x_t|| <= 1/2} (no projection). Hence
 * {@code x_{T+1,j} = (1/2 - (T-j)/(8(T+1-j))) / sqrt(T)} and, with {@code k = T+1-j},
 *
 * <pre>
 *   f(x_{T+1}) = sum_j a_j x_{T+1,j} = ( (3/64) H_T + (1/64) H_T^(2) ) / sqrt(T),
 * </pre>
 *
 * {@code H_T = sum_{k<=T} 1/k}, {@code H_T^(2) = sum_{k<=T} 1/k^2}: {@code sqrt(T) f(x_{T+1})} grows
 * like {@code (3/64) ln T}. The uniform average of {@code x_2..x_{T+1}} has
 * {@code f = (7/128 + H_T/(128 T)) / sqrt(T)}: flat after scaling by {@code sqrt(T)}.
 *
 * <p><b>Fast simulation.</b> {@link #simulate} runs projected subgradient descent on this instance
 * exactly but in O(1) amortized time per step: while every support coordinate is positive, the
 * oracle's answer is forced ({@code h_{s+1}}, s the support size: the prefix sums
 * {@code P_i = sum_{j<=i} a_j x_j} increase in i, so {@code P_{i-1} - b x_i < P_s} for
 * {@code i <= s}), and the update subtracts {@code eta a_j} from the whole support. The iterate is
 * kept as {@code x_j = sigma (y_j - a_j Lambda)} (Lambda the accumulated step, sigma the projection
 * scale), with running sums for the norm and the minimum of {@code y_j/a_j} for the positivity test;
 * averages are kept the same way through weighted sums of {@code sigma} and {@code sigma Lambda}.
 * When positivity fails (large steps after a projection), the step falls back to an explicit O(s)
 * scan of all {@code h_i^T x} with prefix sums, which is the same oracle. The state is re-based to
 * explicit coordinates every {@code ~16 sqrt(T)} steps to bound rounding.
 */
public final class HarveyLowerBound implements StochasticProblem {
  /** b = 1/2. */
  public static final double B = 0.5;
  private final int d;
  private final double[] a;

  /** The instance in dimension d (the construction uses d = T). */
  public HarveyLowerBound(int d) {
    this.d = Checks.positive("dim", d);
    this.a = new double[d];
    for (int j = 0; j < d; j++) {
      a[j] = 1.0 / (8.0 * (d - j)); // 1-based j+1: 1/(8(d+1-(j+1)))
    }
  }

  @Override
  public String name() {
    return "harvey";
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public Domain domain() {
    return new Domain.L2Ball(1.0);
  }

  /** The coefficients {@code a_1..a_d} (shared, not copied: package use only). */
  double[] coefficients() {
    return a;
  }

  /** {@code a_j} for 1-based j. */
  public double a(int j) {
    return a[j - 1];
  }

  /** {@code f(x) = max_i h_i^T x} in O(d) with prefix sums. */
  public double value(double[] x) {
    Checks.sameSize("length of x", x.length, "dimension", d);
    double best = 0; // h_0
    double p = 0;
    for (int j = 0; j < d; j++) {
      best = Math.max(best, p - B * x[j]);
      p += a[j] * x[j];
    }
    return Math.max(best, p); // h_{d+1}
  }

  /**
   * The oracle's index: the smallest {@code i >= 1} attaining {@code max_{0<=i<=d+1} h_i^T x}, or 0
   * when only {@code h_0} attains it. O(d).
   */
  public int oracleIndex(double[] x) {
    return oracleIndex(x, d);
  }

  /**
   * {@link #oracleIndex(double[])} for an {@code x} that is zero beyond its first {@code s}
   * coordinates, in O(s): {@code h_1..h_s} are scanned with prefix sums, and every {@code h_i} with
   * {@code i > s} gives the full prefix sum, first attained at {@code i = s+1} ({@code d+1} when
   * {@code s = d}).
   */
  int oracleIndex(double[] x, int s) {
    double best = Double.NEGATIVE_INFINITY;
    int idx = -1;
    double p = 0;
    for (int j = 0; j < s; j++) {
      double v = p - B * x[j];
      if (v > best) {
        best = v;
        idx = j + 1;
      }
      p += a[j] * x[j];
    }
    if (p > best) {
      best = p;
      idx = s < d ? s + 1 : d + 1;
    }
    return best >= 0 ? idx : 0;
  }

  /** Writes {@code h_i} into {@code out}. */
  public void subgradient(int i, double[] out) {
    Checks.inRange("i", i, 0, d + 1);
    for (int j = 1; j <= d; j++) {
      out[j - 1] = i == 0 ? 0 : j < i ? a[j - 1] : j == i ? -B : 0;
    }
  }

  @Override
  public void gradient(double[] x, SplittableRandom rng, double[] out) {
    subgradient(oracleIndex(x), out);
  }

  @Override
  public double gap(double[] x) {
    return value(x);
  }

  @Override
  public String description() {
    return "harvey: Harvey et al. (2019) lower-bound instance, d = " + d + ", unit L2 ball, x1 = 0";
  }

  /** The closed-form last iterate {@code x_{T+1}} for d = T and {@code eta = 1/sqrt(T)}. */
  public static double[] closedFormLastIterate(int horizon) {
    Checks.positive("T", horizon);
    double[] x = new double[horizon];
    double eta = 1.0 / Math.sqrt(horizon);
    for (int j = 1; j <= horizon; j++) {
      x[j - 1] = eta * (B - (double) (horizon - j) / (8.0 * (horizon + 1 - j)));
    }
    return x;
  }

  /** {@code f(x_{T+1}) = ((3/64) H_T + (1/64) H_T^(2)) / sqrt(T)} for d = T, {@code eta = 1/sqrt(T)}. */
  public static double closedFormGap(long horizon) {
    Checks.positive("T", horizon);
    double h1 = 0;
    double h2 = 0;
    for (long k = horizon; k >= 1; k--) { // small terms first
      h1 += 1.0 / k;
      h2 += 1.0 / ((double) k * k);
    }
    return (3.0 / 64 * h1 + 1.0 / 64 * h2) / Math.sqrt(horizon);
  }

  /**
   * {@code f} of the uniform average of {@code x_2..x_{T+1}}, {@code (7/128 + H_T/(128 T))/sqrt(T)}
   * for d = T, {@code eta = 1/sqrt(T)}; the same value is the last-iterate gap of the linear-decay
   * schedule {@code (T-t+1)/T^(3/2)}.
   */
  public static double closedFormUniformGap(long horizon) {
    Checks.positive("T", horizon);
    double h1 = 0;
    for (long k = horizon; k >= 1; k--) {
      h1 += 1.0 / k;
    }
    return (7.0 / 128 + h1 / (128.0 * horizon)) / Math.sqrt(horizon);
  }

  /**
   * The outcome of {@link #simulate}.
   *
   * @param dimension d of the instance
   * @param schedule the step sizes
   * @param horizon T
   * @param checkpoints the steps t at which the last iterate's gap was recorded
   * @param lastGaps {@code f(x_{t+1})} at each checkpoint
   * @param outputGaps the gap of each output at t = T, by output name ({@code last} included)
   * @param lastIterate {@code x_{T+1}}
   * @param explicitSteps the number of steps that needed the explicit O(s) oracle scan
   * @param seconds wall time
   */
  public record Simulation(int dimension, Schedule schedule, long horizon, long[] checkpoints, double[] lastGaps,
      Map<String, Double> outputGaps, double[] lastIterate, long explicitSteps, double seconds) {

    /**
     * The headline numbers under flat keys: {@code gap_<output>_T<T>} and
     * {@code sqrtT_gap_<output>} ({@code sqrt(T)} times the gap) for every output,
     * {@code closed_form_gap_last_T<T>} when the closed form applies (d = T, {@code eta = 1/sqrt(T)}),
     * {@code explicit_oracle_steps} and {@code seconds}.
     */
    public Map<String, Object> toMetrics() {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, Double> e : outputGaps.entrySet()) {
        m.put("gap_" + e.getKey() + "_T" + horizon, e.getValue());
        m.put("sqrtT_gap_" + e.getKey(), Math.sqrt(horizon) * e.getValue());
      }
      if (dimension == horizon && schedule.equals(new Schedule.InvSqrtHorizon(1))) {
        m.put("closed_form_gap_last_T" + horizon, closedFormGap(horizon));
      }
      m.put("explicit_oracle_steps", explicitSteps);
      m.put("seconds", seconds);
      return m;
    }
  }

  /**
   * One exact run of {@code config}: projected subgradient descent for {@code config.steps()}
   * steps with its schedule, the last iterate's gap at the geometric checkpoints
   * ({@code config.checkpointsPerDecade()}) and every output's gap at t = T. The instance is
   * deterministic, so the config's runs, seed and threads do not matter; what the simulation cannot
   * do is refused: gradient noise, clipping, and a mirror map other than Euclidean.
   *
   * @throws IllegalArgumentException naming {@code noise}, {@code clip} or {@code mirror}
   */
  public Simulation simulate(SgdConfig config) {
    Checks.notNull("config", config);
    if (!(config.noise() instanceof NoiseModel.None)) {
      throw new InvalidArgumentException("noise", " = " + config.noise().description() + ": the Harvey instance "
          + "is deterministic and its exact simulation adds no gradient noise (use none)");
    }
    if (config.clipping()) {
      throw new InvalidArgumentException("clip", " = " + config.clip() + ": the exact simulation of the Harvey "
          + "instance does not clip (use Infinity)");
    }
    if (config.mirror() != MirrorMap.EUCLIDEAN) {
      throw new InvalidArgumentException("mirror", " = " + Variants.name(config.mirror()) + ": the Harvey instance "
          + "is simulated as projected subgradient descent on the L2 ball (use euclidean)");
    }
    long horizon = config.steps();
    return simulate(config.schedule(), horizon, Checkpoints.geometric(horizon, config.checkpointsPerDecade()),
        config.outputs());
  }

  /**
   * Runs T steps of projected subgradient descent from {@code x_1 = 0} with the given schedule and
   * returns the last iterate's gap at the checkpoints and every output's gap at t = T. Requires
   * {@code T <= d} for an O(1)-per-step run (any T works; beyond d every step costs O(d) at most).
   */
  public Simulation simulate(Schedule schedule, long horizon, long[] checkpoints, List<Output> outputs) {
    Checks.notNull("schedule", schedule);
    Checks.positive("T", horizon);
    Checks.notNull("outputs", outputs);
    long start = System.nanoTime();
    HarveyLazyState f = new HarveyLazyState(this, schedule, horizon, outputs);
    double[] lastGaps = new double[checkpoints.length];
    int k = 0;
    double[] x = new double[d];
    long rebaseEvery = Math.max(256, (long) (16 * Math.sqrt(horizon)));
    for (long t = 1; t <= horizon; t++) {
      f.step(t);
      while (k < checkpoints.length && checkpoints[k] == t) {
        f.materialize(x);
        lastGaps[k++] = value(x);
      }
      if (t % rebaseEvery == 0) {
        f.rebase();
      }
    }
    Checks.require(k == checkpoints.length, "checkpoints must be increasing steps in [1, T = %d]", horizon);
    f.materialize(x);
    Map<String, Double> gaps = new LinkedHashMap<>();
    for (int o = 0; o < outputs.size(); o++) {
      Output out = outputs.get(o);
      if (out instanceof Output.Last) {
        gaps.put(out.name(), value(x));
      } else {
        double[] avg = new double[d];
        f.average(f.accIndex[o], avg);
        gaps.put(out.name(), value(avg));
      }
    }
    return new Simulation(d, schedule, horizon, checkpoints.clone(), lastGaps, gaps, x, f.explicitSteps,
        (System.nanoTime() - start) / 1e9);
  }
}
