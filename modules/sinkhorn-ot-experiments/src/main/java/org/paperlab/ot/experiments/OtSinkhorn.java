package org.paperlab.ot.experiments;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.paperlab.core.Parallel;
import org.paperlab.core.config.Variants;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.Method;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Precision;
import org.paperlab.ot.Sinkhorn;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornResult;
import org.paperlab.ot.StandardCost;

/**
 * {@code ot-sinkhorn}: convergence of the Sinkhorn solvers (Cuturi 2013; Schmitzer 2019; Thibault
 * et al. 2017) on 2-D point clouds, a drawn transport plan, the small-epsilon stability check, the
 * lazy large-scale solve, and the kernel iteration's memory bandwidth.
 *
 * <p>Source: a Gaussian blob; target: a noisy S-curve; squared Euclidean cost; epsilon relative to
 * the median cost. Solvers: {@code kernel} (plain kernel scaling), {@code log} (log domain),
 * {@code stabilized} (kernel with absorption), {@code momentum} (stabilized with adaptive
 * over-relaxation), {@code eps_scaling} (momentum with epsilon scaling). Tolerance 1e-9 on the L1
 * marginal error.
 *
 * <p>metrics.json: {@code iterations_<solver>_eps<rel>}, {@code seconds_<solver>_eps<rel>},
 * {@code converged_<solver>_eps<rel>}, {@code cost_<solver>_eps<rel>};
 * {@code tiny_eps_finite}, {@code tiny_eps_converged}, {@code tiny_eps_iterations} (eps = 1e-4 x
 * median); {@code plan_cost}, {@code plan_epsilon}; {@code lazy_n}, {@code lazy_iterations},
 * {@code lazy_seconds}, {@code lazy_converged}, {@code lazy_peak_heap_mib}, {@code lazy_error_l1};
 * {@code triad_gbs}, {@code read_gbs}, {@code kernel_gbs_float}, {@code kernel_gbs_double},
 * {@code kernel_fraction_of_read_float}, {@code kernel_ms_per_iteration_float}, {@code row_kernels}.
 *
 * <p>run.json records every SinkhornConfig the run solves with, whole ({@code RunContext.config}),
 * under {@code solve.<solver>_eps<rel>}, {@code tiny_eps}, {@code plan}, {@code lazy} and
 * {@code bandwidth_<precision>}.
 */
public final class OtSinkhorn implements Experiment {
  private static final String[] SOLVERS = {"kernel", "log", "stabilized", "momentum", "eps_scaling"};

  @Override
  public String name() {
    return "ot-sinkhorn";
  }

  @Override
  public String description() {
    return "Sinkhorn convergence: kernel, log-domain, stabilized, momentum and epsilon scaling; plan; lazy 50k; bandwidth";
  }

  static SinkhornConfig solverConfig(String solver, double epsRel, int maxIter) {
    SinkhornConfig base = SinkhornConfig.defaults().withEpsilon(epsRel, EpsilonScale.MEDIAN)
        .withTolerance(1e-9).withMaxIterations(maxIter).withAdaptiveMomentum(false);
    switch (solver) {
      case "kernel":
        return base.withMethod(Method.KERNEL);
      case "log":
        return base.withMethod(Method.LOG);
      case "stabilized":
        return base;
      case "momentum":
        return base.withAdaptiveMomentum(true);
      case "eps_scaling":
        return base.withAdaptiveMomentum(true).withEpsilonScaling(true);
      default:
        throw new IllegalArgumentException("solver " + solver);
    }
  }

  static String epsKey(double rel) {
    return "eps" + new java.math.BigDecimal(rel).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    int n = quick ? 400 : 1500;
    double[] epsRel = quick ? new double[] {0.05, 0.005} : new double[] {0.1, 0.01, 0.001};
    int maxIter = quick ? 5000 : 20000;
    ctx.config("n", n).config("eps_relative_to_median", epsRel).config("tolerance_l1", 1e-9)
        .config("max_iterations", maxIter);
    SplittableRandom rng = ctx.seeds().child("clouds").random();
    PointCloud x = PointCloud.of(Shapes.blob(n, -1.0, 0.0, 0.6, rng), n, 2);
    PointCloud y = PointCloud.of(Shapes.sCurve(1.0).sample(n, rng), n, 2);

    CsvTable conv = new CsvTable("eps_relative", "solver", "iteration", "epsilon", "marginal_error_l1");
    CsvTable summary = new CsvTable("eps_relative", "solver", "iterations", "seconds", "converged", "cost",
        "marginal_error_l1", "absorptions", "fallbacks", "failure");
    for (double e : epsRel) {
      Chart chart = Chart.line("Marginal error vs iteration, eps = " + e + " x median cost", "iteration",
          "L1 marginal error").logY();
      for (String s : SOLVERS) {
        SinkhornConfig cfg = solverConfig(s, e, maxIter);
        ctx.config("solve." + s + "_" + epsKey(e), cfg);
        SinkhornResult r = Sinkhorn.solve(cfg, x, y, StandardCost.SQEUCLIDEAN);
        double[] err = r.errorTrace();
        double[] eps = r.epsilonTrace();
        double[] it = new double[err.length];
        for (int q = 0; q < err.length; q++) {
          it[q] = q + 1;
          conv.addRow(e, s, q + 1, eps[q], err[q]);
        }
        chart.series(s, it, err);
        String key = s + "_" + epsKey(e);
        ctx.metric("iterations_" + key, r.iterations());
        ctx.metric("seconds_" + key, r.solveSeconds());
        ctx.metric("converged_" + key, r.converged());
        ctx.metric("cost_" + key, r.cost());
        summary.addRow(e, s, r.iterations(), r.solveSeconds(), r.converged(), r.cost(), r.marginalErrorL1(),
            r.absorptions(), r.fallbacks(), r.failure());
        ctx.log("eps %-6s %-12s %6d it %8.3f s  converged=%s cost=%.9f %s", e, s, r.iterations(),
            r.solveSeconds(), r.converged(), r.cost(), r.failure());
      }
      ctx.save(chart, "convergence-" + epsKey(e) + ".png");
    }
    ctx.save(conv, "convergence.csv");
    ctx.save(summary, "solvers.csv");

    // small epsilon: no NaN, no inf
    SinkhornConfig tinyConfig = SinkhornConfig.defaults().withEpsilon(1e-4, EpsilonScale.MEDIAN).withTolerance(1e-6)
        .withMaxIterations(quick ? 3000 : 20000).withEpsilonScaling(true);
    ctx.config("tiny_eps", tinyConfig);
    SinkhornResult tiny = Sinkhorn.solve(tinyConfig, x, y, StandardCost.SQEUCLIDEAN);
    boolean finite = Double.isFinite(tiny.cost()) && Double.isFinite(tiny.objective());
    for (double v : tiny.f()) {
      finite &= Double.isFinite(v);
    }
    ctx.metric("tiny_eps_finite", finite);
    ctx.metric("tiny_eps_converged", tiny.converged());
    ctx.metric("tiny_eps_iterations", tiny.iterations());
    ctx.log("eps = 1e-4 x median: finite=%s converged=%s iterations=%d", finite, tiny.converged(), tiny.iterations());

    drawPlan(ctx);
    lazy(ctx, quick);
    bandwidth(ctx, quick);
  }

  private static void drawPlan(RunContext ctx) {
    int n = 24;
    SplittableRandom rng = ctx.seeds().child("plan").random();
    double[] xs = Shapes.blob(n, -1.2, 0.0, 0.4, rng);
    double[] ys = Shapes.sCurve(0.8).sample(n, rng);
    for (int i = 0; i < n; i++) {
      ys[2 * i] += 1.2;
    }
    SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(0.02, EpsilonScale.MEDIAN).withPrecision(Precision.DOUBLE);
    ctx.config("plan", cfg);
    SinkhornResult r = Sinkhorn.solve(cfg, PointCloud.of(xs, n, 2), PointCloud.of(ys, n, 2), StandardCost.SQEUCLIDEAN);
    double[] p = r.plan().toArray();
    double max = 0;
    for (double v : p) {
      max = Math.max(max, v);
    }
    CsvTable t = new CsvTable("i", "j", "x1", "x2", "y1", "y2", "p");
    Chart c = Chart.scatter("Entropic transport plan (eps = 0.02 x median), line width ~ P_ij",
        "coordinate 1", "coordinate 2");
    var xy = c.xy();
    xy.getStyler().setLegendVisible(false);
    int seg = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = p[i * n + j];
        t.addRow(i, j, xs[2 * i], xs[2 * i + 1], ys[2 * j], ys[2 * j + 1], v);
        if (v >= 0.05 * max) {
          XYSeries s = xy.addSeries("p" + seg++, new double[] {xs[2 * i], ys[2 * j]},
              new double[] {xs[2 * i + 1], ys[2 * j + 1]});
          s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          s.setMarker(SeriesMarkers.NONE);
          s.setLineStyle(SeriesLines.SOLID);
          s.setLineColor(new java.awt.Color(0.2f, 0.2f, 0.2f, (float) Math.min(1.0, 0.15 + v / max)));
          s.setLineWidth((float) (0.5 + 3.5 * v / max));
        }
      }
    }
    double[][] xsplit = Shapes.coordinates(xs, n);
    double[][] ysplit = Shapes.coordinates(ys, n);
    c.points("source", xsplit[0], xsplit[1]);
    c.points("target", ysplit[0], ysplit[1]);
    ctx.save(c, "plan.png");
    ctx.save(t, "plan.csv");
    ctx.metric("plan_cost", r.cost());
    ctx.metric("plan_epsilon", r.epsilon());
  }

  private static void lazy(RunContext ctx, boolean quick) {
    int n = quick ? 3000 : 50_000;
    SplittableRandom rng = ctx.seeds().child("lazy").random();
    PointCloud x = PointCloud.of(Shapes.blob(n, -1.0, 0.0, 0.6, rng), n, 2);
    PointCloud y = PointCloud.of(Shapes.sCurve(1.0).sample(n, rng), n, 2);
    SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(0.1, EpsilonScale.MEDIAN).withLazy(true)
        .withTolerance(1e-6).withMaxIterations(2000).withCheckEvery(1);
    ctx.config("lazy", cfg);
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        heap.add(pool);
      }
    }
    SinkhornResult r = Sinkhorn.solve(cfg, x, y, StandardCost.SQEUCLIDEAN);
    long peak = 0;
    for (MemoryPoolMXBean pool : heap) {
      peak += pool.getPeakUsage().getUsed();
    }
    ctx.metric("lazy_n", n);
    ctx.metric("lazy_iterations", r.iterations());
    ctx.metric("lazy_seconds", r.solveSeconds());
    ctx.metric("lazy_converged", r.converged());
    ctx.metric("lazy_error_l1", r.marginalErrorL1());
    ctx.metric("lazy_peak_heap_mib", peak / (1024.0 * 1024.0));
    ctx.log("lazy n = m = %d: %d iterations, %.1f s, converged=%s, peak heap (sum of pool peaks) %.0f MiB",
        n, r.iterations(), r.solveSeconds(), r.converged(), peak / (1024.0 * 1024.0));
  }

  /**
   * Memory bandwidth (STREAM-style triad and read, {@link MemoryBandwidth}) and the kernel
   * iteration's own, measured through the public API: a plain kernel-domain solve
   * ({@code Method.KERNEL}, eps = 1 on uniform points of the unit square, so nothing underflows and
   * every iteration does the same work) with a tolerance it cannot meet runs a fixed number of
   * iterations, and its {@link org.paperlab.core.ProgressListener}, which hears every finished
   * iteration, times iterations {@code k1 + 1 .. k2} inside the solve: one sweep over the stored
   * {@code n x n} kernel each ({@code 4 n^2} bytes in float, {@code 8 n^2} in double), without the
   * solve's setup (cost, kernel, plan). The figure is the best of two solves after a warm-up solve
   * for the JIT.
   */
  private static void bandwidth(RunContext ctx, boolean quick) {
    int threads = Parallel.threads(0);
    int mib = quick ? 128 : 256;
    double triad = MemoryBandwidth.triadGBs(mib, threads, quick ? 5 : 10);
    double read = MemoryBandwidth.readGBs(mib, threads, quick ? 5 : 10);
    Map<String, Double> gbs = new LinkedHashMap<>();
    int n = quick ? 3000 : 5000;
    SplittableRandom rng = new SplittableRandom(1);
    double[] xs = new double[2 * n];
    double[] ys = new double[2 * n];
    for (int q = 0; q < xs.length; q++) {
      xs[q] = rng.nextDouble();
      ys[q] = rng.nextDouble();
    }
    PointCloud x = PointCloud.of(xs, n, 2);
    PointCloud y = PointCloud.of(ys, n, 2);
    int k1 = 5;
    int k2 = k1 + (quick ? 20 : 50);
    double msFloat = 0;
    for (Precision p : Precision.values()) {
      SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(1.0).withMethod(Method.KERNEL).withPrecision(p)
          .withAdaptiveMomentum(false).withTolerance(Double.MIN_VALUE).withMaxIterations(k2);
      ctx.config("bandwidth_" + Variants.name(p), cfg);
      Sinkhorn.solve(cfg, x, y, StandardCost.SQEUCLIDEAN); // warm-up (JIT)
      double secs = Double.POSITIVE_INFINITY;
      for (int rep = 0; rep < 2; rep++) {
        long[] at = new long[2];
        SinkhornResult r = Sinkhorn.solve(cfg, x, y, StandardCost.SQEUCLIDEAN, (done, total) -> {
          if (done == k1) {
            at[0] = System.nanoTime();
          } else if (done == k2) {
            at[1] = System.nanoTime();
          }
        });
        if (r.iterations() != k2) {
          throw new IllegalStateException("the timed solve stopped after " + r.iterations() + " iterations: " + r);
        }
        secs = Math.min(secs, (at[1] - at[0]) / 1e9 / (k2 - k1));
        ctx.metric("row_kernels", r.kernels());
      }
      long bytes = (long) n * n * (p == Precision.FLOAT ? 4 : 8);
      gbs.put(Variants.name(p), bytes / secs / 1e9);
      if (p == Precision.FLOAT) {
        msFloat = 1e3 * secs;
      }
    }
    ctx.metric("triad_gbs", triad);
    ctx.metric("read_gbs", read);
    ctx.metric("kernel_gbs_float", gbs.get("float"));
    ctx.metric("kernel_gbs_double", gbs.get("double"));
    ctx.metric("kernel_fraction_of_read_float", gbs.get("float") / read);
    ctx.metric("kernel_ms_per_iteration_float", msFloat);
    ctx.config("bandwidth_kernel_n", n);
    ctx.log("bandwidth: triad %.1f GB/s, read %.1f GB/s; kernel sweep %dx%d float %.1f GB/s (%.3f ms/it), double %.1f GB/s",
        triad, read, n, n, gbs.get("float"), msFloat, gbs.get("double"));
  }

  public static void main(String[] args) {
    Runner.main(new OtSinkhorn(), args);
  }
}
