package org.paperlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.lab.Json;

/**
 * Turns a JMH result file ({@code -rf json}) into a bar chart: one bar per benchmark and
 * parameter combination, the score with its 99.9% error as an error bar, in the file's units.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.paperlab.bench.JmhChart jmh.json jmh.png</pre>
 */
public final class JmhChart {
  private JmhChart() {}

  /** The bar color. */
  static final Color BAR = new Color(0x1f77b4);

  /** The plot area's height in pixels, whatever the labels take below it. */
  static final int PLOT_HEIGHT = 420;

  /**
   * The chart of a JMH result array as PNG bytes. The labels are rotated 60 degrees under the
   * bars; the image grows by their extent (about 6.5 px a character at this font), so the plot
   * area keeps {@link #PLOT_HEIGHT} pixels however long the benchmark and parameter names are
   * (a fixed height let long rotated names fill it and left no visible bars).
   */
  static byte[] png(JsonNode root, String title) throws java.io.IOException {
    List<String> labels = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    String unit = "";
    for (JsonNode r : root) {
      String bench = r.get("benchmark").asText();
      bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      StringBuilder label = new StringBuilder(bench);
      JsonNode params = r.get("params");
      if (params != null) {
        for (Map.Entry<String, JsonNode> p : params.properties()) {
          label.append(' ').append(p.getKey()).append('=').append(p.getValue().asText());
        }
      }
      JsonNode m = r.get("primaryMetric");
      labels.add(label.toString());
      scores.add(m.get("score").asDouble());
      double err = m.get("scoreError").asDouble();
      errors.add(Double.isFinite(err) ? err : 0.0);
      unit = m.get("scoreUnit").asText();
    }
    int longest = labels.stream().mapToInt(String::length).max().orElse(0);
    int height = 120 + PLOT_HEIGHT + (int) Math.ceil(6.5 * longest);
    int width = Math.max(900, 160 + 48 * labels.size());
    CategoryChart chart =
        new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle("").yAxisTitle(unit).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setSeriesColors(new Color[] {BAR});
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.addSeries("score", labels, scores, errors);
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart, buf, BitmapEncoder.BitmapFormat.PNG);
    return buf.toByteArray();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: JmhChart <jmh-result.json> <chart.png>");
      System.exit(2);
    }
    JsonNode root = Json.read(Path.of(args[0]));
    byte[] png = png(root, "JMH: " + Path.of(args[0]).getFileName());
    AtomicFiles.write(Path.of(args[1]), png);
    int results = root.size();
    System.out.printf(Locale.ROOT, "%d results -> %s%n", results, args[1]);
  }
}
