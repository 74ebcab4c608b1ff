package org.paperlab.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.Seeds;

/**
 * Composite stochastic mirror descent (CSMD) run many times, the algorithm of Liu and Zhou (2024),
 * "Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods" (ICLR; arXiv
 * 2312.08531), Algorithm 1:
 *
 * <pre>
 *   g_t = clip_tau( G(x_t) + xi_t ),   E[G(x)] in ∂f(x),   xi_t ~ noise
 *   x_{t+1} = argmin_{x in X} { h(x) + &lt;g_t, x&gt; + D_psi(x, x_t) / eta_t }      ({@link CompositeStep})
 * </pre>
 *
 * for {@code t = 1..T} from {@code x_1}, recording {@code F(out_t) - F*} for every configured
 * {@link Output} at geometric checkpoints of t. Runs are independent and spread over the worker
 * threads ({@link Parallel#forEach}; {@code threads = 0} is all cores); run r draws every random
 * number from {@code Seeds.of(seed).child(r)}, so results do not depend on the number of threads
 * or their scheduling. A failure in a run reaches the caller as the run's own exception (a bad
 * argument found by a worker is still an {@link IllegalArgumentException}). Vectors are flat
 * {@code double[]} (the per-step work is O(d) on small d, where ND4J's per-call overhead would
 * dominate).
 *
 * <pre>{@code
 * SgdConfig config = SgdConfig.defaults().withSteps(100_000).withRuns(500)
 *     .withSchedule(new Schedule.InvSqrtT(0.1)).withOutputs(new Output.Last(), new Output.Uniform());
 * SgdResult r = Sgd.run(config, new LadProblem(10, 0.0));
 * double slope = r.output("last").slope().slope();   // about -1/2
 * }</pre>
 */
public final class Sgd {
  private Sgd() {}

  /** Runs {@code config.runs()} independent runs of {@code config.steps()} steps on {@code problem}. */
  public static SgdResult run(SgdConfig config, StochasticProblem problem) {
    return run(config, problem, null);
  }

  /**
   * As {@link #run(SgdConfig, StochasticProblem)}, telling {@code listener} the number of finished
   * runs of {@code config.runs()} (from worker threads, one call at a time; may be null).
   */
  public static SgdResult run(SgdConfig config, StochasticProblem problem, ProgressListener listener) {
    check(problem, config);
    ProgressListener progress = ProgressListener.orNone(listener);
    int threads = Parallel.threads(config.threads());
    long start = System.nanoTime();
    long[] checkpoints = Checkpoints.geometric(config.steps(), config.checkpointsPerDecade());
    int m = config.outputs().size();
    int runs = config.runs();
    double[][][] gaps = new double[m][runs][];
    Seeds root = Seeds.of(config.seed());
    AtomicLong done = new AtomicLong(); // counted under Parallel's progress lock: calls see 1, 2, ...
    Parallel.forEach(runs, threads, r -> {
      double[][] g = trajectory(problem, config, checkpoints, root.child(r).random(), r).gaps();
      for (int o = 0; o < m; o++) {
        gaps[o][r] = g[o];
      }
    }, k -> progress.progress(done.incrementAndGet(), runs));
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean rate = !config.schedule().dependsOnHorizon();
    return summarize(problem.description(), config, false, checkpoints, gaps, rate, seconds,
        config.steps() * config.runs());
  }

  /**
   * For each horizon T: {@code config.runs()} runs of T steps on {@code problems.apply(T)}, keeping
   * each run's final gap; the slopes are fitted over the horizons of the last decade. This is how
   * the rate of a horizon-dependent schedule (or a T-dependent instance) is read. Run r at horizon
   * T uses {@code Seeds.of(seed).child("T" + T).child(r)}; {@code config.steps()} is not used (the
   * result's config has the largest horizon as steps).
   */
  public static SgdResult sweep(SgdConfig config, LongFunction<StochasticProblem> problems, long[] horizons) {
    return sweep(config, problems, horizons, null);
  }

  /**
   * As {@link #sweep(SgdConfig, LongFunction, long[])}, telling {@code listener} the number of
   * finished runs over all horizons, of {@code config.runs() * horizons.length} (may be null).
   */
  public static SgdResult sweep(SgdConfig config, LongFunction<StochasticProblem> problems, long[] horizons,
      ProgressListener listener) {
    Checks.notNull("config", config);
    Checks.notNull("problems", problems);
    Checks.notNull("horizons", horizons);
    Checks.require(horizons.length >= 1, "a sweep needs at least one horizon");
    for (int h = 0; h < horizons.length; h++) {
      Checks.positive("horizon", horizons[h]);
      Checks.require(h == 0 || horizons[h] > horizons[h - 1], "horizons must increase, got %d after %d",
          horizons[h], h == 0 ? 0 : horizons[h - 1]);
    }
    ProgressListener progress = ProgressListener.orNone(listener);
    int threads = Parallel.threads(config.threads());
    long start = System.nanoTime();
    int m = config.outputs().size();
    int runs = config.runs();
    long total = (long) runs * horizons.length;
    double[][][] gaps = new double[m][runs][horizons.length];
    long totalSteps = 0;
    String description = null;
    AtomicLong done = new AtomicLong();
    for (int h = 0; h < horizons.length; h++) {
      long horizon = horizons[h];
      StochasticProblem problem = problems.apply(horizon);
      SgdConfig c = config.withSteps(horizon);
      check(problem, c);
      description = problem.description();
      Seeds root = Seeds.of(config.seed()).child("T" + horizon);
      int hh = h;
      Parallel.forEach(runs, threads, r -> {
        double[][] g = trajectory(problem, c, new long[] {horizon}, root.child(r).random(), r).gaps();
        for (int o = 0; o < m; o++) {
          gaps[o][r][hh] = g[o][0];
        }
      }, k -> progress.progress(done.incrementAndGet(), total));
      totalSteps += horizon * runs;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return summarize(description, config.withSteps(horizons[horizons.length - 1]), true, horizons.clone(), gaps, true,
        seconds, totalSteps);
  }

  /**
   * One run's record: {@code gaps[o][k]} for output o at checkpoint k, and the last iterate
   * {@code x_{T+1}}.
   */
  public record Trajectory(double[][] gaps, double[] lastIterate) {}

  /**
   * One run of T steps with the given generator, recording every output's gap at the checkpoints
   * (increasing, in [1, T]); {@code runIndex} only labels errors.
   */
  public static Trajectory trajectory(StochasticProblem problem, SgdConfig config, long[] checkpoints,
      SplittableRandom rng, int runIndex) {
    final int d = problem.dimension();
    final long horizon = config.steps();
    final Schedule schedule = config.schedule();
    final NoiseModel noise = config.noise();
    final boolean noisy = !(noise instanceof NoiseModel.None);
    final boolean clip = config.clipping();
    final double tau = config.clip();
    final boolean entropy = config.mirror() == MirrorMap.ENTROPY;
    final Regularizer h = problem.regularizer();
    final Domain domain = problem.domain();
    final double entropyLambda = h instanceof Regularizer.Entropy en ? en.lambda() : 0.0;
    final double radius = domain instanceof Domain.Simplex sx ? sx.radius() : 1.0;

    double[] x = problem.initialPoint();
    double[] logx = null;
    if (entropy) {
      logx = new double[d];
      for (int i = 0; i < d; i++) {
        logx[i] = Math.log(x[i]);
      }
    }
    double[] g = new double[d];
    double[] scratch = new double[d];
    double[] view = new double[d];
    List<Output> outputs = config.outputs();
    int m = outputs.size();
    OutputTracker[] trackers = new OutputTracker[m];
    for (int o = 0; o < m; o++) {
      trackers[o] = OutputTracker.of(outputs.get(o), d, checkpoints);
    }
    double[][] gaps = new double[m][checkpoints.length];
    int k = 0;
    for (long t = 1; t <= horizon; t++) {
      double eta = schedule.eta(t, horizon);
      problem.gradient(x, rng, g);
      if (noisy) {
        noise.addTo(g, rng);
      }
      if (clip) {
        double n2 = 0;
        for (int i = 0; i < d; i++) {
          n2 += g[i] * g[i];
        }
        if (n2 > tau * tau) {
          double s = tau / Math.sqrt(n2);
          for (int i = 0; i < d; i++) {
            g[i] *= s;
          }
        }
      }
      if (entropy) {
        CompositeStep.entropic(x, logx, g, eta, entropyLambda, radius);
      } else {
        CompositeStep.euclidean(x, g, eta, h, domain, scratch);
      }
      for (OutputTracker tr : trackers) {
        tr.accept(t, x);
      }
      while (k < checkpoints.length && checkpoints[k] == t) {
        for (int o = 0; o < m; o++) {
          double gap = problem.gap(trackers[o].view(x, k, view));
          if (!Double.isFinite(gap)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                "run %d diverged: the %s output's gap is %s at t = %d (schedule %s): reduce the step size",
                runIndex, outputs.get(o).name(), gap, t, schedule.formula()));
          }
          gaps[o][k] = gap;
        }
        k++;
      }
    }
    Checks.require(k == checkpoints.length, "checkpoints must be increasing steps in [1, T = %d]", horizon);
    return new Trajectory(gaps, x);
  }

  private static void check(StochasticProblem problem, SgdConfig config) {
    Checks.notNull("problem", problem);
    Checks.notNull("config", config);
    CompositeStep.validate(config.mirror(), problem.domain(), problem.regularizer());
    double[] x1 = problem.initialPoint();
    Checks.sameSize("length of the initial point", x1.length, "dimension", problem.dimension());
    Checks.require(problem.domain().contains(x1, 1e-9), "the initial point of %s is outside its domain %s",
        problem.name(), problem.domain().name());
    if (config.mirror() == MirrorMap.ENTROPY) {
      for (int i = 0; i < x1.length; i++) {
        Checks.require(x1[i] > 0, "mirror map 'entropy' needs a positive initial point, x1[%d] = %s", i, x1[i]);
      }
    }
  }

  private static SgdResult summarize(String problem, SgdConfig config, boolean sweep, long[] t, double[][][] gaps,
      boolean rate, double seconds, long totalSteps) {
    int m = config.outputs().size();
    List<Double> deltas = config.deltas();
    double[] levels = new double[deltas.size()];
    for (int l = 0; l < levels.length; l++) {
      levels[l] = 1.0 - deltas.get(l);
    }
    List<OutputSummary> out = new ArrayList<>();
    int runs = config.runs();
    for (int o = 0; o < m; o++) {
      double[][] gr = gaps[o];
      double[] mean = new double[t.length];
      double[][] q = new double[levels.length][t.length];
      double[] col = new double[runs];
      for (int k = 0; k < t.length; k++) {
        double s = 0;
        for (int r = 0; r < runs; r++) {
          col[r] = gr[r][k];
          s += col[r];
        }
        mean[k] = s / runs;
        double[] qk = Quantiles.type7(col, levels);
        for (int l = 0; l < levels.length; l++) {
          q[l][k] = qk[l];
        }
      }
      SlopeEstimate slope = rate
          ? SlopeEstimate.lastDecade(t, gr, config.bootstrap(),
              Seeds.of(config.seed()).child("bootstrap").child(o).random())
          : new SlopeEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
      out.add(new OutputSummary(config.outputs().get(o), gr, mean, q, slope));
    }
    return new SgdResult(problem, config, sweep, t, levels, List.copyOf(out), seconds, totalSteps);
  }
}
