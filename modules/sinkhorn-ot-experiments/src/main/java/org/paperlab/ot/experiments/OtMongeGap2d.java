package org.paperlab.ot.experiments;

import java.util.SplittableRandom;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.paperlab.core.Nd4jThreads;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.MapFitConfig;
import org.paperlab.ot.MapFitter;
import org.paperlab.ot.MongeGap;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Precision;
import org.paperlab.ot.Sampler;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornDivergence;
import org.paperlab.ot.StandardCost;

/**
 * {@code ot-monge-gap-2d}: the 2-D map-fitting experiment of Uscidda and Cuturi 2023 (Section 6.1,
 * Fig. 3): a rotated two-moons source mapped to an S-curve target by an MLP [32, 64, 32] (GELU),
 * Adam 1e-3, batch 256, eps_fit = 0.1 and eps_reg = 0.01 times the mean cost; lambda = 2 for the
 * Euclidean cost and 0.1 for the squared Euclidean cost; each cost with and without the Monge gap.
 *
 * <p>Evaluated on 1,000 held-out source and target samples: the Sinkhorn divergence of
 * {@code T#mu} to the target (eps = 0.1 x mean cost), the Monge gap of {@code T} (eps = 0.01 x mean
 * cost) and the mean displacement cost {@code 1/n sum c(x_i, T x_i)}.
 *
 * <p>metrics.json, for {@code <cost>} in {@code euclidean, sqeuclidean} and {@code <reg>} in
 * {@code mg, no_mg}: {@code sinkhorn_divergence_<cost>_<reg>}, {@code monge_gap_<cost>_<reg>},
 * {@code mean_displacement_<cost>_<reg>}, {@code train_seconds_<cost>_<reg>}; and {@code steps},
 * {@code batch_size}.
 *
 * <p>run.json records every config whole: {@code fit.<cost>_<reg>} (each fit's MapFitConfig, its
 * seed {@code seeds.child("fit").child(cost).child(reg)}), {@code eval.divergence} and
 * {@code eval.monge_gap} (the evaluation's SinkhornConfigs).
 */
public final class OtMongeGap2d implements Experiment {
  @Override
  public String name() {
    return "ot-monge-gap-2d";
  }

  @Override
  public String description() {
    return "Monge gap map fitting: two moons to S-curve, MLP map with and without the Monge gap (Uscidda & Cuturi 2023)";
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    // thousands of tiny ND4J ops per run: single-threaded ND4J is several times faster here
    Nd4jThreads.single(() -> fitAll(ctx));
  }

  private void fitAll(RunContext ctx) {
    boolean quick = ctx.quick();
    int steps = quick ? 150 : 5000;
    int batch = quick ? 128 : 256;
    int eval = quick ? 500 : 1000;
    ctx.config("steps", steps).config("batch_size", batch).config("eval_samples", eval)
        .config("mlp", "[32, 64, 32] gelu").config("adam_lr", 1e-3)
        .config("eps_fit_relative_mean", 0.1).config("eps_reg_relative_mean", 0.01)
        .config("lambda_euclidean", 2.0).config("lambda_sqeuclidean", 0.1);
    ctx.metric("steps", steps);
    ctx.metric("batch_size", batch);
    Sampler source = Shapes.twoMoons(Math.PI / 2, 1.0);
    Sampler target = Shapes.sCurve(1.0);
    SplittableRandom evalRng = ctx.seeds().child("eval").random();
    ctx.config("eval.divergence", divergenceConfig()).config("eval.monge_gap", gapConfig());
    double[] xs = source.sample(eval, evalRng);
    double[] ys = target.sample(eval, evalRng);
    CsvTable curves = new CsvTable("cost", "regularizer", "step", "loss", "sinkhorn_divergence", "monge_gap");
    CsvTable summary = new CsvTable("cost", "regularizer", "lambda", "sinkhorn_divergence", "monge_gap",
        "mean_displacement", "train_seconds");
    for (StandardCost cost : new StandardCost[] {StandardCost.EUCLIDEAN, StandardCost.SQEUCLIDEAN}) {
      double lambda = cost == StandardCost.EUCLIDEAN ? 2.0 : 0.1;
      Chart loss = Chart.line("Training loss (" + cost.cliName() + ")", "step", "S_eps(T#mu, nu) + lambda M(T)");
      for (boolean mg : new boolean[] {false, true}) {
        String reg = mg ? "mg" : "no_mg";
        String key = cost.cliName() + "_" + reg;
        MapFitConfig cfg = MapFitConfig.defaults().withCost(cost).withLambda(mg ? lambda : 0.0)
            .withSteps(steps).withBatchSize(batch).withLogEvery(quick ? 10 : 50)
            .withSeed(ctx.seeds().child("fit").child(cost.cliName()).child(reg).seed());
        ctx.config("fit." + key, cfg);
        MapFitter.Result fit;
        try (Progress p = ctx.progress(cost.cliName() + " " + reg, steps)) {
          fit = MapFitter.fit(cfg, source, target, p.listener());
          int last = fit.loss().length - 1;
          p.status("loss %.4f S %.4f M %.4f", fit.loss()[last], fit.divergence()[last], fit.mongeGap()[last]);
        }
        int[] logged = fit.steps();
        double[] fitLoss = fit.loss();
        double[] fitDivergence = fit.divergence();
        double[] fitGap = fit.mongeGap();
        double[] st = new double[logged.length];
        for (int q = 0; q < logged.length; q++) {
          curves.addRow(cost.cliName(), reg, logged[q], fitLoss[q], fitDivergence[q], fitGap[q]);
          st[q] = logged[q];
        }
        loss.series(reg, st, fitDivergence);
        double[] tx = fit.apply(xs, eval);
        Metrics m = evaluate(xs, tx, ys, eval, cost);
        ctx.metric("sinkhorn_divergence_" + key, m.divergence);
        ctx.metric("monge_gap_" + key, m.gap);
        ctx.metric("mean_displacement_" + key, m.displacement);
        ctx.metric("train_seconds_" + key, fit.seconds());
        summary.addRow(cost.cliName(), reg, mg ? lambda : 0.0, m.divergence, m.gap, m.displacement, fit.seconds());
        ctx.log("%-11s %-5s S = %.5f  M = %.5f  displacement = %.5f  (%.1f s)", cost.cliName(), reg,
            m.divergence, m.gap, m.displacement, fit.seconds());
        saveArrows(ctx, xs, tx, ys, eval, cost.cliName() + " cost, " + (mg ? "with Monge gap (lambda = " + lambda + ")" : "without Monge gap"),
            "map-" + key);
      }
      ctx.save(loss, "divergence-" + cost.cliName() + ".png");
    }
    ctx.save(curves, "training.csv");
    ctx.save(summary, "summary.csv");
  }

  record Metrics(double divergence, double gap, double displacement) {}

  /** The evaluation's Sinkhorn divergence settings: eps = 0.1 x mean cost, double, tolerance 1e-7. */
  static SinkhornConfig divergenceConfig() {
    return SinkhornConfig.defaults().withPrecision(Precision.DOUBLE).withTolerance(1e-7).withMaxIterations(20000)
        .withEpsilon(0.1, EpsilonScale.MEAN);
  }

  /** The evaluation's Monge gap settings: as {@link #divergenceConfig()} at eps = 0.01 x mean cost. */
  static SinkhornConfig gapConfig() {
    return divergenceConfig().withEpsilon(0.01, EpsilonScale.MEAN);
  }

  static Metrics evaluate(double[] xs, double[] tx, double[] ys, int n, StandardCost cost) {
    double div = SinkhornDivergence.solve(divergenceConfig(), PointCloud.of(tx, n, 2), PointCloud.of(ys, n, 2), cost)
        .value();
    MongeGap.Result g = MongeGap.solve(gapConfig(), xs, tx, n, 2, cost, false);
    return new Metrics(div, g.value(), g.displacement());
  }

  private static void saveArrows(RunContext ctx, double[] xs, double[] tx, double[] ys, int n, String title, String file) {
    CsvTable t = new CsvTable("x1", "x2", "tx1", "tx2");
    for (int i = 0; i < n; i++) {
      t.add(xs[2 * i], xs[2 * i + 1], tx[2 * i], tx[2 * i + 1]);
    }
    ctx.save(t, file + ".csv");
    Chart c = Chart.scatter("Map " + title, "coordinate 1", "coordinate 2");
    var xy = c.xy();
    int arrows = Math.min(n, 150);
    for (int i = 0; i < arrows; i++) {
      XYSeries s = xy.addSeries("a" + i, new double[] {xs[2 * i], tx[2 * i]}, new double[] {xs[2 * i + 1], tx[2 * i + 1]});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(SeriesLines.SOLID);
      s.setLineColor(new java.awt.Color(0.3f, 0.3f, 0.3f, 0.45f));
      s.setLineWidth(0.8f);
      s.setShowInLegend(false);
    }
    double[][] x = Shapes.coordinates(xs, n);
    double[][] y = Shapes.coordinates(ys, n);
    double[][] z = Shapes.coordinates(tx, n);
    c.points("source x", x[0], x[1]);
    c.points("target y", y[0], y[1]);
    c.points("T(x)", z[0], z[1]);
    ctx.save(c, file + ".png");
  }

  public static void main(String[] args) {
    Runner.main(new OtMongeGap2d(), args);
  }
}
