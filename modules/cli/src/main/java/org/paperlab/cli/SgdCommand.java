package org.paperlab.cli;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.OutputFiles;
import org.paperlab.lab.Progress;
import org.paperlab.sgd.Checkpoints;
import org.paperlab.sgd.HarveyLowerBound;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.OutputSummary;
import org.paperlab.sgd.ProblemSpec;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.Sgd;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.StochasticProblem;
import org.paperlab.sgd.experiments.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
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

  /**
   * {@code paperlab sgd run}: the options name config keys of {@link SgdConfig} ({@link #CONFIG}),
   * variants of its families by name ({@code --schedule}, {@code --output}, {@code --noise},
   * {@code --mirror}) and of {@link ProblemSpec} ({@code --problem}), and their components
   * ({@link #NAMES}); every default, check and problem-dependent choice is the library's.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      defaultValueProvider = Run.Defaults.class,
      description = {
        "Run R independent runs of T steps and write DIR/checkpoints.csv (mean and quantiles of the gap",
        "F(x) - F* at geometric checkpoints of t), DIR/metrics.json, DIR/config.json and DIR/gap.png.",
        "Schedules that need T (sqrt-horizon, smooth-sqrt-horizon, heavy-tail-horizon, linear-decay, jain)",
        "get their slope from extra runs at horizons T/10..T. Problem harvey (d = T, deterministic) is",
        "simulated exactly in O(1) per step; its averaged outputs are reported at t = T only.",
        "",
        "Example: paperlab sgd run --problem lad --schedule sqrt-t --output last,uniform --steps 100000 --runs 200"
      })
  static final class Run implements Callable<Integer>, OptionNames {
    /** The options that set a key of {@link SgdConfig}, with the config's defaults. */
    static final ConfigOptions<SgdConfig> CONFIG = new ConfigOptions<>(SgdConfig.defaults(), Map.of(
        "--steps", "steps", "--runs", "runs", "--seed", "seed", "--bootstrap", "bootstrap", "--threads", "threads",
        "--clip", "clip"));

    /**
     * The option behind each library argument that is a variant ({@code schedule}) or one of its
     * components ({@code schedule.p}): a library error under that name is told under the option.
     */
    static final Map<String, String> NAMES = Map.ofEntries(
        Map.entry("problem", "--problem"), Map.entry("problem.dim", "--dim"), Map.entry("problem.mu", "--mu"),
        Map.entry("problem.lambda", "--lambda"), Map.entry("problem.labelNoise", "--label-noise"),
        Map.entry("problem.radius", "--radius"),
        Map.entry("schedule", "--schedule"), Map.entry("schedule.c", "--eta"), Map.entry("schedule.eta", "--eta"),
        Map.entry("schedule.mu", "--mu"), Map.entry("schedule.smoothness", "--smoothness"),
        Map.entry("schedule.p", "--p"),
        Map.entry("noise", "--noise"), Map.entry("noise.sigma", "--sigma"), Map.entry("noise.nu", "--nu"),
        Map.entry("noise.alpha", "--alpha"),
        Map.entry("outputs", "--output"), Map.entry("outputs.eta", "--sz-eta"), Map.entry("outputs.beta", "--beta"),
        Map.entry("mirror", "--mirror"));

    /** {@code --help} shows the config's defaults: its keys' values and its variants' names. */
    static final class Defaults extends ConfigOptions.Defaults {
      private static final SgdConfig D = SgdConfig.defaults();
      private static final Map<String, String> VARIANTS = Map.of(
          "--schedule", Variants.name(D.schedule()),
          "--output", D.outputs().stream().map(Variants::name).collect(Collectors.joining(",")),
          "--noise", Variants.name(D.noise()));

      public Defaults() {
        super(CONFIG);
      }

      @Override
      public String defaultValue(ArgSpec arg) {
        String d = super.defaultValue(arg);
        return d != null || !(arg instanceof OptionSpec o) ? d : VARIANTS.get(o.longestName());
      }
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--problem", defaultValue = "lad", paramLabel = "NAME",
        description = "harvey, lad, l1-composite, strongly-convex or simplex (default: ${DEFAULT-VALUE}).")
    String problem;

    @Option(names = "--schedule", paramLabel = "NAME",
        description = "constant, sqrt-t, sqrt-horizon, mu-t, two-mu-t, smooth-sqrt-t, smooth-sqrt-horizon, heavy-tail, "
            + "heavy-tail-horizon, linear-decay or jain (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--output", split = ",", paramLabel = "NAME[,NAME...]",
        description = "last, uniform, suffix, shamir-zhang, weighted (comma separated; default: ${DEFAULT-VALUE}).")
    List<String> outputs;

    @Option(names = "--steps", paramLabel = "T", description = "Steps per run (default: ${DEFAULT-VALUE}).")
    String steps;

    @Option(names = "--runs", paramLabel = "R", description = "Independent runs (default: ${DEFAULT-VALUE}).")
    String runs;

    @Option(names = "--noise", paramLabel = "MODEL",
        description = "none, gaussian, student-t or pareto (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--out", defaultValue = "results/sgd-run", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--eta", paramLabel = "C",
        description = "Step constant c or eta of the schedule (default: the problem's: 1/sqrt(dim) for lad, 1 for harvey, "
            + "0.5 otherwise).")
    String eta;

    @Option(names = "--mu", defaultValue = "1", description = "Strong convexity mu of mu-t, two-mu-t and of l1-composite/strongly-convex (default: ${DEFAULT-VALUE}).")
    String mu;

    @Option(names = "--smoothness", paramLabel = "L",
        description = "L of the smooth-* schedules min{1/(2L), ...} (default: the problem's: mu for l1-composite and "
            + "strongly-convex, 0 = no cap otherwise).")
    String smoothness;

    @Option(names = "--p", defaultValue = "2", description = "Moment index p in (1, 2] of the heavy-tail schedules (default: ${DEFAULT-VALUE}).")
    String p;

    @Option(names = "--sigma", defaultValue = "1", description = "Noise scale (default: ${DEFAULT-VALUE}).")
    String sigma;

    @Option(names = "--nu", defaultValue = "3", description = "Degrees of freedom of student-t noise (default: ${DEFAULT-VALUE}).")
    String nu;

    @Option(names = "--alpha", defaultValue = "2.5", description = "Tail index (> 1) of pareto noise (default: ${DEFAULT-VALUE}).")
    String alpha;

    @Option(names = "--clip", paramLabel = "TAU",
        description = "Clip stochastic gradients to norm TAU (default: ${DEFAULT-VALUE} = no clipping).")
    String clip;

    @Option(names = "--dim", description = "Dimension d (default: the problem's, 10; harvey: d = T).")
    String dim;

    @Option(names = "--lambda", paramLabel = "LAMBDA",
        description = "L1 weight (l1-composite, strongly-convex; default 0.5) or entropy weight (simplex; default 0).")
    String lambda;

    @Option(names = "--label-noise", paramLabel = "S", description = "lad: label noise s >= 0 (default: 0).")
    String labelNoise;

    @Option(names = "--radius", paramLabel = "R", description = "lad: L2-ball domain radius >= 1 (default: Infinity = R^d).")
    String radius;

    @Option(names = "--mirror", paramLabel = "MAP",
        description = "euclidean or entropy (simplex only) (default: the problem's: entropy for simplex, euclidean otherwise).")
    String mirror;

    @Option(names = "--sz-eta", defaultValue = "3", description = "Shamir-Zhang averaging parameter (default: ${DEFAULT-VALUE}).")
    String szEta;

    @Option(names = "--beta", defaultValue = "2", description = "Exponent of the weighted output (t+1)^beta (default: ${DEFAULT-VALUE}).")
    String beta;

    @Option(names = "--bootstrap", description = "Bootstrap resamples for slope intervals (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--threads", description = "Worker threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    String threads;

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      String option = NAMES.get(e.argument());
      return option != null ? e.renamed(option) : CONFIG.inOptionTerms(e);
    }

    /** The problem and the config the options describe (nothing is run). */
    record Setup(ProblemSpec problem, SgdConfig config) {}

    /** Builds the problem, then the config, whose defaults depend on it, from the options. */
    Setup setup() {
      Map<String, String> given = new LinkedHashMap<>();
      given.put("dim", dim);
      given.put("mu", mu);
      given.put("lambda", lambda);
      given.put("labelNoise", labelNoise);
      given.put("radius", radius);
      Map<String, String> components = new LinkedHashMap<>(Configs.toMap((Record) ProblemSpec.defaults(problem)));
      given.forEach((k, v) -> {
        if (v != null && components.containsKey(k)) {
          components.put(k, v);
        }
      });
      ProblemSpec problemSpec = Variants.of(ProblemSpec.class, problem, components, "problem");

      String step = eta != null ? eta : Double.toString(problemSpec.defaultStep());
      Schedule s = variant(Schedule.class, "schedule", schedule, Map.of("c", step, "eta", step, "mu", mu,
          "smoothness", smoothness != null ? smoothness : Double.toString(problemSpec.defaultSmoothness()), "p", p));
      NoiseModel n = variant(NoiseModel.class, "noise", noise, Map.of("sigma", sigma, "nu", nu, "alpha", alpha));
      Map<String, String> outputParameters = Map.of("eta", szEta, "beta", beta);
      Stream<Output> outs = outputs.stream().map(o -> variant(Output.class, "outputs", o, outputParameters));

      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("schedule", Variants.format(s));
      settings.put("outputs", outs.map(Variants::format).collect(Collectors.joining(",")));
      settings.put("noise", Variants.format(n));
      settings.put("mirror", mirror != null ? mirror : Variants.name(problemSpec.defaultMirror()));
      SgdConfig config = CONFIG.config(spec, settings);
      // the harvey instance is deterministic: one exact run
      return new Setup(problemSpec, problemSpec instanceof ProblemSpec.Harvey ? config.withRuns(1) : config);
    }

    /** The variant {@code name} of {@code family}, its components read by name from {@code parameters}. */
    private static <T> T variant(Class<T> family, String key, String name, Map<String, String> parameters) {
      Map<String, String> components = new LinkedHashMap<>();
      for (RecordComponent c : Variants.variant(family, name, key).getRecordComponents()) {
        components.put(c.getName(), parameters.get(c.getName()));
      }
      return Variants.of(family, name, components, key);
    }

    @Override
    public Integer call() {
      Setup setup = setup();
      SgdConfig config = setup.config();
      long steps = config.steps();
      StochasticProblem prob = setup.problem().create(steps);
      Path csv = out.resolve("checkpoints.csv");
      Path metricsJson = out.resolve("metrics.json");
      Path configJson = out.resolve("config.json");
      Path png = out.resolve("gap.png");
      try (OutputFiles files = OutputFiles.create()) {
        files.declareFolder("--out", out);
        for (Path f : List.of(csv, metricsJson, configJson, png)) {
          files.declare("--out", f);
        }
        long start = System.nanoTime();
        Chart chart = Report.gapChart(problem + ": eta_t = " + config.schedule().formula(), "t");
        Map<String, Object> metrics;
        CsvTable table;
        if (prob instanceof HarveyLowerBound h) {
          HarveyLowerBound.Simulation sim = h.simulate(config);
          metrics = sim.toMetrics();
          table = Report.simulationTable("harvey", sim);
          double[] t = Arrays.stream(sim.checkpoints()).asDoubleStream().toArray();
          Report.addLine(chart, "last iterate", t, sim.lastGaps());
        } else {
          SgdResult r;
          try (Progress pr = Progress.start("sgd " + problem, config.runs())) {
            r = Sgd.run(config, prob, pr.listener());
          }
          metrics = r.toMetrics();
          if (config.schedule().dependsOnHorizon() && steps >= 10) {
            long[] hs = Checkpoints.lastDecade(steps, 4);
            SgdResult sweep;
            try (Progress pr = Progress.start("sgd " + problem + " horizon sweep", (long) config.runs() * hs.length)) {
              sweep = Sgd.sweep(config, t -> prob, hs, pr.listener());
            }
            // the rate of a horizon-dependent schedule is read from the sweep
            sweep.toMetrics().forEach((k, v) -> {
              if (k.startsWith("slope_")) {
                metrics.put(k, v);
              }
            });
          }
          table = Report.checkpointTable("t", r.levels());
          Report.checkpoints(table, problem, r);
          for (OutputSummary s : r.outputs()) {
            Report.addOutput(chart, s.output().name(), r, s, true);
          }
        }
        metrics.put("seconds", (System.nanoTime() - start) / 1e9);

        files.text(csv, table.toCsv());
        files.json(metricsJson, metrics, config);
        files.json(configJson, summary(prob, config), config);
        files.bytes(png, chart.png());
        files.commit();
        print(metrics);
        return 0;
      }
    }

    /** The keys config.json has always had (scripts read them); OutputFiles adds the whole config. */
    private static Map<String, Object> summary(StochasticProblem prob, SgdConfig config) {
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("problem", prob.description());
      cfg.put("schedule", config.schedule().formula());
      cfg.put("outputs", config.outputs().stream().map(Output::name).toList());
      cfg.put("steps", config.steps());
      cfg.put("runs", config.runs());
      cfg.put("noise", config.noise().description());
      cfg.put("clip", config.clipping() ? (Object) config.clip() : "none");
      cfg.put("mirror", Variants.name(config.mirror()));
      cfg.put("seed", config.seed());
      return cfg;
    }

    private void print(Map<String, Object> metrics) {
      var o = spec.commandLine().getOut();
      for (Map.Entry<String, Object> e : metrics.entrySet()) {
        if (e.getKey().startsWith("gap_") || e.getKey().startsWith("slope_")) {
          o.printf(Locale.ROOT, "%-28s %s%n", e.getKey(), e.getValue());
        }
      }
      o.println("wrote " + out.toAbsolutePath().normalize() + "/{checkpoints.csv,metrics.json,config.json,gap.png}");
    }
  }
}
