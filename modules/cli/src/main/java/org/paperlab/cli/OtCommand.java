package org.paperlab.cli;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.lab.OutputFiles;
import org.paperlab.lab.Progress;
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
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
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

  /** The names of a family ({@link Variants#names}) as picocli completion candidates, for the help. */
  abstract static class Names implements Iterable<String> {
    private final Class<?> family;

    Names(Class<?> family) {
      this.family = family;
    }

    @Override
    public Iterator<String> iterator() {
      return Variants.names(family).iterator();
    }
  }

  static final class CostNames extends Names {
    public CostNames() {
      super(StandardCost.class);
    }
  }

  static final class ScaleNames extends Names {
    public ScaleNames() {
      super(EpsilonScale.class);
    }
  }

  static final class MethodNames extends Names {
    public MethodNames() {
      super(Method.class);
    }
  }

  static final class PrecisionNames extends Names {
    public PrecisionNames() {
      super(Precision.class);
    }
  }

  /**
   * {@code paperlab ot solve}: the options name keys of {@link SinkhornConfig} ({@link #CONFIG}),
   * {@code --cost} a {@link StandardCost}; every default and every check is the library's, and a
   * library error about a weight or a dimension is told at its place in the input file.
   */
  @Command(
      name = "solve",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      defaultValueProvider = Solve.Defaults.class,
      description = {
        "Solve entropic OT between two point clouds (CSV: one point per row) and write result.json: cost",
        "(<P,C>), objective, iterations, marginal_error_l1, converged, solve_seconds, epsilon (the absolute",
        "value used) and more, then the whole config and provenance; --plan writes the dense plan. Both are",
        "written together, or neither. A solve that does not converge still writes its result",
        "(converged: false) and warns.",
        "",
        "Header line of every input file (points and weights): a first line whose first field is not a",
        "number is a header; a first line of numbers is data, except 0,1,...,d-1 (what pandas writes for",
        "unnamed columns, and a one-column file starting with 0): that one is refused as ambiguous; say",
        "--header or --no-header.",
        "",
        "Example: paperlab ot solve --x x.csv --y y.csv --epsilon 0.05 --epsilon-relative median --out result.json"
      })
  static final class Solve implements Callable<Integer>, OptionNames {
    /** The largest plan --plan writes as CSV. */
    static final long MAX_PLAN = 50_000_000L;

    /** The options that set a key of {@link SinkhornConfig}, with the config's defaults. */
    static final ConfigOptions<SinkhornConfig> CONFIG = new ConfigOptions<>(SinkhornConfig.defaults(), Map.of(
        "--epsilon", "epsilon", "--epsilon-relative", "epsilonScale", "--tolerance", "tolerance",
        "--max-iter", "maxIterations", "--method", "method", "--precision", "precision",
        "--epsilon-scaling", "epsilonScaling", "--lazy", "lazy", "--threads", "threads", "--unbalanced", "tau"));

    /** {@code --help} shows the config's defaults, and the default cost's name. */
    static final class Defaults extends ConfigOptions.Defaults {
      public Defaults() {
        super(CONFIG);
      }

      @Override
      public String defaultValue(ArgSpec arg) {
        String d = super.defaultValue(arg);
        if (d == null && arg instanceof OptionSpec o && o.longestName().equals("--cost")) {
          return Variants.name(StandardCost.DEFAULT);
        }
        return d;
      }
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--x", required = true, paramLabel = "X.csv", description = "Source points, one per row.")
    Path x;

    @Option(names = "--y", required = true, paramLabel = "Y.csv", description = "Target points, same dimension.")
    Path y;

    @Option(names = "--a", paramLabel = "A.csv", description = "Source weights, one per row (default uniform).")
    Path a;

    @Option(names = "--b", paramLabel = "B.csv", description = "Target weights, one per row (default uniform).")
    Path b;

    @Option(names = "--header", negatable = true,
        description = "The first line of every input file is a header (--header) or data (--no-header)"
            + " (default: decided per file, see above).")
    Boolean header;

    @Option(names = "--cost", paramLabel = "COST", completionCandidates = CostNames.class,
        description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "Entropic regularization (default: ${DEFAULT-VALUE}).")
    String epsilon;

    @Option(names = "--epsilon-relative", paramLabel = "SCALE", completionCandidates = ScaleNames.class,
        description = "What EPS multiplies: ${COMPLETION-CANDIDATES}; none = EPS is absolute, else the mean, median"
            + " or max entry of the cost matrix (default: ${DEFAULT-VALUE}).")
    String epsilonRelative;

    @Option(names = "--tolerance", paramLabel = "TOL",
        description = "Stop when the L1 marginal error is at most TOL (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration budget (default: ${DEFAULT-VALUE}).")
    String maxIter;

    @Option(names = "--unbalanced", paramLabel = "TAU",
        description = "Unbalanced OT: KL marginal penalty TAU, weights need not sum to 1"
            + " (default: ${DEFAULT-VALUE} = balanced).")
    String tau;

    @Option(names = "--plan", paramLabel = "plan.csv", description = "Also write the dense n x m plan (at most 5e7 entries).")
    Path plan;

    @Option(names = "--out", required = true, paramLabel = "result.json", description = "Result file.")
    Path out;

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = MethodNames.class,
        description = "Solver: ${COMPLETION-CANDIDATES}; auto = stabilized kernel, log domain when lazy"
            + " (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--precision", paramLabel = "P", completionCandidates = PrecisionNames.class,
        description = "Storage of the cost and kernel matrices: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--epsilon-scaling", description = "Solve a decreasing sequence of epsilons (default: ${DEFAULT-VALUE}).")
    boolean epsilonScaling;

    @Option(names = "--lazy", description = "Never store the n x m cost (large clouds; log domain) (default: ${DEFAULT-VALUE}).")
    boolean lazy;

    @Option(names = "--threads", paramLabel = "T",
        description = "Worker threads, 0 = all cores; the result depends on the count only in its last bits"
            + " (default: ${DEFAULT-VALUE}).")
    String threads;

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      return e.argument().equals("cost") ? e.renamed("--cost") : CONFIG.inOptionTerms(e);
    }

    @Override
    public Integer call() {
      SinkhornConfig config = CONFIG.config(spec, Map.of());
      StandardCost c = StandardCost.parse(cost);
      NumericCsv.Header rule = header == null ? NumericCsv.Header.AUTO
          : header ? NumericCsv.Header.PRESENT : NumericCsv.Header.ABSENT;
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--x", x);
      inputs.put("--y", y);
      inputs.put("--a", a);
      inputs.put("--b", b);
      try (OutputFiles files = OutputFiles.protecting(inputs)) {
        files.declare("--out", out);
        files.declare("--plan", plan);
        NumericCsv.Matrix xm = NumericCsv.read(x, rule);
        NumericCsv.Matrix ym = NumericCsv.read(y, rule);
        PointCloud px = cloud(xm, x, a, rule);
        PointCloud py = cloud(ym, y, b, rule);
        long size = (long) xm.n() * ym.n();
        if (plan != null && size > MAX_PLAN) {
          throw new InvalidArgumentException("--plan", ": the plan has " + size + " entries (> 5e7); too large for CSV");
        }
        SinkhornResult r;
        try (Progress p = Progress.start("ot solve", config.maxIterations())) {
          r = Sinkhorn.solve(config, px, py, c, p.listener());
        } catch (InvalidArgumentException e) {
          throw located(e, xm, ym);
        }
        files.json(out, result(r, config, c, xm, ym), config);
        if (plan != null) {
          files.text(plan, planCsv(r));
        }
        files.commit();
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "cost %.10g  objective %.10g  iterations %d  marginal error (L1) %.3g  converged %s  %.3f s -> %s%n",
            r.cost(), r.objective(), r.iterations(), r.marginalErrorL1(), r.converged(), r.solveSeconds(), out);
        if (!r.converged()) {
          spec.commandLine().getErr().println("paperlab ot solve: warning: " + r.failure());
        }
      }
      return 0;
    }

    /** result.json's keys: the solve's metrics (null for a non-finite number), then the inputs'. */
    private Map<String, Object> result(SinkhornResult r, SinkhornConfig config, StandardCost c,
        NumericCsv.Matrix xm, NumericCsv.Matrix ym) {
      Map<String, Object> json = new LinkedHashMap<>();
      r.toMetrics().forEach((k, v) -> json.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
      json.put("epsilon_given", config.epsilon());
      json.put("epsilon_relative", Variants.name(config.epsilonScale()));
      json.put("cost_function", Variants.name(c));
      json.put("tolerance", config.tolerance());
      json.put("unbalanced_tau", config.balanced() ? null : config.tau());
      json.put("precision", Variants.name(config.precision()));
      json.put("n", xm.n());
      json.put("m", ym.n());
      json.put("d", xm.d());
      json.put("x", x.toString());
      json.put("y", y.toString());
      return json;
    }

    /**
     * The cloud of {@code points} with the weights of {@code weightsFile} (uniform when null): one
     * number per row; the library checks them, and its error is told at the weight's line.
     */
    static PointCloud cloud(NumericCsv.Matrix points, Path pointsFile, Path weightsFile, NumericCsv.Header rule) {
      PointCloud p = PointCloud.of(points.flat(), points.n(), points.d());
      if (weightsFile == null) {
        return p;
      }
      NumericCsv.Matrix w = NumericCsv.read(weightsFile, rule);
      long[] lines = w.lines();
      if (w.d() != 1) {
        throw new DataFormatException(weightsFile, lines[0], 2, "a weights file has one column, found " + w.d());
      }
      double[] values = new double[w.n()];
      for (int i = 0; i < values.length; i++) {
        values[i] = w.rows()[i][0];
      }
      try {
        return p.withWeights(values);
      } catch (InvalidArgumentException e) {
        String arg = e.argument();
        if (arg.equals("length of weights")) {
          int n = points.n();
          throw new DataFormatException(weightsFile, w.n() > n ? lines[n] : 0, 0,
              "has " + w.n() + " weights but " + pointsFile + " has " + n + " points");
        }
        if (arg.startsWith("weights[") && arg.endsWith("]")) {
          int i = Integer.parseInt(arg.substring("weights[".length(), arg.length() - 1));
          throw new DataFormatException(weightsFile, lines[i], 1, "weight" + e.detail());
        }
        throw e;
      }
    }

    /** A library error about the inputs as a whole, told at the file it concerns. */
    private RuntimeException located(InvalidArgumentException e, NumericCsv.Matrix xm, NumericCsv.Matrix ym) {
      switch (e.argument()) {
        case "x": // the dimensions differ
          return new DataFormatException(y, ym.lines()[0], Math.min(xm.d(), ym.d()) + 1,
              "has " + ym.d() + " columns but " + x + " has " + xm.d() + " (points need the same dimension)");
        case "weights of x":
          return a == null ? e : new DataFormatException(a, 0, 0, "weights" + e.detail());
        case "weights of y":
          return b == null ? e : new DataFormatException(b, 0, 0, "weights" + e.detail());
        default:
          return e;
      }
    }

    private static String planCsv(SinkhornResult r) {
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
      return sb.toString();
    }
  }
}
