package org.paperlab.flow.experiments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Seeds;
import org.paperlab.flow.Coupling;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowLoss;
import org.paperlab.flow.RectifiedFlow;
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
 * {@code flow-2d-generation}: 1-rectified flows from the standard Gaussian to three 2-D toys (two
 * moons, a checkerboard, eight Gaussians; {@link Toys}), one setting changed at a time from the
 * official notebook's ({@code base}: {@code t ~ U(0, 1)}, squared L2 summed over dimensions,
 * independent coupling): Lee, Lin and Fanti's (2024) U-shaped time ({@code u-shaped}, a = 4), their
 * pseudo-Huber loss ({@code huber}, c = 0.00054 sqrt(2)), and a minibatch-OT coupling ({@code ot},
 * Tong et al. 2023; epsilon 0.01 x mean cost, blocks of 256). MLP 100-100 tanh, Adam 5e-3, batch
 * 1024, 5,000 steps (quick: 400 steps, batch 256).
 *
 * <p>Each flow is sampled from 2,000 fresh Gaussian points at Euler NFE 1, 2, 4, 8, 100 and
 * compared with 2,000 fresh target samples (energy distance, MMD). metrics.json:
 * {@code energy_distance_<toy>_<variant>_nfe<n>}, {@code mmd_<toy>_<variant>_nfe<n>},
 * {@code straightness_<toy>_<variant>}, for toy in {@code moons, checkerboard, gaussians8} and
 * variant in {@code base, u_shaped, huber, ot}.
 */
public final class Flow2dGeneration implements Experiment {
  @Override
  public String name() {
    return "flow-2d-generation";
  }

  @Override
  public String description() {
    return "Rectified flow N(0, I) to 2-D toys: uniform vs U-shaped time, L2 vs pseudo-Huber, independent vs OT coupling, against NFE";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    int n = quick ? 2000 : 10_000;
    int evalN = quick ? 800 : 2000;
    FlowConfig base = FlowConfig.defaults().withSeed(ctx.seed()).withBatchSize(quick ? 256 : 1024)
        .withSteps(quick ? 400 : 5000);
    Map<String, FlowConfig> variants = new LinkedHashMap<>();
    variants.put("base", base);
    variants.put("u_shaped", base.withTimeDistribution(new TimeDistribution.UShaped(4)));
    variants.put("huber", base.withLoss(new FlowLoss.PseudoHuber(0)));
    variants.put("ot", base.withCoupling(new Coupling.MinibatchOt(0.01, 256)));
    variants.forEach((k, v) -> ctx.config(k, v));
    Map<String, BiFunction<Integer, SplittableRandom, INDArray>> toys = new LinkedHashMap<>();
    toys.put("moons", Toys::twoMoons);
    toys.put("checkerboard", Toys::checkerboard);
    toys.put("gaussians8", Toys::eightGaussians);
    int[] nfes = {1, 2, 4, 8, 100};
    CsvTable table = Evaluation.table();
    Seeds seeds = ctx.seeds();
    for (var toy : toys.entrySet()) {
      SplittableRandom rng = seeds.child("data").child(toy.getKey()).random();
      INDArray x1 = toy.getValue().apply(n, rng);
      INDArray z0 = Toys.gaussian(evalN, 2, rng);
      INDArray target = toy.getValue().apply(evalN, rng);
      Chart chart = Chart.line(toy.getKey() + ": distance to the target against NFE", "NFE (Euler steps)", "energy distance")
          .logX().logY();
      for (var v : variants.entrySet()) {
        String name = toy.getKey() + "_" + v.getKey();
        FlowFit fit;
        try (Progress p = ctx.progress(name, v.getValue().steps())) {
          fit = RectifiedFlow.fit(v.getValue(), TrainingData.Unpaired.fromGaussian(x1), p.listener());
        }
        Evaluation.Report r = Evaluation.evaluate(name, fit.model(), z0, target, nfes, false, false);
        double[] x = new double[nfes.length];
        double[] y = new double[nfes.length];
        for (int i = 0; i < nfes.length; i++) {
          Evaluation.Point pt = r.at(nfes[i]);
          x[i] = nfes[i];
          y[i] = pt.energy();
          ctx.metric("energy_distance_" + name + "_nfe" + nfes[i], pt.energy());
          ctx.metric("mmd_" + name + "_nfe" + nfes[i], pt.mmd());
        }
        ctx.metric("straightness_" + name, r.straightness().value());
        ctx.metric("train_seconds_" + name, fit.seconds());
        Evaluation.rows(table, name, r);
        chart.series(v.getKey(), x, y);
        if (v.getKey().equals("base") || v.getKey().equals("ot")) {
          ctx.save(Plots.samples(name + ", Euler N = 4", r.at(4).samples().samples(), target, 2000),
              "samples_" + name + "_nfe4.png");
        }
        ctx.log("%s: energy distance NFE 1 %s, NFE 4 %s, NFE 100 %s; straightness %s", name,
            Evaluation.fmt(r.at(1).energy()), Evaluation.fmt(r.at(4).energy()), Evaluation.fmt(r.at(100).energy()),
            Evaluation.fmt(r.straightness().value()));
      }
      ctx.save(chart, "distance_vs_nfe_" + toy.getKey() + ".png");
    }
    ctx.save(table, "distances.csv");
  }

  public static void main(String[] args) {
    Runner.main(new Flow2dGeneration(), args);
  }
}
