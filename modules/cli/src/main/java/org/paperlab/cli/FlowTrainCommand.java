package org.paperlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code paperlab flow train}: a 1-rectified flow (Liu, Gong and Liu 2022, Eq. 1) fitted on the user's samples or pairs. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = FlowCommand.Defaults.class,
    description = {
      "Fit a rectified flow from the source to the target (1-RF), or on given pairs, and write the model file.",
      "CSV inputs: one point per row, the same number of columns."
    })
final class FlowTrainCommand implements Callable<Integer>, OptionNames {
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

  @Mixin FlowFiles.HeaderOption header;

  @Mixin FlowCommand.TrainingOptions training;

  @Option(names = "--model", required = true, paramLabel = "out.model", description = "The model file to write.")
  Path model;

  @Override
  public Integer call() {
    FlowConfig cfg = FlowCommand.OPTIONS.config(spec, Map.of());
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
        td = FlowFiles.pairs(data.pairs, header.rule());
      } else {
        INDArray target = FlowFiles.matrix(data.unpaired.target, header.rule());
        INDArray source = data.unpaired.source.equals("gaussian") ? null : FlowFiles.matrix(Path.of(data.unpaired.source), header.rule());
        if (source != null && source.columns() != target.columns()) {
          throw new DataFormatException(Path.of(data.unpaired.source), 0, 0, "has " + source.columns()
              + " columns but " + data.unpaired.target + " has " + target.columns() + " (points need the same dimension)");
        }
        td = new TrainingData.Unpaired(source, target);
      }
      FlowFit fit = FlowCommand.train(cfg, td, null);
      out.bytes(model, fit.model().toBytes());
      out.commit();
      FlowCommand.report(spec.commandLine().getOut(), fit, model);
    }
    return 0;
  }

  @Override
  public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
    return FlowCommand.OPTIONS.inOptionTerms(e);
  }
}
