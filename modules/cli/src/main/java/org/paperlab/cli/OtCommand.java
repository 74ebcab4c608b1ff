package org.paperlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.lab.Json;
import org.paperlab.ot.Cost;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.Method;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Precision;
import org.paperlab.ot.Sinkhorn;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornResult;
import org.paperlab.ot.StandardCost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperlab ot <subcommand>}: entropic optimal transport on the user's own data. */
@Command(
    name = "ot",
    mixinStandardHelpOptions = true,
    description = {"Entropic optimal transport (Sinkhorn) on your own point clouds."},
    subcommands = {OtCommand.Solve.class, CommandLine.HelpCommand.class})
final class OtCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code paperlab ot solve --x X.csv --y Y.csv [--a A.csv --b B.csv] --cost sqeuclidean
   * --epsilon 0.05 [--epsilon-relative median|mean|none] [--tolerance 1e-9] [--max-iter N]
   * [--unbalanced TAU] [--plan plan.csv] --out result.json}.
   */
  @Command(
      name = "solve",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Solve entropic OT between two point clouds (CSV: one point per row, header optional).",
        "Writes result.json with cost (<P,C>), objective, iterations, marginal_error_l1, converged,",
        "solve_seconds, epsilon (the absolute value used) and more; --plan writes the dense plan.",
        "A solve that does not converge still writes its result (converged: false) and warns."
      })
  static final class Solve implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--x", required = true, paramLabel = "X.csv", description = "Source points, one per row.")
    Path x;

    @Option(names = "--y", required = true, paramLabel = "Y.csv", description = "Target points, same dimension.")
    Path y;

    @Option(names = "--a", paramLabel = "A.csv", description = "Source weights, one per row (default uniform).")
    Path a;

    @Option(names = "--b", paramLabel = "B.csv", description = "Target weights, one per row (default uniform).")
    Path b;

    @Option(names = "--cost", defaultValue = "sqeuclidean", paramLabel = "COST",
        description = "sqeuclidean, euclidean or l1 (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--epsilon", defaultValue = "0.05", paramLabel = "EPS",
        description = "Entropic regularization (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--epsilon-relative", defaultValue = "none", paramLabel = "median|mean|none",
        description = "Multiply epsilon by the median or mean cost (default: ${DEFAULT-VALUE}).")
    String epsilonRelative;

    @Option(names = "--tolerance", defaultValue = "1e-9", paramLabel = "TOL",
        description = "Stop when the L1 marginal error is at most TOL (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iter", defaultValue = "10000", paramLabel = "N",
        description = "Iteration budget (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--unbalanced", paramLabel = "TAU",
        description = "Unbalanced OT: KL marginal penalty TAU (weights need not sum to 1).")
    Double tau;

    @Option(names = "--plan", paramLabel = "plan.csv", description = "Also write the dense n x m plan.")
    Path plan;

    @Option(names = "--out", required = true, paramLabel = "result.json", description = "Result file.")
    Path out;

    @Option(names = "--method", defaultValue = "auto", paramLabel = "auto|kernel|log",
        description = "Solver (default: ${DEFAULT-VALUE}: stabilized kernel).")
    String method;

    @Option(names = "--precision", defaultValue = "float", paramLabel = "float|double",
        description = "Storage of the cost and kernel matrices (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--epsilon-scaling", description = "Solve a decreasing sequence of epsilons.")
    boolean epsilonScaling;

    @Option(names = "--lazy", description = "Never store the n x m cost (large clouds; log domain).")
    boolean lazy;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
      StandardCost c = Cost.parse(cost);
      EpsilonScale scale = EpsilonScale.parse(epsilonRelative);
      SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(epsilon, scale).withTolerance(tolerance)
          .withMaxIterations(maxIter).withMethod(Method.parse(method))
          .withPrecision(Precision.parse(precision)).withEpsilonScaling(epsilonScaling).withLazy(lazy);
      if (tau != null) {
        cfg = cfg.withTau(tau);
      }
      if (threads != null) {
        cfg = cfg.withThreads(threads);
      }
      NumericCsv.Matrix xm = NumericCsv.read(x);
      NumericCsv.Matrix ym = NumericCsv.read(y);
      if (ym.d() != xm.d()) {
        throw new DataFormatException(y, ym.lines()[0], Math.min(xm.d(), ym.d()) + 1,
            "has " + ym.d() + " columns but " + x + " has " + xm.d() + " (points need the same dimension)");
      }
      double[] wa = a == null ? null : weights(a, xm.n(), x, cfg.balanced());
      double[] wb = b == null ? null : weights(b, ym.n(), y, cfg.balanced());
      PointCloud px = new PointCloud(xm.flat(), xm.n(), xm.d(), wa);
      PointCloud py = new PointCloud(ym.flat(), ym.n(), ym.d(), wb);
      if (cfg.balanced()) { // unbalanced OT takes the masses as given
        checkNormalized(a, px);
        checkNormalized(b, py);
      }
      SinkhornResult r = Sinkhorn.solve(cfg, px, py, c);
      if (plan != null) {
        long size = (long) xm.n() * ym.n();
        if (size > 50_000_000L) {
          throw new Main.UsageError("--plan: the plan has " + size + " entries (> 5e7); too large for CSV");
        }
        writePlan(plan, r);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("cost", num(r.cost()));
      json.put("objective", num(r.objective()));
      json.put("dual", num(r.dual()));
      json.put("iterations", r.iterations());
      json.put("marginal_error_l1", num(r.marginalErrorL1()));
      json.put("marginal_error_l2", num(r.marginalErrorL2()));
      json.put("converged", r.converged());
      json.put("failure", r.failure());
      json.put("solve_seconds", r.solveSeconds());
      json.put("setup_seconds", r.setupSeconds());
      json.put("epsilon", r.epsilon());
      json.put("epsilon_given", epsilon);
      json.put("epsilon_relative", scale.name().toLowerCase(Locale.ROOT));
      json.put("cost_function", c.cliName());
      json.put("tolerance", tolerance);
      json.put("unbalanced_tau", tau == null ? null : tau);
      json.put("solver", r.solver());
      json.put("precision", cfg.precision().name().toLowerCase(Locale.ROOT));
      json.put("row_kernels", r.kernels());
      json.put("absorptions", r.absorptions());
      json.put("fallbacks", r.fallbacks());
      json.put("stages", r.stages());
      json.put("n", xm.n());
      json.put("m", ym.n());
      json.put("d", xm.d());
      json.put("x", x.toString());
      json.put("y", y.toString());
      Json.write(out, json);
      var o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "cost %.10g  objective %.10g  iterations %d  marginal error (L1) %.3g  converged %s  %.3f s -> %s%n",
          r.cost(), r.objective(), r.iterations(), r.marginalErrorL1(), r.converged(), r.solveSeconds(), out);
      if (!r.converged()) {
        spec.commandLine().getErr().println("paperlab ot solve: warning: " + r.failure());
      }
      return 0;
    }

    private static Object num(double v) {
      return Double.isFinite(v) ? (Object) v : null;
    }

    private static void checkNormalized(Path file, PointCloud p) {
      double s = p.mass();
      if (file != null && !(Math.abs(s - 1.0) <= 1e-6)) {
        throw new DataFormatException(file, 0, 0, "weights must sum to 1 for balanced OT (within 1e-6), they sum to "
            + s + "; normalize them or pass --unbalanced TAU");
      }
    }

    /** One positive weight per row; located errors. */
    static double[] weights(Path file, int expected, Path points, boolean balanced) {
      NumericCsv.Matrix m = NumericCsv.read(file);
      long[] lines = m.lines();
      if (m.d() != 1) {
        throw new DataFormatException(file, lines[0], 2, "a weights file has one column, found " + m.d());
      }
      if (m.n() != expected) {
        throw new DataFormatException(file, m.n() > expected ? lines[expected] : 0, 0,
            "has " + m.n() + " weights but " + points + " has " + expected + " points");
      }
      double[] w = new double[m.n()];
      for (int i = 0; i < w.length; i++) {
        w[i] = m.rows()[i][0];
        if (!(w[i] > 0)) {
          throw new DataFormatException(file, lines[i], 1,
              "weight must be > 0, got " + w[i] + (w[i] == 0 ? " (drop points of zero weight)" : ""));
        }
      }
      return w;
    }

    private static void writePlan(Path file, SinkhornResult r) {
      double[] p = r.plan().toArray();
      int m = r.plan().cols();
      StringBuilder sb = new StringBuilder(p.length * 12);
      for (int i = 0; i < r.plan().rows(); i++) {
        for (int j = 0; j < m; j++) {
          if (j > 0) {
            sb.append(',');
          }
          sb.append(p[i * m + j]);
        }
        sb.append('\n');
      }
      AtomicFiles.writeString(file, sb.toString());
    }
  }
}
