package org.paperlab.sgd.experiments;

import java.util.Locale;
import org.paperlab.lab.Chart;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.LadProblem;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;

/**
 * {@code sgd-heavy-tails}: Liu and Zhou's heavy-tailed rate {@code O(T^(1/p - 1))} (up to log T)
 * for noise with a finite p-th moment, p in (1, 2]. Problem: LAD ({@link LadProblem}, d = 5, no
 * label noise) on the L2 ball of radius 2 (the bounded-domain setting of the heavy-tailed bound;
 * x* has norm 1), with additive symmetric Pareto noise of tail index {@code alpha = p + 0.1} (so
 * the p-th moment is finite), scale 1, and steps {@code eta_t = 0.1 / t^(1/p)}; without clipping,
 * and with norm clipping at {@code tau = 10}.
 *
 * <p>Reading the slopes: the theorem's {@code 1/p - 1} is an upper bound. On this instance a noise
 * jump of size {@code eta_t xi} is cut off by the domain and undone at speed {@code eta_t G}, so
 * {@code E gap ~ eta_t^(alpha - 1)}: slope {@code -(alpha - 1)/p}, which tends to the theorem's
 * {@code 1/p - 1} as {@code alpha -> p}; both are reported. Clipping makes the noise bounded, and
 * the last iterate then decays like {@code eta_t} (slope {@code -1/p}).
 *
 * <p>metrics.json, for p in {1.25, 1.5, 1.75, 2}: {@code slope_p<p>_<output>} and
 * {@code slope_p<p>_clipped_<output>} (+ _lo/_hi), {@code theory_slope_p<p>} (= 1/p - 1),
 * {@code tail_slope_p<p>} (= -(alpha-1)/p), {@code gap_p<p>[_clipped]_<output>_T<T>}.
 */
public final class SgdHeavyTails implements Experiment {
  static final double[] PS = {1.25, 1.5, 1.75, 2.0};
  static final double ALPHA_MARGIN = 0.1;

  @Override
  public String name() {
    return "sgd-heavy-tails";
  }

  @Override
  public String description() {
    return "Heavy-tailed noise with finite p-th moment: slope vs 1/p - 1, with and without clipping";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    long steps = quick ? 10_000 : 100_000;
    int runs = quick ? 100 : 2000;
    int d = 5;
    double eta = 0.1;
    double tau = 10;
    LadProblem lad = new LadProblem(d, 0.0, 2.0);
    SgdConfig base = SgdConfig.defaults().withSteps(steps).withRuns(runs).withSeed(ctx.seed())
        .withDeltas(Runs.DELTAS).withBootstrap(quick ? 200 : 1000)
        .withOutputs(new Output.Last(), new Output.Uniform());
    ctx.config("problem", lad.description()).config("steps", steps).config("runs", runs).config("eta", eta)
        .config("clip", tau).config("alpha", "p + " + ALPHA_MARGIN);
    Runs.Tables tables = Runs.Tables.of(base);
    Chart all = Report.gapChart("Heavy tails (LAD, d = 5, ball r = 2): last iterate, no clipping", "t");
    for (double p : PS) {
      double alpha = p + ALPHA_MARGIN;
      double theory = 1 / p - 1;
      double tail = -(alpha - 1) / p;
      String tag = "p" + Report.trim(p);
      ctx.metric("theory_slope_" + tag, theory);
      ctx.metric("tail_slope_" + tag, tail);
      SgdConfig c = base.withNoise(new NoiseModel.Pareto(alpha, 1.0)).withSchedule(new Schedule.HeavyTail(eta, p));
      Chart chart = Report.gapChart(String.format(Locale.ROOT,
          "p = %s: Pareto noise alpha = %s, eta_t = %s/t^(1/p)", Report.trim(p), Report.trim(alpha), eta), "t");
      SgdResult plain = Runs.anytime(ctx, tables, chart, tag, "no clip", lad, c, theory, true);
      SgdResult clipped = Runs.anytime(ctx, tables, chart, tag + "_clipped", "clip " + Report.trim(tau), lad,
          c.withClip(tau), theory, false);
      double a0 = 2 * Report.anchor(plain, "last", steps / 10.0);
      chart.powerLaw("theorem T^(1/p-1)", theory, steps / 10.0, steps, a0);
      chart.powerLaw("tail prediction", tail, steps / 10.0, steps, a0 / 2);
      ctx.save(chart, "gap-" + tag + ".png");
      Report.addOutput(all, "p = " + Report.trim(p), plain, plain.output("last"), false);
      ctx.log("p = %s: last-iterate slope %.3f (clipped %.3f); theorem %.3f, tail prediction %.3f", Report.trim(p),
          plain.output("last").slope().slope(), clipped.output("last").slope().slope(), theory, tail);
    }
    ctx.save(all, "gap-heavy-tails.png");
    tables.save(ctx);
  }

  public static void main(String[] args) {
    Runner.main(new SgdHeavyTails(), args);
  }
}
