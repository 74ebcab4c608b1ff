package org.paperlab.sgd.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.sgd.OutputSummary;
import org.paperlab.sgd.SgdResult;
import org.paperlab.sgd.SlopeEstimate;

/**
 * Charts and tables shared by the SGD experiments and the {@code paperlab sgd run} command: log-log
 * gap charts with the mean over runs, type-7 quantile bands, the last-decade fit with its bootstrap
 * interval and the theory's slope; checkpoint and slope tables.
 */
public final class Report {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22), new Color(0x7f7f7f)
  };
  private static final BasicStroke DASH =
      new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  private static final BasicStroke DOT =
      new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
  private static final BasicStroke FIT =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 5f}, 0f);

  private Report() {}

  /**
   * A log-log gap chart (1100 x 620 px, legend on the right) with its own color cycle, saved as PNG
   * through {@link #save}.
   */
  public static final class GapChart {
    final XYChart chart;
    int color;
    int theories;

    /** An empty chart. */
    public GapChart(String title, String xTitle) {
      chart = new XYChartBuilder().width(1100).height(620).title(title).xAxisTitle(xTitle)
          .yAxisTitle("gap  F(x) - F*").build();
      org.knowm.xchart.style.XYStyler st = chart.getStyler();
      st.setChartBackgroundColor(Color.WHITE);
      st.setPlotGridLinesColor(new Color(0xe0e0e0));
      st.setAntiAlias(true);
      st.setXAxisLogarithmic(true).setYAxisLogarithmic(true);
      st.setLegendPosition(Styler.LegendPosition.OutsideE);
      st.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
      st.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    }

    /** Writes the chart as {@code <run>/<fileName>} (PNG, atomically). */
    void save(RunContext ctx, String fileName) {
      save(ctx.dir().resolve(fileName));
    }

    /** Writes the chart as a PNG file, atomically. */
    public void save(java.nio.file.Path file) {
      try {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /**
     * The mean over runs (solid), the quantile bands at {@code 1 - delta} for the deltas with at
     * least {@code 10/delta} runs (dotted, same color), and the last-decade fit (dashed) with its
     * slope and bootstrap interval in the legend.
     */
    public GapChart add(String name, SgdResult r, OutputSummary o, boolean bands) {
      Color c = PALETTE[color++ % PALETTE.length];
      double[] t = asDouble(r.t());
      line(name + " (mean)", t, o.mean(), c, null, 2.0f);
      if (bands) {
        int runs = r.config().runs();
        for (int l = 0; l < r.levels().length; l++) {
          double delta = 1 - r.levels()[l];
          if (runs >= 10 / delta - 1e-9) {
            String q = r.levels()[l] == 0.5 ? " median" : " q" + trim(r.levels()[l]);
            line(name + q, t, o.quantiles()[l], c, DOT, 1.0f);
          }
        }
      }
      fit(name, o.slope(), c);
      return this;
    }

    /** A plain line (e.g. a deterministic series). */
    public GapChart line(String name, double[] x, double[] y) {
      Color c = PALETTE[color++ % PALETTE.length];
      line(name, x, y, c, null, 2.0f);
      return this;
    }

    /** The fitted power law over the fit's range, dashed. */
    GapChart fit(String name, SlopeEstimate s, Color c) {
      if (!Double.isFinite(s.slope())) {
        return this;
      }
      double[] x = {s.from(), s.to()};
      double[] y = {Math.exp(s.intercept()) * Math.pow(s.from(), s.slope()),
          Math.exp(s.intercept()) * Math.pow(s.to(), s.slope())};
      String label = Double.isFinite(s.lo())
          ? String.format(Locale.ROOT, "%s fit %.3f [%.3f, %.3f]", name, s.slope(), s.lo(), s.hi())
          : String.format(Locale.ROOT, "%s fit %.3f", name, s.slope());
      line(label, x, y, c, FIT, 2.2f);
      return this;
    }

    /** A gray reference power law {@code y0 (x/x0)^slope} over {@code [x0, x1]}. */
    public GapChart theory(String name, double slope, double x0, double x1, double y0) {
      double[] x = {x0, x1};
      double[] y = {y0, y0 * Math.pow(x1 / x0, slope)};
      boolean first = theories++ % 2 == 0;
      line(String.format(Locale.ROOT, "%s (slope %.3g)", name, slope), x, y, first ? Color.DARK_GRAY : Color.GRAY,
          first ? DASH : DOT, 1.5f);
      return this;
    }

    private void line(String name, double[] x, double[] y, Color c, BasicStroke stroke, float width) {
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (x[i] > 0 && y[i] > 0 && Double.isFinite(y[i])) {
          n++;
        }
      }
      if (n == 0) {
        return;
      }
      double[] px = new double[n];
      double[] py = new double[n];
      int k = 0;
      for (int i = 0; i < x.length; i++) {
        if (x[i] > 0 && y[i] > 0 && Double.isFinite(y[i])) {
          px[k] = x[i];
          py[k++] = y[i];
        }
      }
      String unique = name;
      for (int i = 2; chart.getSeries(unique) != null; i++) {
        unique = name + " (" + i + ")";
      }
      XYSeries s = chart.addSeries(unique, px, py);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(c);
      s.setLineWidth(width);
      s.setLineStyle(stroke != null ? stroke : new BasicStroke(width));
    }
  }

  /** Adds the checkpoint table rows of every output of {@code r}, labelled {@code series}. */
  public static void checkpoints(CsvTable table, String series, SgdResult r) {
    for (OutputSummary o : r.outputs()) {
      for (int k = 0; k < r.t().length; k++) {
        Object[] row = new Object[4 + r.levels().length];
        row[0] = series;
        row[1] = o.output().name();
        row[2] = (double) r.t()[k];
        row[3] = o.mean()[k];
        for (int l = 0; l < r.levels().length; l++) {
          row[4 + l] = o.quantiles()[l][k];
        }
        table.addRow(row);
      }
    }
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

  /** A progress display fed by the solver's finished-run counter. */
  public static IntConsumer progress(Progress p) {
    int[] last = {0};
    return done -> {
      p.stepBy(done - last[0]);
      last[0] = done;
    };
  }

  /** {@code 10000} -> {@code "10000"}, {@code 0.999} -> {@code "0.999"}. */
  public static String trim(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "");
  }

  /** The mean of output {@code name} at the first checkpoint {@code >= t} (a theory line's anchor). */
  public static double anchor(SgdResult r, String name, double t) {
    OutputSummary o = r.output(name);
    for (int k = 0; k < r.t().length; k++) {
      if (r.t()[k] >= t) {
        return o.mean()[k];
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
