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

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: JmhChart <jmh-result.json> <chart.png>");
      System.exit(2);
    }
    JsonNode root = Json.read(Path.of(args[0]));
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
    int height = Math.max(400, 80 + 28 * labels.size());
    CategoryChart chart =
        new CategoryChartBuilder().width(1100).height(height).title("JMH: " + Path.of(args[0]).getFileName())
            .xAxisTitle("").yAxisTitle(unit).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4)});
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.addSeries("score", labels, scores, errors);
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart, buf, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(Path.of(args[1]), buf.toByteArray());
    System.out.printf(Locale.ROOT, "%d results -> %s%n", labels.size(), args[1]);
  }
}
