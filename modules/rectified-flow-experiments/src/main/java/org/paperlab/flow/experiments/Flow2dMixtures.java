package org.paperlab.flow.experiments;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Seeds;
import org.paperlab.flow.Coupling;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowFit;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.Reflow;
import org.paperlab.flow.RectifiedFlow;
import org.paperlab.flow.SampleResult;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.flow.Toys;
import org.paperlab.flow.TrainingData;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;

/**
 * {@code flow-2d-mixtures}: the official 2-D notebook of Liu, Gong and Liu (gnobitab/RectifiedFlow,
 * "Rectified Flow: 2D toy"): a mixture of three Gaussians to another ({@link Toys}, D = 10,
 * covariance 0.3 I, 10,000 samples each), the velocity field an MLP 3 -> 100 -> 100 -> 2 (tanh,
 * t concatenated raw), Adam 5e-3, batch 2048, 10,000 steps, {@code t ~ U(0, 1)}, squared error
 * summed over the dimensions; reflow on the pairs drawn by Euler with N = 100 from the 10,000
 * source samples; the 2-RF warm-started from the 1-RF's weights (the library's default; the
 * notebook trains its 2-RF from scratch). Done twice: with the independent coupling, and with the
 * minibatch-OT coupling (epsilon 0.01 x mean cost, blocks of 256; metrics suffix {@code _ot}).
 *
 * <p>Evaluated on 2,000 fresh source points against 2,000 fresh target samples ({@link Evaluation}):
 * energy distance, MMD and Sinkhorn divergence at Euler NFE 1, 2, 4, 8, 100 and adaptive RK45;
 * straightness and the transport cost {@code E||Z_1 - Z_0||^2} of each flow's coupling on the
 * Euler grid of 100 steps, checked against Liu et al.'s Theorem 3.5: every cost stays below the
 * independent coupling's closed form 184.93, and reflow does not increase it
 * ({@code transport_cost_nonincreasing}). Beside them, the floor of each distance: what two
 * independent target samples of the evaluation size reach ({@code *_floor}).
 *
 * <p>metrics.json: {@code straightness_rf<k>}, {@code transport_cost_rf<k>},
 * {@code energy_distance_rf<k>_nfe<n>} and {@code _adaptive}, {@code mmd_...},
 * {@code sinkhorn_divergence_...}, {@code adaptive_nfe_rf<k>}, {@code straightness_per_dim_rf<k>},
 * {@code train_seconds_rf<k>}, {@code final_loss_rf<k>}, each also with suffix {@code _ot};
 * {@code transport_cost_independent} (closed form), {@code transport_cost_nonincreasing}
 * (and {@code _ot}).
 */
public final class Flow2dMixtures implements Experiment {
  @Override
  public String name() {
    return "flow-2d-mixtures";
  }

  @Override
  public String description() {
    return "Rectified flow on the official 2-D toy: 1-RF and 2-RF, independent and minibatch-OT coupling (Liu et al. 2022)";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    int n = quick ? 3000 : 10_000;
    int evalN = quick ? 500 : 2000;
    FlowConfig base = FlowConfig.defaults().withSeed(ctx.seed());
    if (quick) {
      base = base.withSteps(600).withBatchSize(512);
    }
    Seeds seeds = ctx.seeds();
    SplittableRandom data = seeds.child("data").random();
    INDArray x0 = Toys.mixtureSource(n, data);
    INDArray x1 = Toys.mixtureTarget(n, data);
    SplittableRandom eval = seeds.child("eval").random();
    INDArray z0 = Toys.mixtureSource(evalN, eval);
    INDArray target = Toys.mixtureTarget(evalN, eval);
    ctx.config("samples", n).config("eval_samples", evalN).config("reflow_pairs", "euler(100) from the training sources");
    ctx.metric("transport_cost_independent", Toys.MIXTURE_INDEPENDENT_COST);
    // what two independent target samples of the evaluation size reach: the floor of each distance
    INDArray other = Toys.mixtureTarget(evalN, seeds.child("floor").random());
    ctx.metric("energy_distance_floor", org.paperlab.flow.FlowMetrics.energyDistance(other, target));
    ctx.metric("mmd_floor", org.paperlab.flow.FlowMetrics.mmd(other, target));
    ctx.metric("sinkhorn_divergence_floor", org.paperlab.flow.FlowMetrics.sinkhornDivergence(other, target, 0.05));

    CsvTable distances = Evaluation.table();
    CsvTable losses = new CsvTable("flow", "step", "loss");
    Chart nfeChart = Chart.line("Distance to the target against NFE", "NFE (Euler steps)", "energy distance").logX().logY();
    Chart straightChart = Chart.line("Straightness S(Z) and transport cost E|Z1 - Z0|^2", "k (k-rectified flow)", "straightness");
    for (Coupling coupling : new Coupling[] {new Coupling.Independent(), new Coupling.MinibatchOt(0.01, 256)}) {
      boolean ot = coupling instanceof Coupling.MinibatchOt;
      String suffix = ot ? "_ot" : "";
      String label = ot ? "minibatch OT" : "independent";
      FlowConfig cfg1 = base.withCoupling(coupling);
      FlowConfig cfg2 = base.withSeed(base.seed() + 1);
      ctx.config("rf1" + suffix, cfg1).config("rf2" + suffix, cfg2);
      FlowFit rf1 = train(ctx, "1-RF " + label, cfg1, new TrainingData.Unpaired(x0, x1), null);
      TrainingData.Paired pairs = Reflow.pairs(SamplerConfig.euler(100), rf1.model(), x0);
      FlowFit rf2 = train(ctx, "2-RF " + label, cfg2, pairs, rf1);
      double[] costs = new double[2];
      double[] straight = new double[2];
      int k = 0;
      for (FlowFit f : new FlowFit[] {rf1, rf2}) {
        String name = "rf" + (k + 1);
        Evaluation.Report r = Evaluation.evaluate(name, f.model(), z0, target, Evaluation.NFES, true, true);
        Evaluation.metrics(ctx, r, suffix);
        Evaluation.rows(distances, name + suffix, r);
        ctx.metric("train_seconds_" + name + suffix, f.seconds());
        ctx.metric("final_loss_" + name + suffix, f.finalLoss());
        costs[k] = r.straightness().transportCost();
        straight[k] = r.straightness().value();
        double[] nfe = new double[Evaluation.NFES.length];
        double[] ed = new double[Evaluation.NFES.length];
        for (int i = 0; i < nfe.length; i++) {
          nfe[i] = Evaluation.NFES[i];
          ed[i] = r.at(Evaluation.NFES[i]).energy();
        }
        nfeChart.series((k + 1) + "-RF, " + label, nfe, ed);
        for (int nfeShown : new int[] {1, 100}) {
          ctx.save(Plots.samples((k + 1) + "-RF (" + label + "), Euler N = " + nfeShown, r.at(nfeShown).samples().samples(),
              target, 2000), "samples_" + name + "_nfe" + nfeShown + suffix + ".png");
        }
        SampleResult paths = FlowSampler.solve(SamplerConfig.euler(100).withRecordPath(true), f.model(),
            z0.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 120), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        ctx.save(Plots.trajectories((k + 1) + "-RF (" + label + ") trajectories, N = 100", paths.path(), 120),
            "trajectories_" + name + suffix + ".png");
        double[] tr = f.traceSteps();
        double[] lo = f.traceLoss();
        for (int i = 0; i < tr.length; i++) {
          losses.addRow(name + suffix, tr[i], lo[i]);
        }
        ctx.log("%s%s: straightness %s, transport cost %s, energy distance NFE 1 %s, NFE 100 %s, adaptive %s (NFE %d)",
            name, suffix, Evaluation.fmt(straight[k]), Evaluation.fmt(costs[k]), Evaluation.fmt(r.at(1).energy()),
            Evaluation.fmt(r.at(100).energy()), Evaluation.fmt(r.adaptive().energy()), r.adaptive().nfe());
        k++;
      }
      boolean ok = costs[0] < Toys.MIXTURE_INDEPENDENT_COST && costs[1] <= costs[0];
      ctx.metric("transport_cost_nonincreasing" + suffix, ok);
      straightChart.series("straightness, " + label, new double[] {1, 2}, straight);
    }
    ctx.save(distances, "distances.csv");
    ctx.save(losses, "loss.csv");
    ctx.save(nfeChart, "distance_vs_nfe.png");
    ctx.save(straightChart, "straightness.png");
  }

  private static FlowFit train(RunContext ctx, String label, FlowConfig cfg, TrainingData data, FlowFit warm) {
    try (Progress p = ctx.progress(label, cfg.steps())) {
      FlowFit f = RectifiedFlow.fit(cfg, data, warm == null ? null : warm.model(), p.listener());
      ctx.log("%s: %d steps in %.1f s (%.0f steps/s), final loss %s", label, cfg.steps(), f.seconds(),
          f.stepsPerSecond(), Evaluation.fmt(f.finalLoss()));
      return f;
    }
  }

  public static void main(String[] args) {
    Runner.main(new Flow2dMixtures(), args);
  }
}
