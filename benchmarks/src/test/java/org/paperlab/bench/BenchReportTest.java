package org.paperlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark report page from a small hand-written JMH result file and peer files. */
class BenchReportTest {
  private static final String JMH = """
      [
        {"benchmark": "org.paperlab.bench.core.LogSumExpBench.paperlab", "params": {"n": "1000"},
         "primaryMetric": {"score": 12.5, "scoreError": 0.5, "scoreUnit": "us/op"}},
        {"benchmark": "org.paperlab.bench.core.LogSumExpBench.nd4j", "params": {"n": "1000"},
         "primaryMetric": {"score": 40.0, "scoreError": "NaN", "scoreUnit": "us/op"}},
        {"benchmark": "org.paperlab.bench.sgd.SgdStepBench.lad", "params": {"d": "10"},
         "primaryMetric": {"score": 0.25, "scoreError": 0.01, "scoreUnit": "us/op"}},
        {"benchmark": "org.paperlab.bench.sgd.SgdStepBench.lad", "params": {"d": "100000"},
         "primaryMetric": {"score": 2500.0, "scoreError": 3000.0, "scoreUnit": "us/op"}}
      ]
      """;

  @Test
  void oneChartAndTablePerFamilyThePeerRatiosAndTheMachine(@TempDir Path dir) throws IOException {
    Path jmh = dir.resolve("jmh.json");
    Files.writeString(jmh, JMH);
    Path mlp = dir.resolve("mlp_train_step.json");
    // PyTorch's best 3.0 ms over paperlab's best 1.5 ms: ratio 2 (computed by hand)
    Files.writeString(mlp, "[{\"batch\": 2048, \"width\": 100, \"own_ms\": 1.5, \"sharded_ms\": 1.8,"
        + " \"samediff_ms\": 6.0, \"torch_default_ms\": 4.0, \"torch_passive_ms\": 3.0}]");
    Path pot = dir.resolve("ot_pot_compare.json");
    Files.writeString(pot, "{\"pot_version\": \"0.8.2\", \"rows\": ["
        + "{\"n\": 1000, \"d\": 2, \"eps_rel\": 0.05, \"solver\": \"POT sinkhorn\", \"seconds\": 0.04},"
        + "{\"n\": 1000, \"d\": 2, \"eps_rel\": 0.05, \"solver\": \"paperlab momentum\", \"seconds\": 0.01,"
        + " \"speedup_vs_pot_sinkhorn\": 4.0, \"speedup_vs_pot_log\": 40.0}]}");
    Path out = dir.resolve("benchmarks");
    Files.createDirectories(out);
    String html = Files.readString(BenchReport.write(out, jmh, List.of(mlp, pot)));

    assertEquals(2, BenchReport.families(org.paperlab.lab.Json.read(jmh)).size());
    assertTrue(Files.size(out.resolve("LogSumExpBench.png")) > 1000, "a chart per family");
    // scores 0.25 and 2500: a log axis, whose bars XChart would refuse with the error bar of 3000
    assertTrue(Files.size(out.resolve("SgdStepBench.png")) > 1000, "a chart per family, log axis");
    assertTrue(html.contains("<img src=\"LogSumExpBench.png\""), html);
    assertTrue(html.contains("<td>paperlab n=1000</td><td class=\"num\">12.50</td><td class=\"num\">0.5000</td>"), html);
    // a missing error (NaN in JMH's file) is shown as 0
    assertTrue(html.contains("<td>nd4j n=1000</td><td class=\"num\">40.00</td><td class=\"num\">0.000</td>"), html);
    assertTrue(html.contains("<td class=\"num\">2.000</td></tr>"), "PyTorch / paperlab = 2:\n" + html);
    assertTrue(html.contains("<td>paperlab momentum</td><td class=\"num\">0.01000</td><td class=\"num\">4.000</td>"
        + "<td class=\"num\">40.00</td>"), html);
    assertTrue(!html.contains("<td>POT sinkhorn</td>"), "only paperlab's rows carry ratios:\n" + html);
    assertTrue(html.contains("<tr><th>cores</th><td>" + Runtime.getRuntime().availableProcessors() + "</td></tr>"), html);
    assertTrue(html.contains("<tr><th>ND4J backend</th>"), html);
    assertTrue(html.contains("<tr><th>CPU</th><td>" + BenchReport.cpuModel() + "</td></tr>"), html);
  }

  @Test
  void withoutPeersThePageSaysSo(@TempDir Path dir) throws IOException {
    Path jmh = dir.resolve("jmh.json");
    Files.writeString(jmh, JMH);
    String html = Files.readString(BenchReport.write(dir, jmh, List.of(dir.resolve("missing.json"))));
    assertTrue(html.contains("No peer results"), html);
  }
}
