package org.paperlab.bench.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.RectifiedFlow;
import org.paperlab.flow.SampleResult;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.flow.TrainingData;

/**
 * paperlab's side of benchmarks/peers/rectified_flow_compare.py: trains the 1-rectified flow of
 * the official 2-D notebook (MLP 3-100-100-2 tanh, Adam 5e-3, batch 2048, {@code t ~ U(0,1)},
 * squared error summed over dimensions, independent coupling) on the source and target samples the
 * script wrote, times it after a warm-up fit (JIT, ND4J initialization), samples the script's
 * evaluation points with Euler N = 100 (timed, after one warm-up pass) and N = 1, writes the
 * samples as CSV and prints one JSON line of timings.
 *
 * <pre>
 *   java -cp benchmarks.jar org.paperlab.bench.flow.FlowToyRun X0.csv X1.csv Z0.csv OUTDIR STEPS SEED
 * </pre>
 */
public final class FlowToyRun {
  private FlowToyRun() {}

  public static void main(String[] args) throws Exception {
    INDArray x0 = read(Path.of(args[0]));
    INDArray x1 = read(Path.of(args[1]));
    INDArray z0 = read(Path.of(args[2]));
    Path out = Path.of(args[3]);
    int steps = Integer.parseInt(args[4]);
    long seed = Long.parseLong(args[5]);
    FlowConfig cfg = FlowConfig.defaults().withSteps(steps).withSeed(seed);
    TrainingData data = new TrainingData.Unpaired(x0, x1);
    RectifiedFlow.fit(cfg.withSteps(Math.min(300, steps)), data); // warm-up: JIT and ND4J
    FlowFit fit = RectifiedFlow.fit(cfg, data);
    SamplerConfig n100 = SamplerConfig.euler(100);
    FlowSampler.solve(n100, fit.model(), z0); // warm-up of the sampling path
    SampleResult s100 = FlowSampler.solve(n100, fit.model(), z0);
    SampleResult s1 = FlowSampler.solve(SamplerConfig.euler(1), fit.model(), z0);
    Files.createDirectories(out);
    write(out.resolve("paperlab_nfe100.csv"), s100.samples());
    write(out.resolve("paperlab_nfe1.csv"), s1.samples());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("train_seconds", fit.seconds());
    r.put("steps", steps);
    r.put("steps_per_second", fit.stepsPerSecond());
    r.put("ms_per_step", 1e3 * fit.seconds() / steps);
    r.put("sample_seconds_nfe100", s100.seconds());
    r.put("samples_per_second_nfe100", s100.samplesPerSecond());
    r.put("final_loss", fit.finalLoss());
    StringBuilder sb = new StringBuilder("{");
    r.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
    System.out.println(sb.append('}'));
  }

  private static INDArray read(Path p) {
    return org.nd4j.linalg.factory.Nd4j.createFromArray(NumericCsv.read(p).rows()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
  }

  private static void write(Path p, INDArray x) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < x.rows(); i++) {
      sb.append(String.format(Locale.ROOT, "%.9g,%.9g%n", x.getDouble(i, 0), x.getDouble(i, 1)));
    }
    Files.writeString(p, sb.toString());
  }
}
