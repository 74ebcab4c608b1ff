package org.paperlab.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import org.paperlab.core.Checks;
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
 * threads; run r draws every random number from {@code Seeds.of(seed).child(r)}, so results do not
 * depend on the number of threads or their scheduling. Vectors are flat {@code double[]} (the
 * per-step work is O(d) on small d, where ND4J's per-call overhead would dominate).
 *
 * <pre>{@code
 * SgdResult r = Sgd.run(new LadProblem(10, 0.0),
 *     SgdConfig.defaults().withSteps(100_000).withRuns(500)
 *         .withSchedule(new Schedule.InvSqrtT(0.1)).withOutputs(new Output.Last(), new Output.Uniform()));
 * double slope = r.output("last").slope().slope();   // about -1/2
 * }</pre>
 */
public final class Sgd {
  private Sgd() {}

  /** Runs {@code config.runs()} independent runs of {@code config.steps()} steps. */
  public static SgdResult run(StochasticProblem problem, SgdConfig config) {
    return run(problem, config, null);
  }

  /**
   * As {@link #run(StochasticProblem, SgdConfig)}, reporting the number of finished runs to
   * {@code progress} (called from worker threads, one call at a time; may be null).
   */
  public static SgdResult run(StochasticProblem problem, SgdConfig config, IntConsumer progress) {
    check(problem, config);
    long start = System.nanoTime();
    long[] checkpoints = Checkpoints.geometric(config.steps(), config.checkpointsPerDecade());
    int m = config.outputs().size();
    double[][][] gaps = new double[m][config.runs()][];
    Seeds root = Seeds.of(config.seed());
    parallel(config.runs(), config.threads(), progress, r -> {
      double[][] g = trajectory(problem, config, checkpoints, root.child(r).random(), r).gaps();
      for (int o = 0; o < m; o++) {
        gaps[o][r] = g[o];
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean rate = !config.schedule().dependsOnHorizon();
    return summarize(problem.description(), config, false, checkpoints, gaps, rate, seconds,
        config.steps() * config.runs());
  }

  /**
   * For each horizon T: {@code config.runs()} runs of T steps on {@code problems.apply(T)}, keeping
   * each run's final gap; the slopes are fitted over the horizons of the last decade. This is how
   * the rate of a horizon-dependent schedule (or a T-dependent instance) is read. Run r at horizon
   * T uses {@code Seeds.of(seed).child("T" + T).child(r)}.
   */
  public static SgdResult sweep(LongFunction<StochasticProblem> problems, SgdConfig config, long[] horizons,
      IntConsumer progress) {
    Checks.notNull("problems", problems);
    Checks.notNull("config", config);
    Checks.notNull("horizons", horizons);
    Checks.require(horizons.length >= 1, "a sweep needs at least one horizon");
    for (int h = 0; h < horizons.length; h++) {
      Checks.positive("horizon", horizons[h]);
      Checks.require(h == 0 || horizons[h] > horizons[h - 1], "horizons must increase, got %d after %d",
          horizons[h], h == 0 ? 0 : horizons[h - 1]);
    }
    long start = System.nanoTime();
    int m = config.outputs().size();
    int runs = config.runs();
    double[][][] gaps = new double[m][runs][horizons.length];
    long total = 0;
    String description = null;
    AtomicInteger done = new AtomicInteger();
    for (int h = 0; h < horizons.length; h++) {
      long horizon = horizons[h];
      StochasticProblem problem = problems.apply(horizon);
      SgdConfig c = config.withSteps(horizon);
      check(problem, c);
      description = problem.description();
      Seeds root = Seeds.of(config.seed()).child("T" + horizon);
      int hh = h;
      parallel(runs, config.threads(), progress == null ? null : k -> progress.accept(done.incrementAndGet()), r -> {
        double[][] g = trajectory(problem, c, new long[] {horizon}, root.child(r).random(), r).gaps();
        for (int o = 0; o < m; o++) {
          gaps[o][r][hh] = g[o][0];
        }
      });
      total += horizon * runs;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return summarize(description, config.withSteps(horizons[horizons.length - 1]), true, horizons.clone(), gaps, true,
        seconds, total);
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
    Tracker[] trackers = new Tracker[m];
    for (int o = 0; o < m; o++) {
      trackers[o] = Tracker.of(outputs.get(o), d, checkpoints);
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
      for (Tracker tr : trackers) {
        tr.accept(t, x);
      }
      while (k < checkpoints.length && checkpoints[k] == t) {
        for (int o = 0; o < m; o++) {
          double gap = problem.gap(trackers[o].view(x, k, view));
          if (!Double.isFinite(gap)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
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

  /** Runs {@code body(0..n-1)} on {@code threads} workers (0: all cores); rethrows the first failure. */
  static void parallel(int n, int threads, IntConsumer progress, IntConsumer body) {
    int p = Math.min(n, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Object lock = new Object();
    Runnable worker = () -> {
      for (int r; failure.get() == null && (r = next.getAndIncrement()) < n; ) {
        try {
          body.accept(r);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
          return;
        }
        int f = finished.incrementAndGet();
        if (progress != null) {
          synchronized (lock) {
            progress.accept(f);
          }
        }
      }
    };
    if (p <= 1) {
      worker.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(p, rr -> {
        Thread th = new Thread(rr, "paperlab-sgd");
        th.setDaemon(true);
        return th;
      });
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < p; i++) {
          fs.add(pool.submit(worker));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running SGD", e);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(c);
      } finally {
        pool.shutdownNow();
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Keeps one output's running state during a run. */
  private abstract static class Tracker {
    abstract void accept(long t, double[] x);

    /** The output's point at checkpoint k (may return x or fill scratch). */
    abstract double[] view(double[] x, int k, double[] scratch);

    static Tracker of(Output o, int d, long[] checkpoints) {
      if (o instanceof Output.Last) {
        return new Tracker() {
          @Override
          void accept(long t, double[] x) {}

          @Override
          double[] view(double[] x, int k, double[] scratch) {
            return x;
          }
        };
      } else if (o instanceof Output.Suffix) {
        return new SuffixTracker(d, checkpoints);
      } else if (o instanceof Output.Uniform) {
        return new AverageTracker(d) {
          @Override
          double rho(long t) {
            return 1.0 / t;
          }
        };
      } else if (o instanceof Output.ShamirZhang sz) {
        double eta = sz.eta();
        return new AverageTracker(d) {
          @Override
          double rho(long t) {
            return (eta + 1.0) / (t + eta);
          }
        };
      } else {
        double beta = ((Output.Weighted) o).beta();
        return new AverageTracker(d) {
          double ratio; // W_t / w_t = 1 + (W_{t-1}/w_{t-1}) (t/(t+1))^beta

          @Override
          double rho(long t) {
            ratio = 1.0 + ratio * Math.pow((double) t / (t + 1), beta);
            return 1.0 / ratio;
          }
        };
      }
    }
  }

  /** A running weighted average {@code avg += rho_t (x - avg)}. */
  private abstract static class AverageTracker extends Tracker {
    final double[] avg;

    AverageTracker(int d) {
      avg = new double[d];
    }

    abstract double rho(long t);

    @Override
    void accept(long t, double[] x) {
      double r = rho(t);
      for (int i = 0; i < avg.length; i++) {
        avg[i] += r * (x[i] - avg[i]);
      }
    }

    @Override
    double[] view(double[] x, int k, double[] scratch) {
      return avg;
    }
  }

  /** The suffix average for every checkpoint c: the iterates of steps {@code (c - ceil(c/2), c]}. */
  private static final class SuffixTracker extends Tracker {
    final long[] cps;
    final long[] open; // first step of checkpoint k's window
    final java.util.ArrayDeque<double[]> pool = new java.util.ArrayDeque<>();
    final java.util.ArrayDeque<double[]> active = new java.util.ArrayDeque<>(); // oldest first
    final int d;
    int nextOpen;

    SuffixTracker(int d, long[] checkpoints) {
      this.d = d;
      this.cps = checkpoints;
      this.open = new long[checkpoints.length];
      for (int k = 0; k < checkpoints.length; k++) {
        long c = checkpoints[k];
        open[k] = c - (c + 1) / 2 + 1;
      }
    }

    @Override
    void accept(long t, double[] x) {
      while (nextOpen < cps.length && open[nextOpen] <= t) {
        double[] acc = pool.isEmpty() ? new double[d] : pool.pop();
        java.util.Arrays.fill(acc, 0);
        active.addLast(acc);
        nextOpen++;
      }
      for (double[] acc : active) {
        for (int i = 0; i < d; i++) {
          acc[i] += x[i];
        }
      }
    }

    @Override
    double[] view(double[] x, int k, double[] scratch) {
      double[] acc = active.pollFirst(); // windows close in checkpoint order
      double n = (cps[k] + 1) / 2; // ceil(c/2) iterates
      for (int i = 0; i < d; i++) {
        scratch[i] = acc[i] / n;
      }
      pool.push(acc);
      return scratch;
    }
  }
}
