package org.paperlab.sgd.experiments;

import org.paperlab.lab.Chart;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.MirrorMap;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.SimplexProblem;

/**
 * {@code sgd-simplex}: the non-Euclidean case of Liu and Zhou (2024). The stochastic linear
 * objective {@code <c, x>} on the probability simplex ({@link SimplexProblem}, {@code c_i = (i-1)/(d-1)},
 * Gaussian gradient noise sigma = 1) solved by CSMD with the entropy mirror map (exponentiated
 * gradient) and with the Euclidean one (projected SGD), each with its theory step
 * {@code eta_t = D/(G sqrt(t))}: EG with {@code D = sqrt(ln d)} (KL radius) and {@code G} the
 * typical {@code ||g||_inf ~ 1 + sigma sqrt(2 ln(2d))}; projected SGD with {@code D = 1} and
 * {@code G ~ ||g||_2 ~ sqrt(d (1/3 + sigma^2))}. The L1 geometry gives EG a
 * {@code sqrt(d / ln d)}-type advantage that grows with d. A third series adds the entropy
 * regularizer {@code h = 0.05 sum x ln x} (strongly convex relative to the mirror map, closed-form
 * composite step) with {@code 1/(lambda t)} steps: slope -1.
 *
 * <p>metrics.json: {@code slope_d<d>_<method>_<output>} (+ _lo/_hi) for method in eg, pgd,
 * eg-entropy; {@code gap_d<d>_<method>_<output>_T<T>}; {@code pgd_over_eg_last_d<d>} (ratio of
 * final mean gaps); {@code theory_slope} (-1/2).
 */
public final class SgdSimplex implements Experiment {
  static final double THEORY = -0.5;

  @Override
  public String name() {
    return "sgd-simplex";
  }

  @Override
  public String description() {
    return "Entropy mirror descent (exponentiated gradient) vs projected SGD on the simplex, slopes vs -1/2, EG's advantage grows with d";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    int[] dims = quick ? new int[] {100} : new int[] {100, 1000};
    double sigma = 1.0;
    double lambda = 0.05;
    ctx.config("dims", dims).config("noise", "gaussian(sigma=1)").config("entropy_lambda", lambda)
        .config("theory_slope", THEORY);
    ctx.metric("theory_slope", THEORY);
    Runs.Tables tables = null;
    for (int d : dims) {
      long steps = quick ? 5_000 : d >= 1000 ? 20_000 : 100_000;
      int runs = quick ? 20 : 100;
      SgdConfig base = SgdConfig.defaults().withSteps(steps).withRuns(runs).withSeed(ctx.seed())
          .withDeltas(Runs.DELTAS).withBootstrap(quick ? 200 : 1000).withNoise(new NoiseModel.Gaussian(sigma))
          .withOutputs(new Output.Last(), new Output.Uniform());
      if (tables == null) {
        tables = Runs.Tables.of(base);
      }
      ctx.config("steps_d" + d, steps).config("runs_d" + d, runs);
      SimplexProblem plain = new SimplexProblem(d, 0.0);
      double gInf = 1 + sigma * Math.sqrt(2 * Math.log(2.0 * d));
      double g2 = Math.sqrt(d * (1.0 / 3 + sigma * sigma));
      double cEg = Math.sqrt(Math.log(d)) / gInf;
      double cPgd = 1.0 / g2;
      ctx.config("eg_c_d" + d, cEg).config("pgd_c_d" + d, cPgd);
      Chart chart = Report.gapChart("Simplex, d = " + d + ": entropy mirror descent vs projected SGD", "t");
      SgdResult eg = Runs.anytime(ctx, tables, chart, "d" + d + "_eg", "EG", plain,
          base.withMirror(MirrorMap.ENTROPY).withSchedule(new Schedule.InvSqrtT(cEg)), THEORY, true);
      SgdResult pgd = Runs.anytime(ctx, tables, chart, "d" + d + "_pgd", "PGD", plain,
          base.withSchedule(new Schedule.InvSqrtT(cPgd)), THEORY, true);
      SimplexProblem reg = new SimplexProblem(d, lambda);
      SgdResult ent = Runs.anytime(ctx, tables, chart, "d" + d + "_eg-entropy", "EG + entropy reg.", reg,
          base.withMirror(MirrorMap.ENTROPY).withSchedule(new Schedule.InvMuT(lambda)).withOutputs(new Output.Last()),
          -1.0, false);
      chart.powerLaw("theory t^-1/2", THEORY, steps / 10.0, steps, 2 * Report.anchor(eg, "last", steps / 10.0));
      chart.powerLaw("theory t^-1 (regularized)", -1.0, steps / 10.0, steps,
          2 * Report.anchor(ent, "last", steps / 10.0));
      double ratio = pgd.output("last").finalMean() / eg.output("last").finalMean();
      ctx.metric("pgd_over_eg_last_d" + d, ratio);
      ctx.log("d = %d: final mean gap PGD / EG (last iterate) = %.2f", d, ratio);
      ctx.save(chart, "gap-simplex-d" + d + ".png");
    }
    tables.save(ctx);
  }

  public static void main(String[] args) {
    Runner.main(new SgdSimplex(), args);
  }
}
