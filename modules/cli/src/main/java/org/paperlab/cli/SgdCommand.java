package org.paperlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Json;
import org.paperlab.lab.Progress;
import org.paperlab.sgd.Checkpoints;
import org.paperlab.sgd.HarveyLowerBound;
import org.paperlab.sgd.L1CompositeProblem;
import org.paperlab.sgd.LadProblem;
import org.paperlab.sgd.MirrorMap;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.OutputSummary;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.Sgd;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.SimplexProblem;
import org.paperlab.sgd.SlopeEstimate;
import org.paperlab.sgd.StochasticProblem;
import org.paperlab.sgd.experiments.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperlab sgd run ...}: users' own runs of composite stochastic mirror descent. */
@Command(
    name = "sgd",
    mixinStandardHelpOptions = true,
    description = "Last-iterate SGD (Liu and Zhou 2024): run composite stochastic mirror descent many times.",
    subcommands = {SgdCommand.Run.class, CommandLine.HelpCommand.class})
final class SgdCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final List<String> PROBLEMS = List.of("harvey", "lad", "l1-composite", "strongly-convex", "simplex");

  /** {@code paperlab sgd run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Run R independent runs of T steps and write DIR/checkpoints.csv (mean and quantiles of the gap",
        "F(x) - F* at geometric checkpoints of t), DIR/metrics.json, DIR/config.json and DIR/gap.png.",
        "Schedules that need T (sqrt-horizon, smooth-sqrt-horizon, heavy-tail-horizon, linear-decay, jain)",
        "get their slope from extra runs at horizons T/10..T. Problem harvey (d = T, deterministic) is",
        "simulated exactly in O(1) per step; its averaged outputs are reported at t = T only.",
        "",
        "Example: paperlab sgd run --problem lad --schedule sqrt-t --output last,uniform --steps 100000 --runs 200"
      })
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--problem", defaultValue = "lad", paramLabel = "NAME",
        description = "harvey, lad, l1-composite, strongly-convex or simplex (default: ${DEFAULT-VALUE}).")
    String problem;

    @Option(names = "--schedule", defaultValue = "sqrt-t", paramLabel = "NAME",
        description = "constant, sqrt-t, sqrt-horizon, mu-t, two-mu-t, smooth-sqrt-t, smooth-sqrt-horizon, heavy-tail, "
            + "heavy-tail-horizon, linear-decay or jain (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--output", defaultValue = "last", split = ",", paramLabel = "NAME[,NAME...]",
        description = "last, uniform, suffix, shamir-zhang, weighted (comma separated; default: ${DEFAULT-VALUE}).")
    List<String> outputs;

    @Option(names = "--steps", defaultValue = "10000", paramLabel = "T", description = "Steps per run (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--runs", defaultValue = "100", paramLabel = "R", description = "Independent runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--noise", defaultValue = "none", paramLabel = "MODEL",
        description = "none, gaussian, student-t or pareto (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "results/sgd-run", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--eta", paramLabel = "C",
        description = "Step constant c or eta of the schedule (default: 1/sqrt(dim) for lad, 1 for harvey, 0.5 otherwise).")
    Double eta;

    @Option(names = "--mu", defaultValue = "1", description = "Strong convexity mu of mu-t, two-mu-t and of l1-composite/strongly-convex (default: ${DEFAULT-VALUE}).")
    double mu;

    @Option(names = "--smoothness", paramLabel = "L",
        description = "L of the smooth-* schedules min{1/(2L), ...} (default: mu for l1-composite, 0 = no cap otherwise).")
    Double smoothness;

    @Option(names = "--p", defaultValue = "2", description = "Moment index p in (1, 2] of the heavy-tail schedules (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--sigma", defaultValue = "1", description = "Noise scale (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--nu", defaultValue = "3", description = "Degrees of freedom of student-t noise (default: ${DEFAULT-VALUE}).")
    double nu;

    @Option(names = "--alpha", defaultValue = "2.5", description = "Tail index (> 1) of pareto noise (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--clip", paramLabel = "TAU", description = "Clip stochastic gradients to norm TAU (default: no clipping).")
    Double clip;

    @Option(names = "--dim", defaultValue = "10", description = "Dimension d (harvey: d = T) (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--lambda", paramLabel = "LAMBDA",
        description = "L1 weight (l1-composite, strongly-convex; default 0.5) or entropy weight (simplex; default 0).")
    Double lambda;

    @Option(names = "--label-noise", defaultValue = "0", paramLabel = "S", description = "lad: label noise s >= 0 (default: ${DEFAULT-VALUE}).")
    double labelNoise;

    @Option(names = "--radius", paramLabel = "R", description = "lad: L2-ball domain radius >= 1 (default: R^d).")
    Double radius;

    @Option(names = "--mirror", paramLabel = "MAP",
        description = "euclidean or entropy (simplex only) (default: entropy for simplex, euclidean otherwise).")
    String mirror;

    @Option(names = "--sz-eta", defaultValue = "3", description = "Shamir-Zhang averaging parameter (default: ${DEFAULT-VALUE}).")
    double szEta;

    @Option(names = "--beta", defaultValue = "2", description = "Exponent of the weighted output (t+1)^beta (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for slope intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
      oneOf("--problem", problem, PROBLEMS);
      oneOf("--schedule", schedule, Schedule.NAMES);
      for (String o : outputs) {
        oneOf("--output", o, Output.NAMES);
      }
      oneOf("--noise", noise, NoiseModel.NAMES);
      if (mirror != null) {
        oneOf("--mirror", mirror, List.of("euclidean", "entropy"));
      }
      positive("--steps", steps);
      positive("--runs", runs);
      Usage.require(steps <= SgdConfig.MAX_STEPS, "--steps = %d must be <= %d", steps, SgdConfig.MAX_STEPS);
      Usage.require(p > 1 && p <= 2, "--p = %s must be in (1, 2]", p);
      Usage.require(dim >= 1, "--dim = %d must be >= 1", dim);
      Usage.require(clip == null || clip > 0, "--clip = %s must be > 0", clip);
      Usage.require(eta == null || (eta > 0 && Double.isFinite(eta)), "--eta = %s must be > 0", eta);
      Usage.require(mu > 0 && Double.isFinite(mu), "--mu = %s must be > 0", mu);
      Usage.require(sigma > 0 && Double.isFinite(sigma), "--sigma = %s must be > 0", sigma);
      Usage.require(bootstrap >= 0, "--bootstrap = %d must be >= 0", bootstrap);
      Usage.require(threads >= 0, "--threads = %d must be >= 0", threads);

      boolean harvey = problem.equals("harvey");
      if (harvey) {
        Usage.require(noise.equals("none"), "--noise = %s: problem harvey is deterministic, use --noise none", noise);
        Usage.require(steps <= 50_000_000, "--steps = %d: problem harvey has d = T and needs 8 T bytes per output; "
            + "use T <= 50000000", steps);
      }
      StochasticProblem prob = problem(steps);
      MirrorMap map = mirror != null ? MirrorMap.valueOf(mirror.toUpperCase(Locale.ROOT))
          : problem.equals("simplex") ? MirrorMap.ENTROPY : MirrorMap.EUCLIDEAN;
      Schedule sched = schedule();
      NoiseModel nm = noise();
      List<Output> outs = new ArrayList<>();
      for (String o : outputs) {
        outs.add(output(o));
      }
      SgdConfig config;
      try {
        config = SgdConfig.defaults().withSteps(steps).withRuns(harvey ? 1 : runs).withSchedule(sched).withOutputs(outs)
            .withNoise(nm).withClip(clip == null ? Double.POSITIVE_INFINITY : clip).withMirror(map).withSeed(seed)
            .withBootstrap(bootstrap).withThreads(threads);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageError(e.getMessage());
      }

      var err = spec.commandLine().getErr();
      Map<String, Object> metrics = new LinkedHashMap<>();
      CsvTable table;
      Report.GapChart chart = new Report.GapChart(prob.description().split(":")[0] + ": eta_t = " + sched.formula(), "t");
      long start = System.nanoTime();
      if (harvey) {
        table = harvey((HarveyLowerBound) prob, config, metrics, chart);
      } else {
        SgdResult r;
        try (Progress pr = Progress.start("sgd " + problem, runs)) {
          r = Sgd.run(prob, config, Report.progress(pr));
        }
        SgdResult sweep = null;
        if (sched.dependsOnHorizon() && steps >= 10) {
          long[] hs = Checkpoints.lastDecade(steps, 4);
          try (Progress pr = Progress.start("sgd " + problem + " horizon sweep", (long) runs * hs.length)) {
            sweep = Sgd.sweep(t -> prob, config, hs, Report.progress(pr));
          }
        }
        table = Report.checkpointTable("t", r.levels());
        Report.checkpoints(table, problem, r);
        for (int o = 0; o < outs.size(); o++) {
          OutputSummary s = r.outputs().get(o);
          String name = s.output().name();
          metrics.put("gap_" + name + "_T" + steps, s.finalMean());
          for (int l = 0; l < r.levels().length; l++) {
            metrics.put("q" + Report.trim(r.levels()[l]) + "_" + name + "_T" + steps, s.quantiles()[l][r.t().length - 1]);
          }
          SlopeEstimate se = sweep != null ? sweep.outputs().get(o).slope() : s.slope();
          metrics.put("slope_" + name, finiteOrString(se.slope()));
          metrics.put("slope_" + name + "_lo", finiteOrString(se.lo()));
          metrics.put("slope_" + name + "_hi", finiteOrString(se.hi()));
          chart.add(name, r, s, true);
        }
        metrics.put("slope_source", sweep != null ? "sweep over T in [T/10, T]" : "checkpoints of t in [T/10, T]");
        metrics.put("steps_per_second", r.stepsPerSecond());
      }
      metrics.put("seconds", (System.nanoTime() - start) / 1e9);

      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("problem", prob.description());
      cfg.put("schedule", sched.formula());
      cfg.put("outputs", outputs);
      cfg.put("steps", steps);
      cfg.put("runs", config.runs());
      cfg.put("noise", nm.description());
      cfg.put("clip", clip == null ? "none" : clip);
      cfg.put("mirror", map.cliName());
      cfg.put("seed", seed);
      // everything computed: now write (each file atomically)
      try {
        Files.createDirectories(out);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
      }
      table.write(out.resolve("checkpoints.csv"));
      Json.write(out.resolve("config.json"), cfg);
      Json.write(out.resolve("metrics.json"), metrics);
      chart.save(out.resolve("gap.png"));
      var o = spec.commandLine().getOut();
      for (Map.Entry<String, Object> e : metrics.entrySet()) {
        if (e.getKey().startsWith("gap_") || e.getKey().startsWith("slope_")) {
          o.printf(Locale.ROOT, "%-28s %s%n", e.getKey(), e.getValue());
        }
      }
      o.println("wrote " + out.toAbsolutePath().normalize() + "/{checkpoints.csv,metrics.json,config.json,gap.png}");
      err.flush();
      return 0;
    }

    private CsvTable harvey(HarveyLowerBound h, SgdConfig config, Map<String, Object> metrics, Report.GapChart chart) {
      long[] cps = Checkpoints.geometric(steps, config.checkpointsPerDecade());
      HarveyLowerBound.Simulation sim = h.simulate(config.schedule(), steps, cps, config.outputs());
      CsvTable table = new CsvTable("series", "output", "t", "gap");
      for (int k = 0; k < cps.length; k++) {
        table.addRow("harvey", "last", (double) cps[k], sim.lastGaps()[k]);
      }
      for (Map.Entry<String, Double> e : sim.outputGaps().entrySet()) {
        if (!e.getKey().equals("last")) {
          table.addRow("harvey", e.getKey(), (double) steps, e.getValue());
        }
        metrics.put("gap_" + e.getKey() + "_T" + steps, e.getValue());
        metrics.put("sqrtT_gap_" + e.getKey(), Math.sqrt(steps) * e.getValue());
      }
      if (config.schedule().equals(new Schedule.InvSqrtHorizon(1))) {
        metrics.put("closed_form_gap_last_T" + steps, HarveyLowerBound.closedFormGap(steps));
      }
      metrics.put("explicit_oracle_steps", sim.explicitSteps());
      double[] t = new double[cps.length];
      for (int k = 0; k < cps.length; k++) {
        t[k] = cps[k];
      }
      chart.line("last iterate", t, sim.lastGaps());
      return table;
    }

    private StochasticProblem problem(long horizon) {
      double lam = lambda != null ? lambda : problem.equals("simplex") ? 0.0 : 0.5;
      Usage.require(lam >= 0 && Double.isFinite(lam), "--lambda = %s must be >= 0", lam);
      Usage.require(labelNoise >= 0 && Double.isFinite(labelNoise), "--label-noise = %s must be >= 0", labelNoise);
      Usage.require(radius == null || radius >= 1, "--radius = %s must be >= 1 (the ball must contain x*)", radius);
      return switch (problem) {
        case "harvey" -> new HarveyLowerBound((int) horizon);
        case "lad" -> new LadProblem(dim, labelNoise, radius == null ? Double.POSITIVE_INFINITY : radius);
        case "l1-composite" -> new L1CompositeProblem(Math.max(2, dim), mu, lam, true);
        case "strongly-convex" -> new L1CompositeProblem(Math.max(2, dim), mu, lam, false);
        default -> new SimplexProblem(Math.max(2, dim), lam);
      };
    }

    private Schedule schedule() {
      double c = eta != null ? eta : problem.equals("lad") ? 1 / Math.sqrt(dim) : problem.equals("harvey") ? 1.0 : 0.5;
      double l = smoothness != null ? smoothness
          : problem.equals("l1-composite") || problem.equals("strongly-convex") ? mu : 0.0;
      Usage.require(l >= 0 && Double.isFinite(l), "--smoothness = %s must be >= 0", l);
      return switch (schedule) {
        case "constant" -> new Schedule.Constant(c);
        case "sqrt-t" -> new Schedule.InvSqrtT(c);
        case "sqrt-horizon" -> new Schedule.InvSqrtHorizon(c);
        case "mu-t" -> new Schedule.InvMuT(mu);
        case "two-mu-t" -> new Schedule.TwoOverMuT(mu);
        case "smooth-sqrt-t" -> new Schedule.SmoothSqrtT(l, c);
        case "smooth-sqrt-horizon" -> new Schedule.SmoothSqrtHorizon(l, c);
        case "heavy-tail" -> new Schedule.HeavyTail(c, p);
        case "heavy-tail-horizon" -> new Schedule.HeavyTailHorizon(c, p);
        case "linear-decay" -> new Schedule.LinearDecay(c);
        default -> new Schedule.JainHalving(c);
      };
    }

    private NoiseModel noise() {
      return switch (noise) {
        case "none" -> new NoiseModel.None();
        case "gaussian" -> new NoiseModel.Gaussian(sigma);
        case "student-t" -> {
          Usage.require(nu > 0 && Double.isFinite(nu), "--nu = %s must be > 0", nu);
          yield new NoiseModel.StudentT(nu, sigma);
        }
        default -> {
          Usage.require(alpha > 1 && Double.isFinite(alpha), "--alpha = %s must be > 1", alpha);
          yield new NoiseModel.Pareto(alpha, sigma);
        }
      };
    }

    private Output output(String name) {
      Usage.require(szEta >= 0 && Double.isFinite(szEta), "--sz-eta = %s must be >= 0", szEta);
      Usage.require(beta >= 0 && Double.isFinite(beta), "--beta = %s must be >= 0", beta);
      return switch (name) {
        case "last" -> new Output.Last();
        case "uniform" -> new Output.Uniform();
        case "suffix" -> new Output.Suffix();
        case "shamir-zhang" -> new Output.ShamirZhang(szEta);
        default -> new Output.Weighted(beta);
      };
    }

    private static Object finiteOrString(double v) {
      return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    private static void oneOf(String option, String value, List<String> allowed) {
      if (!allowed.contains(value)) {
        throw new Main.UsageError(option + ": unknown value '" + value + "'; allowed: " + String.join(", ", allowed));
      }
    }

    private static void positive(String option, long value) {
      if (value <= 0) {
        throw new Main.UsageError(option + " = " + value + " must be > 0");
      }
    }
  }

  /** Usage checks that fail with {@link Main.UsageError} (exit code 2). */
  static final class Usage {
    private Usage() {}

    static void require(boolean ok, String format, Object... args) {
      if (!ok) {
        throw new Main.UsageError(String.format(Locale.ROOT, format, args));
      }
    }
  }
}
