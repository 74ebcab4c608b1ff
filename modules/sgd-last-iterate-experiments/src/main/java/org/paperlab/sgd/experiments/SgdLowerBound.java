package org.paperlab.sgd.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Fits;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.sgd.HarveyLowerBound;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;

/**
 * {@code sgd-lower-bound}: the Harvey et al. (2019) instance in the fixed-step form of Liu and Lu
 * (ICLR 2023 submission, Theorem 4), d = T, {@code eta = 1/sqrt(T)}, simulated exactly for each
 * horizon T by {@link HarveyLowerBound#simulate} (O(1) per step). Shows {@code sqrt(T) gap}
 * growing like {@code (3/64) ln T} for the last iterate and flat for the uniform and suffix
 * averages, for the linear-decay schedule {@code (T-t+1)/T^(3/2)} and for Jain et al.'s halving
 * schedule {@code 2^-i/sqrt(T)}; Harvey et al.'s anytime {@code 1/sqrt(t)} is shown too. Every
 * simulated last iterate is checked against the closed form
 * {@code ((3/64) H_T + (1/64) H_T^(2)) / sqrt(T)}.
 *
 * <p>metrics.json: {@code gap_last_T<T>}, {@code gap_uniform_T<T>}, {@code gap_suffix_T<T>},
 * {@code gap_linear-decay_T<T>}, {@code gap_jain_T<T>}, {@code gap_sqrt-t_T<T>} for every T run;
 * {@code sqrtT_gap_per_lnT_<series>} (slope of {@code sqrt(T) gap} against {@code ln T} over
 * {@code T >= 100}; theory 3/64 = 0.046875 for the last iterate, 0 for the others);
 * {@code slope_<series>} (log-log slope of the gap over the last decade of T; theory -1/2 up to
 * the log factor); {@code closed_form_max_rel_error}, {@code closed_form_uniform_max_rel_error},
 * {@code explicit_oracle_steps}.
 */
public final class SgdLowerBound implements Experiment {
  @Override
  public String name() {
    return "sgd-lower-bound";
  }

  @Override
  public String description() {
    return "Harvey et al. lower bound: sqrt(T)*gap of the last iterate grows like ln T; averages, linear decay, Jain et al. stay flat";
  }

  private record Series(String name, Schedule schedule, Output output) {}

  @Override
  public void run(RunContext ctx) {
    int maxExp = ctx.quick() ? 4 : 6;
    List<Long> hs = new ArrayList<>();
    for (int k = 2; k <= 2 * maxExp; k++) {
      hs.add(Math.round(Math.pow(10, k / 2.0)));
    }
    long[] horizons = hs.stream().mapToLong(Long::longValue).toArray();
    List<Series> series = List.of(
        new Series("last", new Schedule.InvSqrtHorizon(1), new Output.Last()),
        new Series("uniform", new Schedule.InvSqrtHorizon(1), new Output.Uniform()),
        new Series("suffix", new Schedule.InvSqrtHorizon(1), new Output.Suffix()),
        new Series("linear-decay", new Schedule.LinearDecay(1), new Output.Last()),
        new Series("jain", new Schedule.JainHalving(1), new Output.Last()),
        new Series("sqrt-t", new Schedule.InvSqrtT(1), new Output.Last()));
    ctx.config("horizons", horizons);
    ctx.config("instance", "Harvey et al. 2019 / Liu-Lu Thm 4: d = T, unit L2 ball, a_j = 1/(8(d+1-j)), b = 1/2, x1 = 0");
    Map<String, String> sched = new LinkedHashMap<>();
    for (Series s : series) {
      sched.put(s.name(), s.schedule().formula() + ", output " + s.output().name());
    }
    ctx.config("series", sched);

    // one simulation per (T, schedule): "last", "uniform", "suffix" share the 1/sqrt(T) run
    List<Schedule> schedules = List.of(series.get(0).schedule(), series.get(3).schedule(),
        series.get(4).schedule(), series.get(5).schedule());
    int tasks = horizons.length * schedules.size();
    HarveyLowerBound.Simulation[] sims = new HarveyLowerBound.Simulation[tasks];
    try (Progress p = ctx.progress("simulations", tasks)) {
      ProgressListener listener = p.listener();
      // independent simulations on all cores, largest horizons first so the cores finish together
      Parallel.forEach(tasks, 0, k -> {
        int i = tasks - 1 - k;
        long horizon = horizons[i / schedules.size()];
        Schedule s = schedules.get(i % schedules.size());
        List<Output> outs = i % schedules.size() == 0
            ? List.of(new Output.Last(), new Output.Uniform(), new Output.Suffix())
            : List.of(new Output.Last());
        sims[i] = new HarveyLowerBound((int) horizon).simulate(s, horizon, new long[] {horizon}, outs);
      }, done -> listener.progress(done, tasks));
    }

    CsvTable table = new CsvTable("T", "series", "schedule", "output", "gap", "sqrtT_gap", "closed_form_last_gap");
    Map<String, double[]> gaps = new LinkedHashMap<>();
    for (Series s : series) {
      gaps.put(s.name(), new double[horizons.length]);
    }
    double maxRel = 0;
    double maxRelUniform = 0;
    long explicit = 0;
    for (int h = 0; h < horizons.length; h++) {
      long horizon = horizons[h];
      double closed = HarveyLowerBound.closedFormGap(horizon);
      for (Series s : series) {
        int si = schedules.indexOf(s.schedule());
        HarveyLowerBound.Simulation sim = sims[h * schedules.size() + si];
        double g = sim.outputGaps().get(s.output().name());
        gaps.get(s.name())[h] = g;
        table.addRow((double) horizon, s.name(), s.schedule().formula(), s.output().name(), g, Math.sqrt(horizon) * g,
            closed);
        ctx.metric("gap_" + s.name() + "_T" + horizon, g);
      }
      HarveyLowerBound.Simulation base = sims[h * schedules.size()];
      maxRel = Math.max(maxRel, Math.abs(base.outputGaps().get("last") / closed - 1));
      maxRelUniform = Math.max(maxRelUniform,
          Math.abs(base.outputGaps().get("uniform") / HarveyLowerBound.closedFormUniformGap(horizon) - 1));
      for (int si = 0; si < schedules.size(); si++) {
        explicit += sims[h * schedules.size() + si].explicitSteps();
      }
    }
    ctx.metric("closed_form_max_rel_error", maxRel);
    ctx.metric("closed_form_uniform_max_rel_error", maxRelUniform);
    ctx.metric("explicit_oracle_steps", explicit);
    ctx.log("simulated last iterate vs closed form: max relative error %.2e (uniform average %.2e); explicit oracle steps %d",
        maxRel, maxRelUniform, explicit);
    ctx.save(table, "lower-bound.csv");

    // sqrt(T) * gap against ln T: slope 3/64 for the last iterate, 0 for the others
    Chart scaled = Chart.line("Harvey et al. instance (d = T): sqrt(T) x gap at t = T", "T", "sqrt(T) x (f(x_out) - f*)")
        .logX();
    scaled.xy().getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    List<Double> lx = new ArrayList<>();
    for (long horizon : horizons) {
      if (horizon >= 100) {
        lx.add(Math.log(horizon));
      }
    }
    double[] lnT = lx.stream().mapToDouble(Double::doubleValue).toArray();
    double[] tAxis = Report.asDouble(horizons);
    double[] closedScaled = new double[horizons.length];
    for (int h = 0; h < horizons.length; h++) {
      closedScaled[h] = Math.sqrt(horizons[h]) * HarveyLowerBound.closedFormGap(horizons[h]);
    }
    scaled.dashed("closed form ((3/64) H_T + (1/64) H2_T)", tAxis, closedScaled);
    Chart loglog = Report.gapChart("Harvey et al. instance (d = T): gap at t = T", "T");
    for (Series s : series) {
      double[] g = gaps.get(s.name());
      double[] sc = new double[horizons.length];
      for (int h = 0; h < horizons.length; h++) {
        sc[h] = Math.sqrt(horizons[h]) * g[h];
      }
      double[] y = new double[lnT.length];
      System.arraycopy(sc, horizons.length - lnT.length, y, 0, lnT.length);
      Fits.Line perLn = Fits.ols(lnT, y);
      ctx.metric("sqrtT_gap_per_lnT_" + s.name(), perLn.slope());
      scaled.points(String.format(java.util.Locale.ROOT, "%s (%.4f per ln T)", s.name(), perLn.slope()), tAxis, sc);
      Report.addLine(loglog, s.name(), tAxis, g);
      // log-log slope over the last decade of T
      int first = 0;
      while (horizons[first] * 10 < horizons[horizons.length - 1]) {
        first++;
      }
      double[] fx = new double[horizons.length - first];
      double[] fy = new double[fx.length];
      for (int h = first; h < horizons.length; h++) {
        fx[h - first] = horizons[h];
        fy[h - first] = g[h];
      }
      double slope = Fits.logLog(fx, fy).slope();
      ctx.metric("slope_" + s.name(), slope);
      ctx.log("%-13s sqrt(T) gap at T = %d: %.4f; per ln T %.4f (theory %s); log-log slope %.3f", s.name(),
          horizons[horizons.length - 1], sc[sc.length - 1], perLn.slope(),
          s.name().equals("last") || s.name().equals("sqrt-t") ? "3/64 = 0.0469" : "0", slope);
    }
    loglog.powerLaw("theory T^-1/2", -0.5, horizons[0], horizons[horizons.length - 1], gaps.get("uniform")[0]);
    ctx.save(scaled, "sqrtT-gap.png");
    ctx.save(loglog, "gap-vs-T.png");
  }

  public static void main(String[] args) {
    Runner.main(new SgdLowerBound(), args);
  }
}
