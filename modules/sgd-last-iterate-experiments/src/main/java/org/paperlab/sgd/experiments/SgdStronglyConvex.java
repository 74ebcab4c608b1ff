package org.paperlab.sgd.experiments;

import org.paperlab.lab.Chart;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.L1CompositeProblem;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.StochasticProblem;

/**
 * {@code sgd-strongly-convex}: Liu and Zhou's strongly convex rate {@code O(log T / T)} for the
 * last iterate of CSMD with {@code 1/(mu t)}-type steps, against averaging. One objective,
 * {@code F(x) = (1/2)||x - x0||^2 + 0.5 ||x||_1} (d = 10, mu = 1, Gaussian gradient noise
 * sigma = 1), handled two ways ({@link L1CompositeProblem}): <b>composite</b> (the L1 term by its
 * prox; f smooth and strongly convex) and <b>subgradient</b> (the L1 term inside a nonsmooth
 * strongly convex f). Steps {@code 1/(mu t)} and {@code 2/(mu (t+1))}; outputs: last, uniform,
 * suffix, Shamir-Zhang (eta = 3), {@code (t+1)^2}-weighted.
 *
 * <p>Theory: slope -1 (up to the log factor for the last iterate). metrics.json:
 * {@code slope_<problem>_<schedule>_<output>} with {@code _lo}/{@code _hi},
 * {@code gap_<problem>_<schedule>_<output>_T<T>}, {@code theory_slope}.
 */
public final class SgdStronglyConvex implements Experiment {
  static final double THEORY = -1.0;

  @Override
  public String name() {
    return "sgd-strongly-convex";
  }

  @Override
  public String description() {
    return "Strongly convex rates: 1/(mu t) and 2/(mu(t+1)) steps, composite prox vs subgradient, last iterate vs averages, slope vs -1";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    long steps = quick ? 10_000 : 1_000_000;
    int runs = quick ? 50 : 200;
    int d = 10;
    SgdConfig base = SgdConfig.defaults().withSteps(steps).withRuns(runs).withSeed(ctx.seed())
        .withDeltas(Runs.DELTAS).withBootstrap(quick ? 200 : 1000)
        .withNoise(new NoiseModel.Gaussian(1.0))
        .withOutputs(new Output.Last(), new Output.Uniform(), new Output.Suffix(), new Output.ShamirZhang(3),
            new Output.Weighted(2));
    ctx.config("steps", steps).config("runs", runs).config("dim", d).config("noise", "gaussian(sigma=1)")
        .config("theory_slope", THEORY);
    ctx.metric("theory_slope", THEORY);
    Runs.Tables tables = Runs.Tables.of(base);
    for (boolean composite : new boolean[] {true, false}) {
      StochasticProblem p = new L1CompositeProblem(d, 1.0, 0.5, composite);
      ctx.config(p.name(), p.description());
      for (Schedule s : new Schedule[] {new Schedule.InvMuT(1.0), new Schedule.TwoOverMuT(1.0)}) {
        Chart chart = Report.gapChart(p.name() + " (d = 10, mu = 1, sigma = 1): eta_t = "
            + s.formula(), "t");
        SgdResult r = Runs.anytime(ctx, tables, chart, p.name() + "_" + s.name(), null, p, base.withSchedule(s),
            THEORY, true);
        chart.powerLaw("theory t^-1", THEORY, steps / 10.0, steps, 2 * Report.anchor(r, "last", steps / 10.0));
        ctx.save(chart, "gap-" + p.name() + "-" + s.name() + ".png");
      }
    }
    tables.save(ctx);
  }

  public static void main(String[] args) {
    Runner.main(new SgdStronglyConvex(), args);
  }
}
