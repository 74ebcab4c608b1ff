package org.paperlab.ot;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.Tensors;

/**
 * Entropic optimal transport by Sinkhorn iterations (Cuturi 2013, "Sinkhorn Distances: Lightspeed
 * Computation of Optimal Transport", Eq. 2 and Alg. 1):
 *
 * <pre>
 *   OT_eps(a, b) = min_{P >= 0, P 1 = a, P^T 1 = b}  &lt;P, C&gt; + eps KL(P | a b^T)
 * </pre>
 *
 * solved on its dual, {@code f_i = -eps log sum_j b_j exp((g_j - C_ij)/eps)} and symmetrically for
 * {@code g} (Peyre and Cuturi 2019, "Computational Optimal Transport", Eq. 4.43), in the kernel
 * domain with automatic stabilization (Schmitzer 2019, Alg. 2) or in the log domain; with optional
 * epsilon scaling, warm starts, over-relaxation and unbalanced KL marginals. See
 * {@link SinkhornConfig} for every setting.
 *
 * <pre>{@code
 * PointCloud x = PointCloud.of(xs), y = PointCloud.of(ys);
 * SinkhornResult r = Sinkhorn.solve(
 *     SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEDIAN), x, y, StandardCost.SQEUCLIDEAN);
 * double w = r.cost();            // <P, C>
 * double[] p = r.plan().toArray(); // the dense plan when it fits
 * }</pre>
 *
 * Inputs are validated (finite costs, positive weights, normalized weights for balanced OT: one
 * rule for every entry point; costs the storage precision cannot hold and an epsilon the costs'
 * double rounding would swamp are refused before any work, see {@code CostRange}); non-convergence is reported in the result ({@code converged},
 * {@code failure}), never as NaN. A {@link ProgressListener} hears {@code (iterations so far,
 * maxIterations)} after every iteration.
 *
 * <p><b>Threads.</b> {@code config.threads()} is resolved when the solve starts
 * ({@link Parallel#threads}: 0 is all available cores). The sweeps run over {@code min(threads,
 * n)} contiguous row blocks whose sums are added in block order, so a result is the same bits on
 * every run for a given resolved thread count, and may differ in the last bits between counts.
 */
public final class Sinkhorn {
  /**
   * The system property that sets how long (ms) after the first solve (or {@link #prewarm}) asks
   * for them the SIMD kernels' background warm-up starts; until then, and until they are
   * compiled, the solves run their plain-loop twins (the same bits). Default 500; the
   * {@code paperlab} command line, a one-shot process, sets 3000 unless given.
   */
  public static final String SIMD_WARMUP_DELAY_PROPERTY = "paperlab.ot.simdWarmup.delayMillis";

  private Sinkhorn() {}

  /** OT between two point clouds with the given ground cost. */
  public static SinkhornResult solve(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return solve(config, x, y, cost, null, null);
  }

  /** OT between two point clouds, telling {@code listener} the iterations as they run. */
  public static SinkhornResult solve(
      SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, ProgressListener listener) {
    return solve(config, x, y, cost, null, listener);
  }

  /** OT between two point clouds, warm-started from {@code warmStart} (may be null). */
  public static SinkhornResult solve(
      SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, Potentials warmStart) {
    return solve(config, x, y, cost, warmStart, null);
  }

  /**
   * OT between two point clouds, warm-started from {@code warmStart} (may be null), telling
   * {@code listener} (may be null) the iterations as they run.
   */
  public static SinkhornResult solve(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost,
      Potentials warmStart, ProgressListener listener) {
    long t0 = System.nanoTime();
    Checks.notNull("config", config);
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    Checks.notNull("cost", cost);
    Checks.require("x", x.d() == y.d(), " has dimension %d but y has dimension %d", x.d(), y.d());
    double[][] ab = weights(config, x.weightsRef(), y.weightsRef(), "weights of x", "weights of y");
    int threads = Parallel.threads(config.threads());
    RowKernels k = kernels(config);
    boolean single = config.precision() == Precision.FLOAT;
    double bound = CostRange.bound(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost);
    CostRange.checkStorage(bound, config.precision(), true);
    CostRows rows;
    if (config.lazy()) {
      rows = CostRows.lazy(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, single, k);
    } else {
      long size = (long) x.n() * y.n();
      Checks.require(size <= CostRows.MAX_STORED,
          "n*m = %d entries do not fit in one stored matrix; use withLazy(true)", size);
      rows = CostRows.materialize(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, single, k, threads);
    }
    return run(config, threads, ab[0], ab[1], rows, k, warmStart, listener, t0, bound);
  }

  /** OT for a cost matrix given row-major ({@code n x m}); the array is copied. */
  public static SinkhornResult solve(SinkhornConfig config, double[] a, double[] b, double[] cost, int n, int m) {
    return solve(config, a, b, cost, n, m, null, null);
  }

  /** OT for a row-major cost matrix, warm-started from {@code warmStart} (may be null). */
  public static SinkhornResult solve(
      SinkhornConfig config, double[] a, double[] b, double[] cost, int n, int m, Potentials warmStart) {
    return solve(config, a, b, cost, n, m, warmStart, null);
  }

  /**
   * OT for a row-major cost matrix, warm-started from {@code warmStart} (may be null), telling
   * {@code listener} (may be null) the iterations as they run.
   */
  public static SinkhornResult solve(SinkhornConfig config, double[] a, double[] b, double[] cost, int n, int m,
      Potentials warmStart, ProgressListener listener) {
    long t0 = System.nanoTime();
    Checks.notNull("config", config);
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    Checks.notNull("cost", cost);
    Checks.positive("n", n);
    Checks.positive("m", m);
    Checks.sameSize("length of a", a.length, "rows of cost", n);
    Checks.sameSize("length of b", b.length, "columns of cost", m);
    Checks.require(cost.length == (long) n * m, "cost has %d values, expected n*m = %d*%d", cost.length, n, m);
    Checks.require("lazy", !config.lazy(), " = true needs point clouds; a cost matrix is stored already");
    double largest = 0;
    for (int q = 0; q < cost.length; q++) {
      if (!Double.isFinite(cost[q])) {
        throw new IllegalArgumentException(
            "cost[" + (q / m) + ", " + (q % m) + "] = " + cost[q] + " must be finite");
      }
      largest = Math.max(largest, Math.abs(cost[q]));
    }
    CostRange.checkStorage(largest, config.precision(), false);
    double[][] ab = weights(config, a, b, "a", "b");
    int threads = Parallel.threads(config.threads());
    RowKernels k = kernels(config);
    CostRows rows;
    if (config.precision() == Precision.FLOAT) {
      float[] cf = new float[cost.length];
      for (int q = 0; q < cost.length; q++) {
        cf[q] = (float) cost[q];
      }
      rows = CostRows.stored(cf, n, m);
    } else {
      rows = CostRows.stored(cost.clone(), n, m);
    }
    return run(config, threads, ab[0], ab[1], rows, k, warmStart, listener, t0, largest);
  }

  /** OT for a cost matrix given as rows. */
  public static SinkhornResult solve(SinkhornConfig config, double[] a, double[] b, double[][] cost) {
    double[] flat = PointCloud.flatten(cost, "cost", "cost row");
    return solve(config, a, b, flat, cost.length, cost[0].length);
  }

  /** OT for ND4J inputs: weight vectors {@code a} (n), {@code b} (m) and an {@code n x m} cost. */
  public static SinkhornResult solve(SinkhornConfig config, INDArray a, INDArray b, INDArray cost) {
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    Checks.matrix("cost", cost);
    return solve(config, Tensors.toDoubles(a), Tensors.toDoubles(b), Tensors.toDoubles(cost),
        (int) cost.rows(), (int) cost.columns());
  }

  /** The absolute epsilon {@code config} means for this cost matrix. */
  public static double absoluteEpsilon(SinkhornConfig config, double[] cost, int n, int m) {
    return EpsilonSchedule.absolute(config, CostRows.stored(cost, n, m));
  }

  /** The absolute epsilon {@code config} means for these clouds and cost. */
  public static double absoluteEpsilon(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return EpsilonSchedule.absolute(config,
        CostRows.lazy(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, false, RowKernels.scalar()));
  }

  /**
   * Optional: starts warming up, in a background daemon thread, the SIMD row kernels that a solve
   * with {@code config} will use, and returns at once. A solve warms up what it needs by itself
   * (it runs plain loops that give the same bits until the SIMD code is compiled); calling this
   * first, say before reading the input, gives the warm-up a head start. Results do not depend on
   * whether or when this is called.
   */
  public static void prewarm(SinkhornConfig config) {
    Checks.notNull("config", config);
    boolean logDomain = config.method() == Method.LOG || (config.method() == Method.AUTO && config.lazy());
    kernels(config).prewarm(config.precision() == Precision.FLOAT, logDomain);
  }

  static RowKernels kernels(SinkhornConfig config) {
    return config.vectorized() ? RowKernels.best() : RowKernels.scalar();
  }

  /** Validates the weights ({@link Weights}); balanced OT needs both to sum to 1, then renormalizes. */
  static double[][] weights(SinkhornConfig config, double[] a, double[] b, String nameA, String nameB) {
    double[] aa = Weights.positive(nameA, a);
    double[] bb = Weights.positive(nameB, b);
    if (config.balanced()) {
      Weights.normalize(nameA, aa);
      Weights.normalize(nameB, bb);
    }
    return new double[][] {aa, bb};
  }

  /**
   * The solve: the epsilon stages, a state, the kernel- or log-domain iteration (Method.AUTO: the
   * stabilized kernel on a stored cost, the log domain on a lazy one), the stages run in turn with
   * one shared iteration budget, then the cost, objectives and plan of the final iterate.
   * {@code bound} (NaN when not known) bounds the cost entries: the target epsilon must resolve
   * them ({@link CostRange}).
   */
  static SinkhornResult run(SinkhornConfig cfg, int threads, double[] a, double[] b, CostRows rows, RowKernels k,
      Potentials warm, ProgressListener listener, long t0, double bound) {
    if (warm != null) {
      Checks.sameSize("length of warm-start f", warm.fRef().length, "n", a.length);
      Checks.sameSize("length of warm-start g", warm.gRef().length, "m", b.length);
    }
    EpsilonSchedule schedule = EpsilonSchedule.of(cfg, rows);
    CostRange.checkResolution(bound, schedule.epsilon(schedule.size() - 1), cfg);
    double setup = (System.nanoTime() - t0) / 1e9;

    SinkhornState state = new SinkhornState(cfg, threads, a, b, Storage.of(rows, k), listener);
    state.setEpsilon(schedule.epsilon(0));
    boolean kernelDomain = cfg.method() == Method.KERNEL || (cfg.method() == Method.AUTO && !rows.lazy());
    Iteration iteration = kernelDomain
        ? new KernelIteration(state, cfg.method() == Method.AUTO)
        : new LogIteration(state, rows.lazy() ? "log-lazy" : "log");
    iteration.start(warm);

    Progress progress = state.progress;
    boolean converged = false;
    for (int s = 0; s < schedule.size(); s++) {
      if (s > 0) {
        iteration.changeEpsilon(schedule.epsilon(s));
      }
      progress.stageStarted();
      int remaining = cfg.maxIterations() - progress.iterations();
      if (remaining <= 0) {
        break;
      }
      double tol = schedule.tolerance(s);
      boolean ok = iteration.run(tol, remaining);
      if (!ok && iteration instanceof KernelIteration kernel && kernel.needsLogDomain()) {
        // repeated underflow: finish this and the later stages in the log domain
        iteration = kernel.handOverToLogDomain();
        ok = iteration.run(tol, cfg.maxIterations() - progress.iterations());
      }
      if (progress.failed()) {
        break;
      }
      if (schedule.isLast(s)) {
        converged = ok;
      }
    }

    double[] f = state.f();
    double[] g = state.g();
    Objectives o = Objectives.of(state, iteration.transportCost(), f, g);
    TransportPlan plan = iteration.plan();
    String failure = progress.failure(converged, cfg.tolerance());
    double total = (System.nanoTime() - t0) / 1e9;
    return new SinkhornResult(cfg, threads, state.eps(), iteration.solver(), k.name(), o.cost(), o.objective(),
        o.dual(), progress.iterations(), progress.errorL1(), progress.errorL2(), converged, failure, setup,
        total, progress.absorptions(), progress.fallbacks(), progress.stages(), f, g, state.rowMarginal(),
        state.colMarginal(), progress.errorTrace(), progress.epsilonTrace(), plan);
  }
}
