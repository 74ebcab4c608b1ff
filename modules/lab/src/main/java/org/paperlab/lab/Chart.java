package org.paperlab.lab;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.paperlab.core.Checks;
import org.paperlab.core.Fits;
import org.paperlab.core.io.AtomicFiles;

/**
 * A 2-D chart saved as PNG (XChart): line, scatter and log-log charts (with fitted slopes and
 * reference slopes) and histograms, in one house style.
 *
 * <pre>{@code
 * Chart c = Chart.logLog("Last-iterate gap", "t", "E[F(x_t)] - F*");
 * Fits.Line fit = c.seriesWithFit("last iterate", t, gap);
 * c.reference("theory t^-1/2", t, -0.5, gap[0]);
 * ctx.save(c, "gap.png");
 * }</pre>
 *
 * A wide chart with many series takes its legend outside the plot, and series can share a color
 * and carry their own stroke (a mean, its quantile bands and its fit in one color; theory lines in
 * gray):
 *
 * <pre>{@code
 * Chart c = Chart.logLog("LAD: c/sqrt(t)", "t", "gap", 1100, 620).legendOutside();
 * Color col = c.nextColor();
 * c.series("last (mean)", t, mean, col, Chart.Stroke.SOLID, 2.0f);
 * c.series("last q0.9", t, q90, col, Chart.Stroke.DOTTED, 1.0f);
 * c.powerLaw("theory t^-1/2", -0.5, 1e3, 1e4, 0.02);
 * }</pre>
 *
 * On logarithmic axes, points with a non-positive coordinate cannot be drawn and are dropped
 * from the drawing (never from the CSV written beside it).
 */
public final class Chart {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  /** Line patterns of {@link #series(String, double[], double[], Color, Stroke, float)}. */
  public enum Stroke {
    /** A continuous line. */
    SOLID(null),
    /** Dashes of 6 px, gaps of 4 px. */
    DASHED(new float[] {6f, 4f}),
    /** Dots of 2 px, gaps of 3 px. */
    DOTTED(new float[] {2f, 3f}),
    /** Dashes of 10 px, gaps of 5 px (fitted lines). */
    LONG_DASHED(new float[] {10f, 5f});

    private final float[] dash;

    Stroke(float[] dash) {
      this.dash = dash;
    }

    BasicStroke of(float width) {
      return dash == null ? new BasicStroke(width)
          : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash.clone(), 0f);
    }
  }

  private final XYChart chart;
  private int colorIndex;
  private int powerLaws;

  private Chart(String title, String xTitle, String yTitle, int width, int height) {
    chart =
        new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setSeriesColors(PALETTE);
    s.setAntiAlias(true);
    s.setMarkerSize(5);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
  }

  /** Lines on linear axes. */
  public static Chart line(String title, String xTitle, String yTitle) {
    return new Chart(title, xTitle, yTitle, 800, 560);
  }

  /** Points on linear axes with equal aspect-friendly size. */
  public static Chart scatter(String title, String xTitle, String yTitle) {
    Chart c = new Chart(title, xTitle, yTitle, 700, 700);
    c.chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    return c;
  }

  /** Lines on log-log axes. */
  public static Chart logLog(String title, String xTitle, String yTitle) {
    return logLog(title, xTitle, yTitle, 800, 560);
  }

  /** Lines on log-log axes, {@code width x height} pixels. */
  public static Chart logLog(String title, String xTitle, String yTitle, int width, int height) {
    Checks.positive("width", width);
    Checks.positive("height", height);
    Chart c = new Chart(title, xTitle, yTitle, width, height);
    c.chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    return c;
  }

  /** Histogram of {@code values} in {@code bins} equal-width bins (counts per bin). */
  public static Chart histogram(String title, String xTitle, String name, double[] values, int bins) {
    Checks.positive("bins", bins);
    Checks.require(values.length > 0, "histogram of %s needs at least one value", name);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double w = (hi - lo) / bins;
    double[] counts = new double[bins];
    for (double v : values) {
      if (Double.isFinite(v)) {
        counts[Math.min(bins - 1, (int) ((v - lo) / w))]++;
      }
    }
    // a step outline: each bin drawn from its left edge to its right edge
    double[] x = new double[2 * bins];
    double[] y = new double[2 * bins];
    for (int b = 0; b < bins; b++) {
      x[2 * b] = lo + b * w;
      x[2 * b + 1] = lo + (b + 1) * w;
      y[2 * b] = counts[b];
      y[2 * b + 1] = counts[b];
    }
    Chart c = line(title, xTitle, "count");
    XYSeries s = c.chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    s.setMarker(SeriesMarkers.NONE);
    return c;
  }

  /**
   * Puts the legend outside the plot, on the right, in an 11 pt font, with a 13 pt title: for
   * charts with many series and long labels.
   */
  public Chart legendOutside() {
    var st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    return this;
  }

  /**
   * The next color of the chart's cycle, advancing it: for several series drawn in one color with
   * {@link #series(String, double[], double[], Color, Stroke, float)}.
   */
  public Color nextColor() {
    return PALETTE[colorIndex++ % PALETTE.length];
  }

  /** Uses a logarithmic x axis. */
  public Chart logX() {
    chart.getStyler().setXAxisLogarithmic(true);
    return this;
  }

  /** Uses a logarithmic y axis. */
  public Chart logY() {
    chart.getStyler().setYAxisLogarithmic(true);
    return this;
  }

  /** Adds a series drawn in the chart's default style (line, or points for a scatter chart). */
  public Chart series(String name, double[] x, double[] y) {
    XYSeries s = add(name, x, y);
    if (s != null && chart.getStyler().getDefaultSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter) {
      s.setMarker(SeriesMarkers.NONE);
    }
    return this;
  }

  /**
   * Adds a line in the given color, stroke and width (pixels), without markers; it does not advance
   * the color cycle.
   */
  public Chart series(String name, double[] x, double[] y, Color color, Stroke stroke, float width) {
    Checks.notNull("color", color);
    Checks.notNull("stroke", stroke);
    XYSeries s = add(name, x, y, color);
    if (s != null) {
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(width);
      s.setLineStyle(stroke.of(width));
    }
    return this;
  }

  /** Adds a series drawn as points. */
  public Chart points(String name, double[] x, double[] y) {
    XYSeries s = add(name, x, y);
    if (s != null) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    return this;
  }

  /** Adds a dashed line (bands, references). */
  public Chart dashed(String name, double[] x, double[] y) {
    XYSeries s = add(name, x, y);
    if (s != null) {
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(SeriesLines.DASH_DASH);
    }
    return this;
  }

  /**
   * Adds a series and its least-squares log-log fit (dashed), with the fitted slope in the legend;
   * returns the fit.
   */
  public Fits.Line seriesWithFit(String name, double[] x, double[] y) {
    Fits.Line fit = Fits.logLog(x, y);
    int color = colorIndex;
    series(name, x, y);
    double[] fx = positive(x);
    double[] fy = new double[fx.length];
    for (int i = 0; i < fx.length; i++) {
      fy[i] = Math.exp(fit.at(Math.log(fx[i])));
    }
    XYSeries s = add(String.format(Locale.ROOT, "%s fit: slope %.3f", name, fit.slope()), fx, fy);
    if (s != null) {
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(SeriesLines.DASH_DASH);
      s.setLineColor(PALETTE[color % PALETTE.length]);
      colorIndex--; // the fit shares its series' color
    }
    return fit;
  }

  /**
   * Adds a dotted reference line {@code y = y0 (x / x0)^slope} through the first x, labelled with
   * its slope (e.g. the theorem's rate).
   */
  public Chart reference(String name, double[] x, double slope, double y0) {
    double[] fx = positive(x);
    if (fx.length == 0) {
      return this;
    }
    double[] fy = new double[fx.length];
    for (int i = 0; i < fx.length; i++) {
      fy[i] = y0 * Math.pow(fx[i] / fx[0], slope);
    }
    XYSeries s = add(String.format(Locale.ROOT, "%s (slope %.2f)", name, slope), fx, fy);
    if (s != null) {
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(SeriesLines.DOT_DOT);
      s.setLineColor(Color.GRAY);
    }
    return this;
  }

  /**
   * Adds a gray reference power law {@code y0 (x / x0)^slope} over {@code [x0, x1]}, labelled with
   * its slope to 3 significant digits, 1.5 px wide; successive ones alternate a dark gray dashed
   * line and a gray dotted one, so that two theories can be told apart.
   */
  public Chart powerLaw(String name, double slope, double x0, double x1, double y0) {
    double[] x = {x0, x1};
    double[] y = {y0, y0 * Math.pow(x1 / x0, slope)};
    boolean first = powerLaws++ % 2 == 0;
    return series(String.format(Locale.ROOT, "%s (slope %.3g)", name, slope), x, y,
        first ? Color.DARK_GRAY : Color.GRAY, first ? Stroke.DASHED : Stroke.DOTTED, 1.5f);
  }

  /** The underlying XChart chart, for anything this class does not cover. */
  public XYChart xy() {
    return chart;
  }

  /** The chart as PNG bytes. */
  public byte[] png() {
    try {
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      BitmapEncoder.saveBitmap(chart, buf, BitmapEncoder.BitmapFormat.PNG);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the chart as a PNG file, atomically. */
  public void save(Path file) {
    AtomicFiles.write(file, png());
  }

  private XYSeries add(String name, double[] x, double[] y) {
    return add(name, x, y, null);
  }

  /** Adds the drawable points as a series, in {@code color} or (null) the next color of the cycle. */
  private XYSeries add(String name, double[] x, double[] y, Color color) {
    Checks.sameSize("length of x for " + name, x.length, "length of y", y.length);
    boolean lx = chart.getStyler().isXAxisLogarithmic();
    boolean ly = chart.getStyler().isYAxisLogarithmic();
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], lx) && drawable(y[i], ly)) {
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    double[] px = new double[n];
    double[] py = new double[n];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], lx) && drawable(y[i], ly)) {
        px[k] = x[i];
        py[k++] = y[i];
      }
    }
    XYSeries s = chart.addSeries(uniqueName(name), px, py);
    s.setLineWidth(1.8f);
    Color c = color != null ? color : PALETTE[colorIndex++ % PALETTE.length];
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setFillColor(c);
    return s;
  }

  private String uniqueName(String name) {
    String n = name;
    int i = 2;
    while (chart.getSeries(n) != null) {
      n = name + " (" + i++ + ")";
    }
    return n;
  }

  private static boolean drawable(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  private static double[] positive(double[] x) {
    return java.util.Arrays.stream(x).filter(v -> v > 0 && Double.isFinite(v)).toArray();
  }
}
