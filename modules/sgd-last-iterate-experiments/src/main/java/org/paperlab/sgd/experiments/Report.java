package org.paperlab.sgd.experiments;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.RunContext;
import org.paperlab.sgd.HarveyLowerBound;
import org.paperlab.sgd.OutputSummary;
import org.paperlab.sgd.Quantiles;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.SlopeEstimate;

/**
 * Charts and tables shared by the SGD experiments and the {@code paperlab sgd run} command: log-log
 * gap charts ({@link Chart}) with the mean over runs, type-7 quantile bands, the last-decade fit
 * with its bootstrap interval and the theory's slope; checkpoint and slope tables.
 */
public final class Report {
  private Report() {}

  /** A log-log gap chart, 1100 x 620 px, legend on the right: {@code gap  F(x) - F*} against {@code xTitle}. */
  public static Chart gapChart(String title, String xTitle) {
    return Chart.logLog(title, xTitle, "gap  F(x) - F*", 1100, 620).legendOutside();
  }

  /**
   * Draws one output of {@code r} in one color: the mean over runs (solid), the quantile bands at
   * {@code 1 - delta} for the deltas with at least {@code 10/delta} runs (dotted, when
   * {@code bands}), and the last-decade fit (long dashes) with its slope and bootstrap interval in
   * the legend.
   */
  public static void addOutput(Chart chart, String name, SgdResult r, OutputSummary o, boolean bands) {
    Color c = chart.nextColor();
    double[] t = asDouble(r.t());
    chart.series(name + " (mean)", t, o.mean(), c, Chart.Stroke.SOLID, 2.0f);
    if (bands) {
      int runs = r.config().runs();
      double[] levels = r.levels();
      for (int l = 0; l < levels.length; l++) {
        double delta = 1 - levels[l];
        if (runs >= 10 / delta - 1e-9) {
          String q = levels[l] == 0.5 ? " median" : " q" + trim(levels[l]);
          chart.series(name + q, t, o.quantiles()[l], c, Chart.Stroke.DOTTED, 1.0f);
        }
      }
    }
    fit(chart, name, o.slope(), c);
  }

  /** A plain solid line in the next color (e.g. a deterministic series). */
  public static void addLine(Chart chart, String name, double[] x, double[] y) {
    chart.series(name, x, y, chart.nextColor(), Chart.Stroke.SOLID, 2.0f);
  }

  /** The fitted power law over the fit's range, long dashes, labelled with its slope and interval. */
  static void fit(Chart chart, String name, SlopeEstimate s, Color c) {
    if (!Double.isFinite(s.slope())) {
      return;
    }
    double[] x = {s.from(), s.to()};
    double[] y = {Math.exp(s.intercept()) * Math.pow(s.from(), s.slope()),
        Math.exp(s.intercept()) * Math.pow(s.to(), s.slope())};
    String label = Double.isFinite(s.lo())
        ? String.format(Locale.ROOT, "%s fit %.3f [%.3f, %.3f]", name, s.slope(), s.lo(), s.hi())
        : String.format(Locale.ROOT, "%s fit %.3f", name, s.slope());
    chart.series(label, x, y, c, Chart.Stroke.LONG_DASHED, 2.2f);
  }

  /** Adds the checkpoint table rows of every output of {@code r}, labelled {@code series}. */
  public static void checkpoints(CsvTable table, String series, SgdResult r) {
    long[] t = r.t();
    double[] levels = r.levels();
    for (OutputSummary o : r.outputs()) {
      for (int k = 0; k < t.length; k++) {
        Object[] row = new Object[4 + levels.length];
        row[0] = series;
        row[1] = o.output().name();
        row[2] = (double) t[k];
        row[3] = o.mean(k);
        for (int l = 0; l < levels.length; l++) {
          row[4 + l] = o.quantile(l, k);
        }
        table.addRow(row);
      }
    }
  }

  /**
   * The table of one exact Harvey simulation, labelled {@code series}: columns series, output, t,
   * gap; the last iterate at every checkpoint, the other outputs at t = T.
   */
  public static CsvTable simulationTable(String series, HarveyLowerBound.Simulation sim) {
    CsvTable table = new CsvTable("series", "output", "t", "gap");
    long[] cps = sim.checkpoints();
    double[] last = sim.lastGaps();
    for (int k = 0; k < cps.length; k++) {
      table.addRow(series, "last", (double) cps[k], last[k]);
    }
    for (Map.Entry<String, Double> e : sim.outputGaps().entrySet()) {
      if (!e.getKey().equals("last")) {
        table.addRow(series, e.getKey(), (double) sim.horizon(), e.getValue());
      }
    }
    return table;
  }

  /** The checkpoint table header for quantile levels {@code levels}. */
  public static CsvTable checkpointTable(String tName, double[] levels) {
    String[] h = new String[4 + levels.length];
    h[0] = "series";
    h[1] = "output";
    h[2] = tName;
    h[3] = "mean_gap";
    for (int l = 0; l < levels.length; l++) {
      h[4 + l] = "q" + trim(levels[l]);
    }
    return new CsvTable(h);
  }

  /** The slopes table. */
  static CsvTable slopeTable() {
    return new CsvTable("series", "output", "slope", "ci_lo", "ci_hi", "se", "fit_from", "fit_to", "theory_slope",
        "runs");
  }

  /** Adds one slope row and the metrics {@code slope_<key>}, {@code slope_<key>_lo}, {@code _hi}. */
  static void slope(RunContext ctx, CsvTable table, String key, String series, OutputSummary o, double theory,
      int runs) {
    SlopeEstimate s = o.slope();
    table.addRow(series, o.output().name(), s.slope(), s.lo(), s.hi(), s.se(), (double) s.from(), (double) s.to(),
        theory, (double) runs);
    ctx.metric("slope_" + key, s.slope());
    ctx.metric("slope_" + key + "_lo", s.lo());
    ctx.metric("slope_" + key + "_hi", s.hi());
    ctx.log("%-40s slope %7.3f  95%% CI [%7.3f, %7.3f]  theory %.3f", key, s.slope(), s.lo(), s.hi(), theory);
  }

  /** {@code 10000} -> {@code "10000"}, {@code 0.999} -> {@code "0.999"} ({@link Quantiles#label}). */
  public static String trim(double v) {
    return Quantiles.label(v);
  }

  /** The mean of output {@code name} at the first checkpoint {@code >= t} (a theory line's anchor). */
  public static double anchor(SgdResult r, String name, double t) {
    OutputSummary o = r.output(name);
    long[] ts = r.t();
    for (int k = 0; k < ts.length; k++) {
      if (ts[k] >= t) {
        return o.mean(k);
      }
    }
    return o.finalMean();
  }

  static double[] asDouble(long[] t) {
    double[] x = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      x[i] = t[i];
    }
    return x;
  }
}
