package org.paperlab.sgd.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperlab.core.Fits;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.LadProblem;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Quantiles;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;

/**
 * {@code sgd-high-probability}: the high-probability side of Liu and Zhou (2024). For
 * sub-Gaussian noise the last iterate satisfies {@code F(x_{T+1}) - F* = O(log(1/delta) log T / sqrt(T))}
 * with probability {@code 1 - delta}: the {@code 1 - delta} quantile grows at most linearly in
 * {@code log(1/delta)}. With heavy-tailed noise it grows polynomially in {@code 1/delta}, and
 * clipping restores the logarithmic growth. Problem: LAD ({@link LadProblem}, d = 5, sharp) on the
 * unbounded domain {@code R^d} (the paper's setting), {@code eta_t = 0.1/sqrt(t)}, at least {@code 10/delta} runs for the smallest
 * delta; noises: Gaussian (sigma = 1), symmetric Pareto alpha = 1.5 (finite p-th moment for
 * p &lt; 1.5), and the same Pareto noise clipped at {@code tau = 10}.
 *
 * <p>metrics.json, for noise in gaussian, pareto, pareto_clipped: {@code q_<noise>_delta<delta>}
 * (quantile of the final last-iterate gap at {@code 1 - delta}), {@code q_ratio_<noise>}
 * (smallest-delta quantile over the median), {@code q_per_log1delta_<noise>} (least-squares slope
 * of {@code q/median} against {@code ln(1/delta)}), {@code loglog_q_<noise>} (slope of
 * {@code ln q} against {@code ln(1/delta)}: near 0 for logarithmic growth; polynomial for the
 * unclipped Pareto noise, where on {@code R^d} a jump of size {@code eta xi} takes about
 * {@code xi/G} steps to undo, so {@code P(gap > y) ~ y^(1 - alpha)} and the slope tends to
 * {@code 1/(alpha - 1)} for small delta), {@code slope_<noise>_last} (+ _lo/_hi, rate in t;
 * theory -1/2), {@code runs}.
 */
public final class SgdHighProbability implements Experiment {
  @Override
  public String name() {
    return "sgd-high-probability";
  }

  @Override
  public String description() {
    return "Quantiles of the last-iterate gap vs log(1/delta): sub-Gaussian, heavy-tailed, and clipped heavy-tailed noise";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    long steps = quick ? 1_000 : 20_000;
    double smallest = quick ? 0.01 : 0.001;
    int runs = (int) Math.round(10 / smallest);
    List<Double> deltas = quick ? List.of(0.5, 0.2, 0.1, 0.05, 0.02, 0.01)
        : List.of(0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001);
    LadProblem lad = new LadProblem(5, 0.0);
    double tau = 10;
    SgdConfig base = SgdConfig.defaults().withSteps(steps).withRuns(runs).withSeed(ctx.seed()).withDeltas(deltas)
        .withBootstrap(quick ? 200 : 500).withSchedule(new Schedule.InvSqrtT(0.1)).withOutputs(new Output.Last());
    ctx.config("problem", lad.description()).config("steps", steps).config("runs", runs).config("deltas", deltas)
        .config("schedule", "0.1/sqrt(t)").config("clip", tau);
    ctx.metric("runs", runs);
    Runs.Tables tables = Runs.Tables.of(base);
    String[] names = {"gaussian", "pareto", "pareto_clipped"};
    SgdConfig[] configs = {
      base.withNoise(new NoiseModel.Gaussian(1.0)),
      base.withNoise(new NoiseModel.Pareto(1.5, 1.0)),
      base.withNoise(new NoiseModel.Pareto(1.5, 1.0)).withClip(tau)
    };
    Chart q = Chart.line("Quantile of the last-iterate gap at t = T, relative to the median", "ln(1/delta)",
        "q(1 - delta) / median");
    q.xy().getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    Chart tChart = Report.gapChart("LAD (d = 5): last iterate with quantile bands", "t");
    CsvTable qt = new CsvTable("noise", "delta", "ln_1_over_delta", "quantile", "quantile_over_median");
    for (int n = 0; n < names.length; n++) {
      SgdResult r = Runs.anytime(ctx, tables, tChart, names[n], names[n], lad, configs[n], -0.5, true);
      double[] fin = r.output("last").finalGaps();
      double median = Quantiles.type7(fin, 0.5);
      double[] lx = new double[deltas.size()];
      double[] rel = new double[deltas.size()];
      double[] qs = new double[deltas.size()];
      for (int i = 0; i < deltas.size(); i++) {
        double dl = deltas.get(i);
        qs[i] = Quantiles.type7(fin, 1 - dl);
        lx[i] = Math.log(1 / dl);
        rel[i] = qs[i] / median;
        qt.addRow(names[n], dl, lx[i], qs[i], rel[i]);
        if (dl == 0.5 || dl == 0.1 || dl == 0.01 || dl == 0.001) {
          ctx.metric("q_" + names[n] + "_delta" + Report.trim(dl), qs[i]);
        }
      }
      double perLog = Fits.ols(lx, rel).slope();
      List<Double> lq = new ArrayList<>();
      for (double v : qs) {
        lq.add(Math.log(v));
      }
      double loglog = Fits.ols(lx, lq.stream().mapToDouble(Double::doubleValue).toArray()).slope();
      ctx.metric("q_ratio_" + names[n], rel[rel.length - 1]);
      ctx.metric("q_per_log1delta_" + names[n], perLog);
      ctx.metric("loglog_q_" + names[n], loglog);
      ctx.log("%-15s q(1-%s)/median = %.2f; slope of q/median per ln(1/delta) %.3f; d ln q / d ln(1/delta) %.3f",
          names[n], Report.trim(smallest), rel[rel.length - 1], perLog, loglog);
      q.series(String.format(Locale.ROOT, "%s (ln q per ln(1/delta): %.2f)", names[n], loglog), lx, rel);
    }
    ctx.save(q, "quantile-vs-log1delta.png");
    ctx.save(tChart, "gap-quantile-bands.png");
    ctx.save(qt, "quantiles.csv");
    tables.save(ctx);
  }

  public static void main(String[] args) {
    Runner.main(new SgdHighProbability(), args);
  }
}
