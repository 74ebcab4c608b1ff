package org.paperlab.sgd.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.sgd.Checkpoints;
import org.paperlab.sgd.OutputSummary;
import org.paperlab.sgd.Sgd;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.StochasticProblem;

/**
 * Runs a configuration, records the whole config in run.json (under the run's prefix), its table
 * rows, slopes, metrics and chart series.
 */
final class Runs {
  private Runs() {}

  /** What one experiment accumulates: the checkpoint table and the slopes table. */
  record Tables(CsvTable checkpoints, CsvTable slopes) {
    static Tables of(SgdConfig c) {
      double[] levels = c.deltas().stream().mapToDouble(d -> 1 - d).toArray();
      return new Tables(Report.checkpointTable("t", levels), Report.slopeTable());
    }

    void save(RunContext ctx) {
      ctx.save(checkpoints, "checkpoints.csv");
      ctx.save(slopes, "slopes.csv");
    }
  }

  /**
   * Anytime run: {@code config.runs()} runs of {@code config.steps()} steps; run.json gets the
   * config under {@code <prefix>.}; for every output, metrics {@code slope_<prefix>_<output>}
   * (+ _lo, _hi) and {@code gap_<prefix>_<output>_T<T>}.
   */
  static SgdResult anytime(RunContext ctx, Tables tables, Chart chart, String prefix, String label,
      StochasticProblem problem, SgdConfig config, double theory, boolean bands) {
    ctx.config(prefix, config);
    SgdResult r;
    try (Progress p = ctx.progress(prefix + " runs", config.runs())) {
      r = Sgd.run(config, problem, p.listener());
    }
    ctx.log("%s: %d runs x %d steps in %.1f s (%.3g steps/s)", prefix, config.runs(), config.steps(), r.seconds(),
        r.stepsPerSecond());
    Report.checkpoints(tables.checkpoints(), prefix, r);
    for (OutputSummary o : r.outputs()) {
      String key = prefix + "_" + o.output().name();
      Report.slope(ctx, tables.slopes(), key, prefix, o, theory, config.runs());
      ctx.metric("gap_" + key + "_T" + config.steps(), o.finalMean());
      if (chart != null) {
        Report.addOutput(chart, label == null ? o.output().name() : label + " " + o.output().name(), r, o, bands);
      }
    }
    return r;
  }

  /**
   * Horizon sweep for a schedule that needs T: {@code perDecade} horizons per decade from 10 to
   * {@code config.steps()}, {@code config.runs()} runs each; run.json and metrics as {@link #anytime}.
   */
  static SgdResult sweep(RunContext ctx, Tables tables, Chart chart, String prefix, String label,
      LongFunction<StochasticProblem> problems, SgdConfig config, int perDecade, double theory) {
    ctx.config(prefix, config);
    long[] horizons = horizons(config.steps(), perDecade);
    SgdResult r;
    try (Progress p = ctx.progress(prefix + " sweep runs", (long) config.runs() * horizons.length)) {
      r = Sgd.sweep(config, problems, horizons, p.listener());
    }
    ctx.log("%s sweep: %d horizons x %d runs in %.1f s", prefix, horizons.length, config.runs(), r.seconds());
    Report.checkpoints(tables.checkpoints(), prefix + " (sweep over T)", r);
    for (OutputSummary o : r.outputs()) {
      String key = prefix + "_" + o.output().name();
      Report.slope(ctx, tables.slopes(), key, prefix + " (sweep over T)", o, theory, config.runs());
      ctx.metric("gap_" + key + "_T" + config.steps(), o.finalMean());
      if (chart != null) {
        Report.addOutput(chart, label, r, o, false);
      }
    }
    return r;
  }

  /** {@code perDecade} geometric horizons per decade from 10 to T (T included). */
  static long[] horizons(long horizon, int perDecade) {
    long[] all = Checkpoints.geometric(horizon, perDecade);
    return Arrays.stream(all).filter(t -> t >= 10).toArray();
  }

  /** The tail levels of the issue: quantiles at 1 - delta. */
  static final List<Double> DELTAS = List.of(0.5, 0.1, 0.01, 0.001);
}
