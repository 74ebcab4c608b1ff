package org.paperlab.sgd.experiments;

import org.paperlab.lab.Chart;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.L1CompositeProblem;
import org.paperlab.sgd.LadProblem;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;

/**
 * {@code sgd-convex}: Liu and Zhou's convex (Lipschitz / smooth) rate {@code O(log T / sqrt(T))}
 * for the last iterate of CSMD, on two stochastic problems with known optimum.
 *
 * <ol>
 *   <li>Population least absolute deviation ({@link LadProblem}, d = 10, sharp: no label noise),
 *       nonsmooth, Lipschitz: {@code c/sqrt(t)} with {@code c = 1/sqrt(d)} (= D/G) read at
 *       geometric checkpoints for the last iterate and the uniform, suffix, Shamir-Zhang (eta = 3)
 *       and {@code (t+1)^2}-weighted averages; and the known-horizon schedules {@code c/sqrt(T)},
 *       the linear decay {@code c (T-t+1)/T^(3/2)} and Jain et al.'s halving schedule, each read
 *       from a sweep over T.
 *   <li>The L1-composite least squares {@code (1/2)||x - x0||^2 + 0.5 ||x||_1} ({@link
 *       L1CompositeProblem}, d = 10, L1 by prox, Gaussian gradient noise sigma = 1): {@code 0.5/sqrt(t)}
 *       and the paper's {@code min{1/(2L), 1/sqrt(t)}} with L = 1.
 * </ol>
 *
 * Theory: slope -1/2 for every schedule (up to the log factor for the last iterate of anytime
 * schedules). metrics.json: {@code slope_<problem>_<schedule>_<output>} with {@code _lo}/{@code _hi}
 * (95% bootstrap interval), {@code gap_<problem>_<schedule>_<output>_T<T>} (mean final gap),
 * {@code theory_slope}.
 */
public final class SgdConvex implements Experiment {
  static final double THEORY = -0.5;

  @Override
  public String name() {
    return "sgd-convex";
  }

  @Override
  public String description() {
    return "Convex rates: LAD and L1-composite least squares, last iterate vs averages vs known-horizon schedules, slope vs -1/2";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    long steps = quick ? 10_000 : 1_000_000;
    int runs = quick ? 50 : 300;
    int sweepRuns = quick ? 30 : 100;
    int d = 10;
    double c = 1 / Math.sqrt(d);
    SgdConfig base = SgdConfig.defaults().withSteps(steps).withRuns(runs).withSeed(ctx.seed())
        .withDeltas(Runs.DELTAS).withBootstrap(quick ? 200 : 1000);
    ctx.config("steps", steps).config("runs", runs).config("sweep_runs", sweepRuns).config("dim", d)
        .config("lad_c", c).config("theory_slope", THEORY);
    ctx.metric("theory_slope", THEORY);
    Runs.Tables tables = Runs.Tables.of(base);

    LadProblem lad = new LadProblem(d, 0.0);
    ctx.config("lad", lad.description());
    Chart ladChart = Report.gapChart("LAD (d = 10, sharp): c/sqrt(t), outputs", "t");
    var r1 = Runs.anytime(ctx, tables, ladChart, "lad_sqrt-t", null, lad,
        base.withSchedule(new Schedule.InvSqrtT(c)).withOutputs(new Output.Last(), new Output.Uniform(),
            new Output.Suffix(), new Output.ShamirZhang(3), new Output.Weighted(2)),
        THEORY, true);
    ladChart.powerLaw("theory t^-1/2", THEORY, steps / 10.0, steps, 2 * Report.anchor(r1, "last", steps / 10.0));
    ctx.save(ladChart, "gap-lad-outputs.png");

    Chart horizonChart = Report.gapChart("LAD (d = 10): known-horizon schedules, final gap vs T", "T");
    SgdConfig sweep = base.withRuns(sweepRuns).withOutputs(new Output.Last());
    double y0 = 0;
    for (Schedule s : new Schedule[] {new Schedule.InvSqrtHorizon(c), new Schedule.LinearDecay(c),
        new Schedule.JainHalving(c)}) {
      var r = Runs.sweep(ctx, tables, horizonChart, "lad_" + s.name(), s.name() + " last", T -> lad,
          sweep.withSchedule(s), 4, THEORY);
      y0 = Math.max(y0, r.outputs().get(0).mean()[0]);
    }
    horizonChart.powerLaw("theory T^-1/2", THEORY, 10, steps, y0);
    ctx.save(horizonChart, "gap-lad-horizon-schedules.png");

    L1CompositeProblem l1 = new L1CompositeProblem(d, 1.0, 0.5, true);
    ctx.config("l1_composite", l1.description() + ", noise gaussian(sigma=1)");
    Chart l1Chart = Report.gapChart("L1-composite least squares (d = 10, sigma = 1)", "t");
    SgdConfig l1Base = base.withRuns(quick ? 50 : 200).withNoise(new NoiseModel.Gaussian(1.0))
        .withOutputs(new Output.Last(), new Output.Uniform(), new Output.Suffix());
    Runs.anytime(ctx, tables, l1Chart, "l1-composite_sqrt-t", "0.5/sqrt(t)", l1,
        l1Base.withSchedule(new Schedule.InvSqrtT(0.5)), THEORY, true);
    var r2 = Runs.anytime(ctx, tables, l1Chart, "l1-composite_smooth-sqrt-t", "min{1/2, 1/sqrt(t)}", l1,
        l1Base.withSchedule(new Schedule.SmoothSqrtT(1.0, 1.0)), THEORY, false);
    l1Chart.powerLaw("theory t^-1/2", THEORY, steps / 10.0, steps, 2 * Report.anchor(r2, "last", steps / 10.0));
    ctx.save(l1Chart, "gap-l1-composite.png");
    tables.save(ctx);
  }

  public static void main(String[] args) {
    Runner.main(new SgdConvex(), args);
  }
}
