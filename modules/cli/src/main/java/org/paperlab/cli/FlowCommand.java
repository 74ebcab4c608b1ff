package org.paperlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.Seeds;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.RectifiedFlow;
import org.paperlab.flow.Toys;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.Progress;
import picocli.CommandLine;
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
    subcommands = {FlowTrainCommand.class, FlowReflowCommand.class, FlowSampleCommand.class,
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

  /** Where sampling and reflow start: a CSV of points, or N standard Gaussian draws. */
  static final class Start {
    @Option(names = "--from", paramLabel = "Z0.csv", description = "Starting points, one per row.")
    Path from;

    @Option(names = "--n", paramLabel = "N", description = "Draw N starting points from the model's Gaussian source instead.")
    Integer n;

    @Mixin FlowFiles.HeaderOption header;

    @Option(names = "--sample-seed", defaultValue = "0", paramLabel = "S", description = "Seed of the --n draws (default: ${DEFAULT-VALUE}).")
    long sampleSeed;

    INDArray points(int dim, long fallbackSeed) {
      if ((from == null) == (n == null)) {
        throw new Main.UsageError("give exactly one of --from Z0.csv and --n N");
      }
      if (from != null) {
        INDArray z = FlowFiles.matrix(from, header.rule());
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

  static FlowFit train(FlowConfig cfg, TrainingData data, FlowModel warm) {
    try (Progress p = Progress.start("flow: " + cfg.steps() + " steps", cfg.steps())) {
      return RectifiedFlow.fit(cfg, data, warm, p.listener());
    }
  }

  static void report(PrintWriter o, FlowFit fit, Path file) {
    o.printf(Locale.ROOT, "wrote %s: %s; %d steps in %.1f s (%.0f steps/s), final loss %.5g%n",
        file, fit.model(), fit.config().steps(), fit.seconds(), fit.stepsPerSecond(), fit.finalLoss());
  }

}
