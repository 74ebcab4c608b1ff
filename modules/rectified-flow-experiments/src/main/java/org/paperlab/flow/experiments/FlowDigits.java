package org.paperlab.flow.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.SampleDistances;
import org.paperlab.core.Seeds;
import org.paperlab.core.nn.Activation;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowLoss;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.RectifiedFlow;
import org.paperlab.flow.Reflow;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.flow.TimeDistribution;
import org.paperlab.flow.Toys;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;

/**
 * {@code flow-digits}: image-shaped data on a CPU budget, the 8x8 handwritten digits ({@link
 * Digits}; 1,500 for training, 297 held out). From {@code N(0, I_64)}: the 1-rectified flow, the
 * 2-rectified flow on its pairs (drawn by adaptive RK45 at {@code rtol = atol = 1e-5} with the EMA
 * weights, and warm-started from its raw weights with a fresh EMA, as the official CIFAR-10
 * reflow), and the one-step distillation of the 2-RF on its own pairs ({@code t = 0} only, the
 * official "t0" schedule). Velocity field: MLP 65 -> 256 -> 256 -> 64 (SiLU); the CIFAR-10 code's
 * loss (squared error averaged over the pixels) and time ({@code t = U (1 - 1e-3) + 1e-3}); Adam
 * 1e-3, batch 256, 20,000 steps (distillation 10,000), EMA 0.999 (quick: 600 / 300 steps, EMA 0.99).
 *
 * <p>Each model samples 1,000 fresh Gaussian points at Euler NFE 1, 2, 8 and adaptive; the samples
 * are compared with the held-out digits by the RBF MMD (bandwidths 0.5, 1, 2 x the median
 * distance) on the pixels and on a fixed random projection to 8 dimensions (Gaussian, seed 0),
 * beside the floor that the training digits themselves reach ({@code _train}).
 *
 * <p>metrics.json: {@code mmd_pixels_<rf1|rf2|distilled>_nfe<n>} and {@code _adaptive},
 * {@code mmd_projection_...}, {@code mmd_pixels_train}, {@code mmd_projection_train},
 * {@code adaptive_nfe_<rf1|rf2>}, {@code transport_cost_<rf1|rf2>} (of the reflow pairs),
 * {@code train_seconds_<...>}.
 */
public final class FlowDigits implements Experiment {
  @Override
  public String name() {
    return "flow-digits";
  }

  @Override
  public String description() {
    return "Rectified flow on 8x8 handwritten digits: 1-RF, 2-RF and one-step distillation, MMD against NFE";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    int steps = quick ? 600 : 20_000;
    int pairsN = quick ? 600 : 5000;
    int evalN = quick ? 400 : 1000;
    FlowConfig cfg = FlowConfig.defaults().withHidden(256, 256).withActivation(Activation.SILU).withSteps(steps)
        .withBatchSize(256).withLearningRate(1e-3).withTimeDistribution(new TimeDistribution.Uniform(1e-3))
        .withLoss(new FlowLoss.SquaredL2(FlowLoss.Reduction.MEAN)).withEmaDecay(quick ? 0.99 : 0.999)
        .withSeed(ctx.seed()).withLogEvery(50);
    FlowConfig distill = cfg.forDistillation().withSteps(steps / 2).withSeed(ctx.seed() + 2);
    ctx.config("rf", cfg).config("distill", distill).config("reflow_pairs", pairsN);

    Seeds seeds = ctx.seeds();
    INDArray all = Digits.load();
    int[] perm = permutation(all.rows(), seeds.child("split").random());
    INDArray train = rows(all, perm, 0, 1500);
    INDArray test = rows(all, perm, 1500, (int) all.rows());
    INDArray projection = Toys.gaussian(Digits.PIXELS, 8, Seeds.of(0).child("projection").random()).divi(8.0);
    INDArray z0 = Toys.gaussian(evalN, Digits.PIXELS, seeds.child("eval").random());
    ctx.metric("mmd_pixels_train", mmd(train, test));
    ctx.metric("mmd_projection_train", mmd(train.mmul(projection), test.mmul(projection)));
    ctx.save(Digits.grid(train, 10, 10, 4), "digits_train.png");

    SamplerConfig pairSampler = SamplerConfig.adaptive(1e-5);
    FlowFit rf1 = fit(ctx, "1-RF", cfg, TrainingData.Unpaired.fromGaussian(train), null);
    TrainingData.Paired pairs1 = Reflow.pairs(pairSampler, rf1.model(), pairsN, ctx.seed());
    FlowFit rf2 = fit(ctx, "2-RF", cfg.withSeed(ctx.seed() + 1), pairs1, rf1.model());
    TrainingData.Paired pairs2 = Reflow.pairs(pairSampler, rf2.model(), pairsN, ctx.seed() + 1);
    FlowFit one = fit(ctx, "distilled 2-RF", distill, pairs2, rf2.model());
    ctx.metric("transport_cost_rf1", org.paperlab.flow.FlowMetrics.transportCost(pairs1.z0(), pairs1.z1()));
    ctx.metric("transport_cost_rf2", org.paperlab.flow.FlowMetrics.transportCost(pairs2.z0(), pairs2.z1()));

    CsvTable table = new CsvTable("flow", "sampler", "nfe", "mmd_pixels", "mmd_projection");
    Chart chart = Chart.line("MMD to held-out digits against NFE", "NFE", "MMD^2 (pixels)").logX().logY();
    Map<String, FlowFit> models = new LinkedHashMap<>();
    models.put("rf1", rf1);
    models.put("rf2", rf2);
    models.put("distilled", one);
    for (var e : models.entrySet()) {
      FlowModel m = e.getValue().model();
      ctx.metric("train_seconds_" + e.getKey(), e.getValue().seconds());
      List<double[]> curve = new ArrayList<>();
      List<SamplerConfig> samplers = new ArrayList<>();
      for (int nfe : e.getKey().equals("distilled") ? new int[] {1, 2} : new int[] {1, 2, 8}) {
        samplers.add(SamplerConfig.euler(nfe));
      }
      if (!e.getKey().equals("distilled")) {
        samplers.add(SamplerConfig.adaptive(1e-5));
      }
      for (SamplerConfig s : samplers) {
        var r = FlowSampler.solve(s, m, z0);
        boolean adaptive = s.method() instanceof org.paperlab.core.ode.OdeMethod.Adaptive;
        String at = adaptive ? "adaptive" : "nfe" + r.nfe();
        double px = mmd(r.samples(), test);
        double pr = mmd(r.samples().mmul(projection), test.mmul(projection));
        ctx.metric("mmd_pixels_" + e.getKey() + "_" + at, px);
        ctx.metric("mmd_projection_" + e.getKey() + "_" + at, pr);
        if (adaptive) {
          ctx.metric("adaptive_nfe_" + e.getKey(), r.nfe());
        }
        table.addRow(e.getKey(), adaptive ? "adaptive" : "euler", (double) r.nfe(), px, pr);
        curve.add(new double[] {r.nfe(), px});
        ctx.save(Digits.grid(r.samples(), 10, 10, 4), "samples_" + e.getKey() + "_" + at + ".png");
        ctx.log("%s %s: MMD pixels %s, projection %s", e.getKey(), at, Evaluation.fmt(px), Evaluation.fmt(pr));
      }
      chart.series(e.getKey(), curve.stream().mapToDouble(c -> c[0]).toArray(), curve.stream().mapToDouble(c -> c[1]).toArray());
    }
    double floor = (double) ctx.metrics().get("mmd_pixels_train");
    chart.dashed("training digits (floor)", new double[] {1, 200}, new double[] {floor, floor});
    ctx.save(table, "mmd.csv");
    ctx.save(chart, "mmd_vs_nfe.png");
  }

  private static FlowFit fit(RunContext ctx, String label, FlowConfig cfg, TrainingData data, FlowModel warm) {
    try (Progress p = ctx.progress(label, cfg.steps())) {
      FlowFit f = RectifiedFlow.fit(cfg, data, warm, p.listener());
      ctx.log("%s: %d steps in %.1f s, final loss %s", label, cfg.steps(), f.seconds(), Evaluation.fmt(f.finalLoss()));
      return f;
    }
  }

  /** Biased RBF MMD^2 with bandwidths 0.5, 1, 2 times the median distance. */
  static double mmd(INDArray x, INDArray y) {
    INDArray a = x.castTo(DataType.DOUBLE);
    INDArray b = y.castTo(DataType.DOUBLE);
    double med = SampleDistances.medianDistance(a, b);
    return SampleDistances.mmd2Biased(a, b, 0.5 * med, med, 2 * med);
  }

  private static int[] permutation(long n, SplittableRandom rng) {
    int[] p = new int[(int) n];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    for (int i = p.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static INDArray rows(INDArray all, int[] perm, int from, int to) {
    int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
    return Nd4j.pullRows(all, 1, idx).castTo(DataType.FLOAT);
  }

  public static void main(String[] args) {
    Runner.main(new FlowDigits(), args);
  }
}
