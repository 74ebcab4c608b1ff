package org.paperlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.Reflow;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code paperlab flow reflow}: the (k+1)-rectified flow fitted on the pairs a k-rectified flow draws (Liu et al. 2022, Sec. 2.3). */
@Command(name = "reflow", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = FlowCommand.Defaults.class,
    description = {
      "Draw the pairs (Z0, Z1) of a trained flow and fit the next flow on them (k-RF -> (k+1)-RF).",
      "Training options not given are the input model's own (its config is stored in the model file)."
    })
final class FlowReflowCommand implements Callable<Integer>, OptionNames {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "in.model", description = "The trained flow.")
  Path model;

  @Mixin FlowCommand.Start start;

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

  @Mixin FlowCommand.TrainingOptions training;

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
      for (String option : FlowCommand.TRAINING.keySet()) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
          given.put(FlowCommand.TRAINING.get(option), spec.findOption(option).getValue().toString());
        }
      }
      FlowConfig cfg;
      try {
        cfg = org.paperlab.core.config.Configs.with(in.config(), given);
      } catch (InvalidArgumentException e) {
        throw FlowCommand.OPTIONS.inOptionTerms(e);
      }
      if (!given.containsKey("seed")) {
        cfg = cfg.withSeed(in.config().seed() + 1);
      }
      cfg = cfg.withCoupling(new org.paperlab.flow.Coupling.Independent());
      INDArray z0 = start.points(in.dim(), cfg.seed());
      SamplerConfig sampler = pairsAdaptive ? SamplerConfig.adaptive(1e-5) : SamplerConfig.euler(pairsSteps);
      TrainingData.Paired pairs = Reflow.pairs(sampler, in, z0);
      FlowFit fit = FlowCommand.train(cfg, pairs, fromScratch ? null : in);
      out.bytes(modelOut, fit.model().toBytes());
      out.commit();
      FlowCommand.report(spec.commandLine().getOut(), fit, modelOut);
    }
    return 0;
  }

  @Override
  public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
    return FlowCommand.OPTIONS.inOptionTerms(e);
  }
}
