package org.paperlab.ot;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
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
 * Inputs are validated (finite costs, positive weights, normalized weights for balanced OT);
 * non-convergence is reported in the result ({@code converged}, {@code failure}), never as NaN.
 */
public final class Sinkhorn {
  private Sinkhorn() {}

  /** OT between two point clouds with the given ground cost. */
  public static SinkhornResult solve(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return solve(config, x, y, cost, null);
  }

  /** OT between two point clouds, warm-started from {@code warmStart} (may be null). */
  public static SinkhornResult solve(
      SinkhornConfig config, PointCloud x, PointCloud y, Cost cost, Potentials warmStart) {
    long t0 = System.nanoTime();
    Checks.notNull("config", config);
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    Checks.notNull("cost", cost);
    Checks.require(x.d() == y.d(), "x has dimension %d but y has dimension %d", x.d(), y.d());
    double[][] ab = weights(config, x.weightsRef(), y.weightsRef(), "weights of x", "weights of y");
    RowKernels k = kernels(config);
    boolean single = config.precision() == Precision.FLOAT;
    CostRows rows;
    if (config.lazy()) {
      rows = CostRows.lazy(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, single, k);
    } else {
      long size = (long) x.n() * y.n();
      Checks.require(size <= CostRows.MAX_STORED,
          "n*m = %d entries do not fit in one stored matrix; use withLazy(true)", size);
      rows = CostRows.materialize(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, single, k, config.threads());
    }
    return run(config, ab[0], ab[1], rows, k, warmStart, t0);
  }

  /** OT for a cost matrix given row-major ({@code n x m}); the array is copied. */
  public static SinkhornResult solve(SinkhornConfig config, double[] a, double[] b, double[] cost, int n, int m) {
    return solve(config, a, b, cost, n, m, null);
  }

  /** OT for a row-major cost matrix, warm-started from {@code warmStart} (may be null). */
  public static SinkhornResult solve(
      SinkhornConfig config, double[] a, double[] b, double[] cost, int n, int m, Potentials warmStart) {
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
    Checks.require(!config.lazy(), "lazy = true needs point clouds; a cost matrix is stored already");
    for (int q = 0; q < cost.length; q++) {
      if (!Double.isFinite(cost[q])) {
        throw new IllegalArgumentException(
            "cost[" + (q / m) + ", " + (q % m) + "] = " + cost[q] + " must be finite");
      }
    }
    double[][] ab = weights(config, a, b, "a", "b");
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
    return run(config, ab[0], ab[1], rows, k, warmStart, t0);
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
    return absoluteEpsilon(config, CostRows.stored(cost, n, m));
  }

  /** The absolute epsilon {@code config} means for these clouds and cost. */
  public static double absoluteEpsilon(SinkhornConfig config, PointCloud x, PointCloud y, Cost cost) {
    return absoluteEpsilon(config,
        CostRows.lazy(x.pointsRef(), x.n(), y.pointsRef(), y.n(), x.d(), cost, false, RowKernels.scalar()));
  }

  static double absoluteEpsilon(SinkhornConfig config, CostRows rows) {
    if (config.epsilonScale() == EpsilonScale.NONE) {
      return config.epsilon();
    }
    double stat = rows.statistic(config.epsilonScale());
    Checks.require(stat > 0,
        "the %s of the cost is %s, so a relative epsilon is 0; give an absolute epsilon",
        config.epsilonScale().name().toLowerCase(java.util.Locale.ROOT), stat);
    return config.epsilon() * stat;
  }

  static RowKernels kernels(SinkhornConfig config) {
    return config.vectorized() ? RowKernels.best() : RowKernels.scalar();
  }

  /** Validates weights; balanced OT needs both to sum to 1 (within 1e-6), then renormalizes. */
  static double[][] weights(SinkhornConfig config, double[] a, double[] b, String nameA, String nameB) {
    double[] aa = positiveWeights(nameA, a);
    double[] bb = positiveWeights(nameB, b);
    if (config.balanced()) {
      normalize(nameA, aa);
      normalize(nameB, bb);
    }
    return new double[][] {aa, bb};
  }

  private static double[] positiveWeights(String name, double[] w) {
    Checks.notNull(name, w);
    Checks.require(w.length > 0, "%s must not be empty", name);
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] > 0) || !Double.isFinite(w[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = " + w[i] + " must be > 0 and finite (drop points of zero weight)");
      }
    }
    return w.clone();
  }

  private static void normalize(String name, double[] w) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    if (!(Math.abs(s - 1.0) <= 1e-6)) {
      throw new IllegalArgumentException(
          name + " must sum to 1 for balanced OT (within 1e-6), sums to " + s
              + "; normalize it or set a finite tau for unbalanced OT");
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= s;
    }
  }

  static SinkhornResult run(
      SinkhornConfig cfg, double[] a, double[] b, CostRows rows, RowKernels k, Potentials warm, long t0) {
    int n = a.length;
    int m = b.length;
    if (warm != null) {
      Checks.sameSize("length of warm-start f", warm.fRef().length, "n", n);
      Checks.sameSize("length of warm-start g", warm.gRef().length, "m", m);
    }
    double eps = absoluteEpsilon(cfg, rows);
    List<Double> stages = new ArrayList<>();
    if (cfg.epsilonScaling()) {
      double e0 = rows.statistic(EpsilonScale.MAX);
      for (double e = e0; e > eps; e *= cfg.scalingFactor()) {
        stages.add(e);
      }
    }
    stages.add(eps);
    double setup = (System.nanoTime() - t0) / 1e9;

    SinkhornEngine eng = new SinkhornEngine(cfg, a, b, rows, k);
    boolean kernel = cfg.method() == Method.KERNEL || (cfg.method() == Method.AUTO && !rows.lazy());
    boolean stabilized = cfg.method() == Method.AUTO;
    eng.setEpsilon(stages.get(0));
    String solver = kernel ? (stabilized ? "stabilized-kernel" : "kernel") : (rows.lazy() ? "log-lazy" : "log");
    if (kernel) {
      long size = (long) n * m;
      Checks.require(size <= CostRows.MAX_STORED,
          "a kernel of n*m = %d entries does not fit in memory; use method LOG with lazy = true", size);
      eng.allocateKernel();
    }
    if (warm != null) {
      System.arraycopy(warm.fRef(), 0, eng.ft, 0, n);
      System.arraycopy(warm.gRef(), 0, eng.gt, 0, m);
      if (kernel) {
        eng.rebuildKernel();
      }
    } else if (kernel && stabilized) {
      // one exact soft-min row update from g = 0, and the kernel from the same exponentials
      eng.initKernelFromExactRows();
    } else if (kernel) {
      eng.rebuildKernel(); // plain kernel exp(-C/eps)
    } else {
      // exact first half steps from g = 0: every row and column then has mass
      eng.exactRowUpdate();
      eng.exactColUpdate();
    }
    boolean converged = false;
    int budget = cfg.maxIterations();
    for (int s = 0; s < stages.size(); s++) {
      boolean last = s == stages.size() - 1;
      if (s > 0) {
        if (kernel) {
          eng.foldScalings();
        }
        eng.setEpsilon(stages.get(s));
        if (kernel) {
          eng.rebuildKernel();
        }
      }
      eng.stages++;
      int remaining = budget - eng.iterations;
      if (remaining <= 0) {
        break;
      }
      double tol = last ? cfg.tolerance() : Math.max(cfg.tolerance(), 1e-3);
      boolean ok;
      if (kernel) {
        ok = eng.runKernel(tol, remaining, stabilized);
        if (!ok && eng.needsLog) {
          // repeated underflow: finish this and the later stages in the log domain
          eng.foldScalings();
          eng.releaseKernel();
          eng.kernelMode = false;
          kernel = false;
          eng.switchedToLog = true;
          solver = "stabilized-kernel+log";
          ok = eng.runLog(tol, budget - eng.iterations);
        }
        if (eng.failure != null) {
          break;
        }
      } else {
        ok = eng.runLog(tol, remaining);
      }
      if (last) {
        converged = ok;
      }
    }

    double cost = kernel ? eng.kernelTransportCost() : eng.logTransportCost();
    double epsFinal = eng.eps;
    double[] f = new double[n];
    double[] g = new double[m];
    for (int i = 0; i < n; i++) {
      f[i] = eng.ft[i] + epsFinal * (kernel ? eng.lu[i] : 0);
    }
    for (int j = 0; j < m; j++) {
      g[j] = eng.gt[j] + epsFinal * (kernel ? eng.lv[j] : 0);
    }
    double[] lu = kernel ? eng.lu : new double[n];
    double[] lv = kernel ? eng.lv : new double[m];
    TransportPlan plan = new TransportPlan(rows, k, a, b, eng.ft, eng.gt, lu, lv, epsFinal,
        kernel && rows.single, cfg.threads());
    eng.releaseKernel();

    double mass = 0;
    double fr = 0;
    double gc = 0;
    double af = 0;
    double bg = 0;
    for (int i = 0; i < n; i++) {
      mass += eng.r[i];
      fr += f[i] * eng.r[i];
      af += a[i] * f[i];
    }
    for (int j = 0; j < m; j++) {
      gc += g[j] * eng.c[j];
      bg += b[j] * g[j];
    }
    double massTerm = epsFinal * (mass - eng.massA * eng.massB);
    double objective = fr + gc - massTerm;
    double dual;
    if (cfg.balanced()) {
      dual = af + bg - massTerm;
    } else {
      double tau = cfg.tau();
      objective += tau * kl(eng.r, a) + tau * kl(eng.c, b);
      double da = 0;
      double db = 0;
      for (int i = 0; i < n; i++) {
        da += a[i] * (Math.exp(-f[i] / tau) - 1);
      }
      for (int j = 0; j < m; j++) {
        db += b[j] * (Math.exp(-g[j] / tau) - 1);
      }
      dual = -tau * da - tau * db - massTerm;
    }
    String failure = eng.failure != null ? eng.failure
        : converged ? ""
        : String.format(java.util.Locale.ROOT,
            "not converged: marginal error %.3g (%s) after %d iterations > tolerance %.3g",
            cfg.errorNorm() == ErrorNorm.L1 ? eng.errL1 : eng.errL2, cfg.errorNorm(), eng.iterations,
            cfg.tolerance());
    double total = (System.nanoTime() - t0) / 1e9;
    return new SinkhornResult(cfg, epsFinal, solver, k.name(), cost, objective, dual, eng.iterations,
        eng.errL1, eng.errL2, converged, failure, setup, total, eng.absorptions, eng.fallbacks,
        eng.stages, f, g, eng.r.clone(), eng.c.clone(), eng.trace.errors(), eng.trace.epsilons(), plan);
  }

  /** Generalized KL {@code sum p log(p/q) - p + q}. */
  static double kl(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (p[i] > 0 ? p[i] * Math.log(p[i] / q[i]) : 0) - p[i] + q[i];
    }
    return s;
  }
}
