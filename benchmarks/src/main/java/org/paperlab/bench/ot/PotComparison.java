package org.paperlab.bench.ot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.ot.ErrorNorm;
import org.paperlab.ot.Method;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Precision;
import org.paperlab.ot.Sinkhorn;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornResult;
import org.paperlab.ot.StandardCost;

/**
 * paperlab's side of {@code benchmarks/peers/ot_pot_compare.py}: solves the point clouds the
 * script wrote with the same absolute epsilon and the same stopping rule as POT's {@code stopThr}
 * (the L2 norm of the marginal error) and prints one JSON object per solver on stdout.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar org.paperlab.bench.ot.PotComparison \
 *     X.csv Y.csv EPS TOL MAXITER REPEATS [solver,...] [PLAIN_MAXITER]
 * </pre>
 *
 * Solvers: {@code stable} (the default: stabilized kernel, float, adaptive momentum),
 * {@code stable_scaling} (plus epsilon scaling), {@code stable_double}, {@code kernel} (plain kernel
 * scaling in double, no momentum: the same iterates as POT's {@code sinkhorn}) and {@code log}
 * (log domain, no momentum: the same iterates as POT's {@code sinkhorn_log}). Each solver runs untimed
 * for at least 3 s and 3 solves (JIT warm-up; 30 iterations each above 4 million matrix entries), then
 * {@code REPEATS} times; the median time is reported. Time is the whole
 * call from the point clouds, the cost matrix included.
 */
public final class PotComparison {
  /** Minimum JIT warm-up per solver. */
  static final double WARMUP_SECONDS = 3.0;

  private PotComparison() {}

  static SinkhornConfig config(String solver, double eps, double tol, int maxIter) {
    SinkhornConfig c = SinkhornConfig.defaults().withEpsilon(eps).withTolerance(tol).withErrorNorm(ErrorNorm.L2)
        .withMaxIterations(maxIter);
    switch (solver) {
      case "stable":
        return c;
      case "stable_scaling":
        return c.withEpsilonScaling(true);
      case "stable_double":
        return c.withPrecision(Precision.DOUBLE);
      case "kernel":
        // double like POT: a float kernel underflows (flushes entries) at small eps
        return c.withMethod(Method.KERNEL).withAdaptiveMomentum(false).withPrecision(Precision.DOUBLE);
      case "log":
        return c.withMethod(Method.LOG).withAdaptiveMomentum(false);
      default:
        throw new IllegalArgumentException("unknown solver " + solver);
    }
  }

  public static void main(String[] args) {
    NumericCsv.Matrix x = NumericCsv.read(Path.of(args[0]));
    NumericCsv.Matrix y = NumericCsv.read(Path.of(args[1]));
    double eps = Double.parseDouble(args[2]);
    double tol = Double.parseDouble(args[3]);
    int maxIter = Integer.parseInt(args[4]);
    int repeats = Integer.parseInt(args[5]);
    List<String> solvers = args.length > 6 ? Arrays.asList(args[6].split(","))
        : List.of("stable", "stable_scaling", "stable_double", "kernel", "log");
    // the plain kernel and log solvers compute POT's iterates: the script caps them at POT's count
    int plainMaxIter = args.length > 7 ? Integer.parseInt(args[7]) : maxIter;
    PointCloud px = PointCloud.of(x.flat(), x.n(), x.d());
    PointCloud py = PointCloud.of(y.flat(), y.n(), y.d());
    for (String s : solvers) {
      SinkhornConfig c = config(s, eps, tol, s.equals("kernel") || s.equals("log") ? plainMaxIter : maxIter);
      SinkhornResult r = null;
      // JIT warm-up, as JMH would: full solves on small problems, 30 iterations on large ones, for
      // at least WARMUP_SECONDS and 3 solves (the SIMD row kernels reach their C2 code only after
      // thousands of row calls: a 10-iteration 1000 x 1000 solve runs 2x slower in its first 40
      // repetitions than after 1000); a solve longer than 3 s is its own warm-up and is timed once
      SinkhornConfig warm = (long) px.n() * py.n() > 4_000_000L ? c.withMaxIterations(30) : c;
      int reps = repeats;
      long warmStart = System.nanoTime();
      for (int q = 0; q < 3 || (System.nanoTime() - warmStart) < WARMUP_SECONDS * 1e9; q++) {
        r = Sinkhorn.solve(warm, px, py, StandardCost.SQEUCLIDEAN);
        if (r.solveSeconds() > 3) {
          reps = 1;
          break;
        }
      }
      List<Double> times = new ArrayList<>();
      List<Double> solveOnly = new ArrayList<>();
      for (int q = 0; q < reps; q++) {
        r = Sinkhorn.solve(c, px, py, StandardCost.SQEUCLIDEAN);
        times.add(r.solveSeconds());
        solveOnly.add(r.solveSeconds() - r.setupSeconds());
      }
      times.sort(null);
      solveOnly.sort(null);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("solver", s);
      out.put("seconds", times.get(times.size() / 2));
      out.put("setup_seconds", r.setupSeconds());
      out.put("solve_only_seconds", solveOnly.get(solveOnly.size() / 2));
      out.put("iterations", r.iterations());
      out.put("cost", r.cost());
      out.put("converged", r.converged());
      out.put("error_l2", r.marginalErrorL2());
      out.put("absorptions", r.absorptions());
      out.put("fallbacks", r.fallbacks());
      out.put("kernels", r.kernels());
      out.put("solver_name", r.solver());
      StringBuilder sb = new StringBuilder("{");
      for (var e : out.entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append('"').append(e.getKey()).append("\": ");
        Object v = e.getValue();
        sb.append(v instanceof String ? "\"" + v + "\"" : v instanceof Double d
            ? (Double.isFinite(d) ? String.format(Locale.ROOT, "%.17g", d) : "null") : String.valueOf(v));
      }
      System.out.println(sb.append('}'));
      System.out.flush();
    }
    System.exit(0);
  }
}
