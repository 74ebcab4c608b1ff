package org.paperlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.core.ode.Scheme;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.SampleResult;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.lab.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code paperlab flow sample}: integrate a trained flow's ODE dZ = v(Z, t) dt from the given or drawn starting points. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Integrate a trained flow from starting points and write the end points (one per CSV row).",
      "With --steps N the scheme is Euler unless --scheme says otherwise (as the official notebook samples)."
    })
final class FlowSampleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "m.model", description = "The trained flow.")
  Path model;

  @Mixin FlowCommand.Start start;

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
      files.text(out, FlowFiles.csv(r.samples()));
      files.commit();
      spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d samples of %s, NFE %d (%s), %.3f s%n",
          out, r.samples().rows(), m, r.nfe(), org.paperlab.core.config.Variants.format(method), r.seconds());
    }
    return 0;
  }
}
