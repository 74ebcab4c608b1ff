package org.paperlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.Seeds;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.core.ode.Scheme;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.RectifiedFlow;
import org.paperlab.flow.Reflow;
import org.paperlab.flow.SampleResult;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.flow.Toys;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.OutputFiles;
import org.paperlab.lab.Progress;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paperlab flow train|reflow|sample}: rectified flows on the user's own data (Liu, Gong and
 * Liu 2022). Options name {@link FlowConfig} settings; defaults are the config's own.
 */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description = {
      "Rectified flow: train a velocity field between two distributions, reflow it, sample it.",
      "",
      "  paperlab flow train --source gaussian --target T.csv --model rf1.model",
      "  paperlab flow reflow --model rf1.model --n 10000 --model-out rf2.model",
      "  paperlab flow sample --model rf2.model --n 1000 --steps 1 --out samples.csv",
      ""
    },
    subcommands = {FlowCommand.Train.class, FlowCommand.ReflowCmd.class, FlowCommand.Sample.class,
        CommandLine.HelpCommand.class})
final class FlowCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Option name -> FlowConfig key, for every config-backed option of train and reflow. */
  static final Map<String, String> TRAINING = Map.ofEntries(
      Map.entry("--hidden", "hidden"),
      Map.entry("--activation", "activation"),
      Map.entry("--steps", "steps"),
      Map.entry("--batch", "batchSize"),
      Map.entry("--lr", "learningRate"),
      Map.entry("--time-dist", "timeDistribution"),
      Map.entry("--loss", "loss"),
      Map.entry("--coupling", "coupling"),
      Map.entry("--ema", "emaDecay"),
      Map.entry("--clip", "clipNorm"),
      Map.entry("--seed", "seed"),
      Map.entry("--threads", "threads"));

  static final ConfigOptions<FlowConfig> OPTIONS = new ConfigOptions<>(FlowConfig.defaults(), TRAINING);

  /** Shows FlowConfig.defaults() as the training options' defaults. */
  static final class Defaults extends ConfigOptions.Defaults {
    Defaults() {
      super(OPTIONS);
    }
  }

  /** The training options shared by train and reflow (typed as text: the config parses them). */
  static final class TrainingOptions {
    @Option(names = "--hidden", paramLabel = "W,W", description = "Hidden widths of the MLP velocity field (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--activation", paramLabel = "tanh|relu|gelu|silu", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--steps", paramLabel = "N", description = "Adam steps (default: ${DEFAULT-VALUE}).")
    String steps;

    @Option(names = "--batch", paramLabel = "B", description = "Pairs per step (default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--time-dist", paramLabel = "uniform|u-shaped",
        description = "Time distribution: uniform (t ~ U(eps, 1)) or u-shaped (Lee et al. 2024; a = 4), e.g. 'u-shaped(a=2)' (default: ${DEFAULT-VALUE}).")
    String timeDist;

    @Option(names = "--loss", paramLabel = "l2|huber",
        description = "Loss: l2 (squared error, reduction sum or mean over dimensions) or huber (pseudo-Huber, c = 0 means 0.00054 sqrt(dim)) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--coupling", paramLabel = "independent|ot",
        description = "Pairing of unpaired samples: independent, or ot (minibatch OT, epsilon x mean cost, blocks) (default: ${DEFAULT-VALUE}).")
    String coupling;

    @Option(names = "--ema", paramLabel = "DECAY", description = "EMA decay of the weights, 0 for none (default: ${DEFAULT-VALUE}).")
    String ema;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip the gradient's norm, Infinity for none (default: ${DEFAULT-VALUE}).")
    String clip;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initialization and the batches (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--threads", paramLabel = "T", description = "Threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    String threads;
  }

  /** {@code paperlab flow train}. */
  @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = Defaults.class,
      description = {
        "Fit a rectified flow from the source to the target (1-RF), or on given pairs, and write the model file.",
        "CSV inputs: one point per row, the same number of columns."
      })
  static final class Train implements Callable<Integer>, OptionNames {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    static final class Data {
      @ArgGroup(exclusive = false)
      Unpaired unpaired;

      @Option(names = "--pairs", paramLabel = "P.csv", required = true,
          description = "Given pairs: each row z0 (d values) then z1 (d values), instead of --source/--target.")
      Path pairs;
    }

    static final class Unpaired {
      @Option(names = "--source", paramLabel = "S.csv|gaussian", defaultValue = "gaussian",
          description = "Source samples, or 'gaussian' for N(0, I) (default: ${DEFAULT-VALUE}).")
      String source = "gaussian";

      @Option(names = "--target", paramLabel = "T.csv", required = true, description = "Target samples.")
      Path target;
    }

    @Mixin TrainingOptions training;

    @Option(names = "--model", required = true, paramLabel = "out.model", description = "The model file to write.")
    Path model;

    @Override
    public Integer call() {
      FlowConfig cfg = OPTIONS.config(spec, Map.of());
      Map<String, Path> inputs = new LinkedHashMap<>();
      TrainingData td;
      if (data.pairs != null) {
        inputs.put("--pairs", data.pairs);
      } else {
        inputs.put("--target", data.unpaired.target);
        if (!data.unpaired.source.equals("gaussian")) {
          inputs.put("--source", Path.of(data.unpaired.source));
        }
      }
      try (OutputFiles out = OutputFiles.protecting(inputs)) {
        out.declare("--model", model);
        if (data.pairs != null) {
          td = pairs(data.pairs);
        } else {
          INDArray target = matrix(data.unpaired.target);
          INDArray source = data.unpaired.source.equals("gaussian") ? null : matrix(Path.of(data.unpaired.source));
          if (source != null && source.columns() != target.columns()) {
            throw new DataFormatException(Path.of(data.unpaired.source), 0, 0, "has " + source.columns()
                + " columns but " + data.unpaired.target + " has " + target.columns() + " (points need the same dimension)");
          }
          td = new TrainingData.Unpaired(source, target);
        }
        FlowFit fit = train(cfg, td, null);
        out.bytes(model, fit.model().toBytes());
        out.commit();
        report(spec.commandLine().getOut(), fit, model);
      }
      return 0;
    }

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      return OPTIONS.inOptionTerms(e);
    }
  }

  /** {@code paperlab flow reflow}. */
  @Command(name = "reflow", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = Defaults.class,
      description = {
        "Draw the pairs (Z0, Z1) of a trained flow and fit the next flow on them (k-RF -> (k+1)-RF).",
        "Training options not given are the input model's own (its config is stored in the model file)."
      })
  static final class ReflowCmd implements Callable<Integer>, OptionNames {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "in.model", description = "The trained flow.")
    Path model;

    @Mixin Start start;

    @Option(names = "--pairs-steps", defaultValue = "100", paramLabel = "N",
        description = "Euler steps of the flow that draws the pairs (default: ${DEFAULT-VALUE}, as the official 2-D notebook).")
    int pairsSteps;

    @Option(names = "--pairs-adaptive", description = "Draw the pairs by adaptive RK45 (rtol = atol = 1e-5, as the official CIFAR-10 code) instead.")
    boolean pairsAdaptive;

    @Option(names = "--from-scratch",
        description = "Start the new flow from a fresh initialization instead of the input's weights (as the official 2-D notebook does).")
    boolean fromScratch;

    @Option(names = "--warm-start", description = "Start from the input model's raw weights with a fresh EMA (the default).")
    boolean warmStart;

    @Mixin TrainingOptions training;

    @Option(names = "--model-out", required = true, paramLabel = "out.model", description = "The new model file.")
    Path modelOut;

    @Override
    public Integer call() {
      if (warmStart && fromScratch) {
        throw new Main.UsageError("--warm-start and --from-scratch exclude each other");
      }
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--model", model);
      if (start.from != null) {
        inputs.put("--from", start.from);
      }
      try (OutputFiles out = OutputFiles.protecting(inputs)) {
        out.declare("--model-out", modelOut);
        FlowModel in = FlowModel.load(model);
        // the input model's config, overlaid with the options the user gave
        Map<String, String> given = new LinkedHashMap<>();
        for (String option : TRAINING.keySet()) {
          if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
            given.put(TRAINING.get(option), spec.findOption(option).getValue().toString());
          }
        }
        FlowConfig cfg;
        try {
          cfg = org.paperlab.core.config.Configs.with(in.config(), given);
        } catch (InvalidArgumentException e) {
          throw OPTIONS.inOptionTerms(e);
        }
        if (!given.containsKey("seed")) {
          cfg = cfg.withSeed(in.config().seed() + 1);
        }
        cfg = cfg.withCoupling(new org.paperlab.flow.Coupling.Independent());
        INDArray z0 = start.points(in.dim(), cfg.seed());
        SamplerConfig sampler = pairsAdaptive ? SamplerConfig.adaptive(1e-5) : SamplerConfig.euler(pairsSteps);
        TrainingData.Paired pairs = Reflow.pairs(sampler, in, z0);
        FlowFit fit = train(cfg, pairs, fromScratch ? null : in);
        out.bytes(modelOut, fit.model().toBytes());
        out.commit();
        report(spec.commandLine().getOut(), fit, modelOut);
      }
      return 0;
    }

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      return OPTIONS.inOptionTerms(e);
    }
  }

  /** Where sampling and reflow start: a CSV of points, or N standard Gaussian draws. */
  static final class Start {
    @Option(names = "--from", paramLabel = "Z0.csv", description = "Starting points, one per row.")
    Path from;

    @Option(names = "--n", paramLabel = "N", description = "Draw N starting points from the model's Gaussian source instead.")
    Integer n;

    @Option(names = "--sample-seed", defaultValue = "0", paramLabel = "S", description = "Seed of the --n draws (default: ${DEFAULT-VALUE}).")
    long sampleSeed;

    INDArray points(int dim, long fallbackSeed) {
      if ((from == null) == (n == null)) {
        throw new Main.UsageError("give exactly one of --from Z0.csv and --n N");
      }
      if (from != null) {
        INDArray z = matrix(from);
        if (z.columns() != dim) {
          throw new DataFormatException(from, 0, 0, "has " + z.columns() + " columns but the model's dimension is " + dim);
        }
        return z;
      }
      if (n <= 0) {
        throw new InvalidArgumentException("--n", " = " + n + " must be > 0");
      }
      return Toys.gaussian(n, dim, Seeds.of(sampleSeed).child("flow-start").random());
    }
  }

  /** {@code paperlab flow sample}. */
  @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
        "Integrate a trained flow from starting points and write the end points (one per CSV row).",
        "With --steps N the scheme is Euler unless --scheme says otherwise (as the official notebook samples)."
      })
  static final class Sample implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "m.model", description = "The trained flow.")
    Path model;

    @Mixin Start start;

    @Option(names = "--steps", paramLabel = "N", description = "Fixed steps (default: 100).")
    Integer steps;

    @Option(names = "--adaptive", description = "Adaptive RK45 (rtol = atol = 1e-5 unless --rtol/--atol), reporting the NFE used.")
    boolean adaptive;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of --adaptive (default: 1e-5).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of --adaptive (default: 1e-5).")
    Double atol;

    @Option(names = "--scheme", defaultValue = "euler", paramLabel = "euler|heun|rk4", description = "Fixed-step scheme (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--backward", description = "Integrate from t = 1 to t = 0 (target to source).")
    boolean backward;

    @Option(names = "--raw-weights", description = "Sample with the raw weights even when the model has EMA weights.")
    boolean rawWeights;

    @Option(names = "--out", required = true, paramLabel = "samples.csv", description = "Output CSV.")
    Path out;

    @Override
    public Integer call() {
      if (adaptive && steps != null) {
        throw new Main.UsageError("--steps and --adaptive exclude each other");
      }
      OdeMethod.Adaptive ad = OdeMethod.Adaptive.defaults();
      OdeMethod method = adaptive
          ? new OdeMethod.Adaptive(rtol == null ? ad.rtol() : rtol, atol == null ? ad.atol() : atol, ad.maxSteps())
          : new OdeMethod.Fixed(Scheme.parse(scheme), steps == null ? OdeMethod.Fixed.defaults().steps() : steps);
      SamplerConfig cfg = SamplerConfig.defaults().withMethod(method).withBackward(backward).withUseEma(!rawWeights);
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--model", model);
      if (start.from != null) {
        inputs.put("--from", start.from);
      }
      try (OutputFiles files = OutputFiles.protecting(inputs)) {
        files.declare("--out", out);
        FlowModel m = FlowModel.load(model);
        INDArray z0 = start.points(m.dim(), 0);
        SampleResult r = FlowSampler.solve(cfg, m, z0);
        files.text(out, csv(r.samples()));
        files.commit();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d samples of %s, NFE %d (%s), %.3f s%n",
            out, r.samples().rows(), m, r.nfe(), org.paperlab.core.config.Variants.format(method), r.seconds());
      }
      return 0;
    }
  }

  static FlowFit train(FlowConfig cfg, TrainingData data, FlowModel warm) {
    try (Progress p = Progress.start("flow: " + cfg.steps() + " steps", cfg.steps())) {
      return RectifiedFlow.fit(cfg, data, warm, p.listener());
    }
  }

  static void report(PrintWriter o, FlowFit fit, Path file) {
    o.printf(Locale.ROOT, "wrote %s: %s; %d steps in %.1f s (%.0f steps/s), final loss %.5g%n",
        file, fit.model(), fit.config().steps(), fit.seconds(), fit.stepsPerSecond(), fit.finalLoss());
  }

  /** A numeric CSV as a float matrix (located errors for bad files). */
  static INDArray matrix(Path file) {
    NumericCsv.Matrix m = NumericCsv.read(file);
    double[][] rows = m.rows();
    if (rows.length == 0) {
      throw new DataFormatException(file, 0, 0, "has no data rows");
    }
    return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
  }

  /** Pairs from a CSV whose rows are z0 then z1. */
  static TrainingData.Paired pairs(Path file) {
    NumericCsv.Matrix m = NumericCsv.read(file);
    double[][] rows = m.rows();
    if (rows.length == 0) {
      throw new DataFormatException(file, 0, 0, "has no data rows");
    }
    int cols = rows[0].length;
    if (cols % 2 != 0) {
      throw new DataFormatException(file, m.lines()[0], 0,
          "has " + cols + " columns; a pairs file has an even number: z0 (d values) then z1 (d values)");
    }
    int d = cols / 2;
    double[][] z0 = new double[rows.length][d];
    double[][] z1 = new double[rows.length][d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, z0[i], 0, d);
      System.arraycopy(rows[i], d, z1[i], 0, d);
    }
    return TrainingData.Paired.given(Nd4j.createFromArray(z0), Nd4j.createFromArray(z1));
  }

  static String csv(INDArray x) {
    float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    int d = (int) x.columns();
    StringBuilder sb = new StringBuilder(v.length * 12);
    for (int i = 0; i < x.rows(); i++) {
      for (int k = 0; k < d; k++) {
        if (k > 0) {
          sb.append(',');
        }
        sb.append(v[i * d + k]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
