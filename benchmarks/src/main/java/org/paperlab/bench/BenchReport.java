package org.paperlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.lab.Json;
import org.paperlab.lab.Provenance;

/**
 * Writes the benchmark report page of {@code benchmarks/run}: {@code OUT/index.html} with the
 * machine (CPU model, cores, JDK, ND4J backend), one bar chart and one table per benchmark family
 * (a JMH benchmark class: one bar per method and parameter combination, the score with its 99.9%
 * error; on a log axis without error bars when the scores span more than a factor 100) and a table of ratios to the peers whose results are given.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.paperlab.bench.BenchReport [--index RESULTS] OUT jmh.json [PEER.json ...]
 * </pre>
 *
 * With {@code --index RESULTS} it also rewrites {@code RESULTS/index.html} (lab's {@link
 * org.paperlab.lab.ReportPage}, which links {@code RESULTS/benchmarks/index.html}).
 *
 * Peer files are recognized by name: {@code ot_pot_compare.json} (peers/ot_pot_compare.py: the
 * speed-up of each paperlab solver over POT's {@code sinkhorn} and {@code sinkhorn_log} on the same
 * problem) and {@code mlp_train_step.json} (peers/mlp_train_step.py: PyTorch's best ms per Adam
 * step over paperlab's best, {@code min(torch default, torch passive) / min(own, sharded)}).
 */
public final class BenchReport {
  private BenchReport() {}

  /** One JMH result: its family (benchmark class), its label (method and parameters), score, error, unit. */
  record Row(String family, String label, double score, double error, String unit) {}

  public static void main(String[] args) throws IOException {
    int a = 0;
    Path index = null;
    if (args.length >= 2 && args[0].equals("--index")) {
      index = Path.of(args[1]);
      a = 2;
    }
    if (args.length - a < 2) {
      System.err.println("usage: BenchReport [--index RESULTS_DIR] OUT_DIR JMH_JSON [PEER_JSON ...]");
      System.exit(2);
    }
    Path out = Path.of(args[a]);
    Files.createDirectories(out);
    List<Path> peers = new ArrayList<>();
    for (int i = a + 2; i < args.length; i++) {
      peers.add(Path.of(args[i]));
    }
    Path page = write(out, Path.of(args[a + 1]), peers);
    System.out.println("wrote " + page);
    if (index != null) {
      System.out.println("wrote " + org.paperlab.lab.ReportPage.write(index));
    }
  }

  /** The families of a JMH result file, in file order. */
  static Map<String, List<Row>> families(JsonNode root) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (JsonNode r : root) {
      String bench = r.get("benchmark").asText();
      int dot = bench.lastIndexOf('.');
      String family = bench.substring(bench.lastIndexOf('.', dot - 1) + 1, dot);
      StringBuilder label = new StringBuilder(bench.substring(dot + 1));
      JsonNode params = r.get("params");
      if (params != null) {
        for (Map.Entry<String, JsonNode> p : params.properties()) {
          label.append(' ').append(p.getKey()).append('=').append(p.getValue().asText());
        }
      }
      JsonNode m = r.get("primaryMetric");
      double err = m.get("scoreError").asDouble();
      out.computeIfAbsent(family, k -> new ArrayList<>()).add(new Row(family, label.toString(),
          m.get("score").asDouble(), Double.isFinite(err) ? err : 0.0, m.get("scoreUnit").asText()));
    }
    return out;
  }

  /** Writes {@code out/index.html} and one {@code <family>.png} per family; returns the page. */
  static Path write(Path out, Path jmh, List<Path> peers) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>paperlab benchmarks</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222}\n")
        .append("h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\n")
        .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left}\n")
        .append("td.num{text-align:right;font-family:monospace}img{max-width:1100px;border:1px solid #eee}\n")
        .append("</style></head><body>\n<h1>paperlab benchmarks</h1>\n");
    Map<String, Object> prov = Provenance.collect();
    h.append("<h2>Machine</h2>\n<table>\n");
    row(h, "CPU", cpuModel());
    row(h, "cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    row(h, "JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    row(h, "ND4J backend", Provenance.nd4jBackend());
    row(h, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    Object git = prov.get("git_commit");
    if (git != null) {
      row(h, "git commit", git.toString());
    }
    row(h, "JMH results", jmh.getFileName().toString());
    h.append("</table>\n");

    Map<String, List<Row>> fams = Files.exists(jmh) ? families(Json.read(jmh)) : Map.of();
    h.append("<h2>Benchmark families</h2>\n");
    if (fams.isEmpty()) {
      h.append("<p>No JMH results.</p>\n");
    }
    for (Map.Entry<String, List<Row>> f : fams.entrySet()) {
      String name = f.getKey();
      List<Row> rows = f.getValue();
      AtomicFiles.write(out.resolve(name + ".png"), chart(name, rows));
      h.append("<h3 id=\"").append(esc(name)).append("\">").append(esc(name)).append("</h3>\n")
          .append("<img src=\"").append(esc(name)).append(".png\" alt=\"").append(esc(name)).append("\">\n")
          .append("<table><tr><th>benchmark</th><th>score</th><th>99.9% error</th><th>unit</th></tr>\n");
      for (Row r : rows) {
        h.append("<tr><td>").append(esc(r.label())).append("</td><td class=\"num\">").append(fmt(r.score()))
            .append("</td><td class=\"num\">").append(fmt(r.error())).append("</td><td>").append(esc(r.unit()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Ratios to the peers</h2>\n");
    int shown = 0;
    for (Path p : peers) {
      if (!Files.exists(p)) {
        continue;
      }
      String file = p.getFileName().toString();
      JsonNode root = Json.read(p);
      if (file.equals("ot_pot_compare.json")) {
        h.append("<h3>Sinkhorn vs POT ").append(esc(root.path("pot_version").asText())).append("</h3>\n")
            .append("<p>Speed-up of each paperlab solver over POT on the same point clouds and stopping rule "
                + "(&gt; 1: paperlab is faster).</p>\n")
            .append("<table><tr><th>n</th><th>d</th><th>eps / median</th><th>solver</th><th>seconds</th>"
                + "<th>vs POT sinkhorn</th><th>vs POT sinkhorn_log</th></tr>\n");
        for (JsonNode r : root.path("rows")) {
          if (!r.path("solver").asText().startsWith("paperlab")) {
            continue;
          }
          h.append("<tr><td class=\"num\">").append(r.path("n").asText()).append("</td><td class=\"num\">")
              .append(r.path("d").asText()).append("</td><td class=\"num\">").append(r.path("eps_rel").asText())
              .append("</td><td>").append(esc(r.path("solver").asText())).append("</td><td class=\"num\">")
              .append(fmt(r.path("seconds").asDouble())).append("</td><td class=\"num\">")
              .append(fmt(r.path("speedup_vs_pot_sinkhorn").asDouble(Double.NaN))).append("</td><td class=\"num\">")
              .append(fmt(r.path("speedup_vs_pot_log").asDouble(Double.NaN))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        shown++;
      } else if (file.equals("mlp_train_step.json")) {
        h.append("<h3>MLP training step vs PyTorch</h3>\n")
            .append("<p>ms per Adam step of a 3-w-w-2 tanh MLP; ratio = PyTorch's best / paperlab's best "
                + "(&gt; 1: paperlab is faster).</p>\n")
            .append("<table><tr><th>batch</th><th>width</th><th>paperlab own</th><th>paperlab sharded</th>"
                + "<th>PyTorch default</th><th>PyTorch passive</th><th>ratio</th></tr>\n");
        for (JsonNode r : root) {
          double best = Math.min(r.path("own_ms").asDouble(), r.path("sharded_ms").asDouble());
          double torch = Math.min(r.path("torch_default_ms").asDouble(), r.path("torch_passive_ms").asDouble());
          h.append("<tr><td class=\"num\">").append(r.path("batch").asText()).append("</td><td class=\"num\">")
              .append(r.path("width").asText()).append("</td><td class=\"num\">").append(fmt(r.path("own_ms").asDouble()))
              .append("</td><td class=\"num\">").append(fmt(r.path("sharded_ms").asDouble()))
              .append("</td><td class=\"num\">").append(fmt(r.path("torch_default_ms").asDouble()))
              .append("</td><td class=\"num\">").append(fmt(r.path("torch_passive_ms").asDouble()))
              .append("</td><td class=\"num\">").append(fmt(torch / best)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        shown++;
      }
    }
    if (shown == 0) {
      h.append("<p>No peer results (the peers need Debian's python3-pot and python3-torch; see "
          + "benchmarks/README.md).</p>\n");
    }
    h.append("</body></html>\n");
    Path page = out.resolve("index.html");
    AtomicFiles.writeString(page, h.toString());
    return page;
  }

  private static byte[] chart(String family, List<Row> rows) throws IOException {
    List<String> labels = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    for (Row r : rows) {
      labels.add(r.label());
      scores.add(r.score());
      errors.add(r.error());
    }
    CategoryChart c = new CategoryChartBuilder().width(1100).height(Math.max(420, 200 + 14 * labels.size()))
        .title(family).xAxisTitle("").yAxisTitle(rows.get(0).unit()).build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4)});
    c.getStyler().setXAxisLabelRotation(60);
    double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(1);
    double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (min > 0 && max / min > 100) {
      // scores over orders of magnitude (sizes as params): log axis, without error bars (XChart
      // refuses a bar that reaches 0 on a log axis; the table gives every error)
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setYAxisMin(min / 2);   // bars start at the axis minimum, not at 0
      c.getStyler().setYAxisMax(max * 2);
      c.setYAxisTitle(rows.get(0).unit() + " (log scale)");
      c.addSeries("score", labels, scores);
    } else {
      c.addSeries("score", labels, scores, errors);
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(c, buf, BitmapEncoder.BitmapFormat.PNG);
    return buf.toByteArray();
  }

  /** The CPU's model name from /proc/cpuinfo, else os.arch. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  private static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
