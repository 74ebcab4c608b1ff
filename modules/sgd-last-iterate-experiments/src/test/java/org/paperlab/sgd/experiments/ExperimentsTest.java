package org.paperlab.sgd.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Experiments;
import org.paperlab.lab.Json;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;

/** Every experiment at quick size: it succeeds, writes its charts and tables, and its metrics. */
class ExperimentsTest {
  @TempDir static Path out;

  private static JsonNode run(Experiment e) throws Exception {
    Runner.Result r = Runner.run(e, new RunOptions(out, 0, true), new PrintStream(new ByteArrayOutputStream()));
    assertTrue(r.ok(), e.name() + ": " + r.error());
    try (Stream<Path> files = Files.list(r.dir())) {
      List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".png")), e.name() + " " + names);
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".csv")), e.name() + " " + names);
    }
    return Json.read(r.dir().resolve("metrics.json"));
  }

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void allSixAreRegistered() {
    for (String n : new String[] {"sgd-lower-bound", "sgd-convex", "sgd-strongly-convex", "sgd-simplex",
        "sgd-heavy-tails", "sgd-high-probability"}) {
      assertTrue(Experiments.find(n).isPresent(), n);
    }
  }

  @Test
  void lowerBound() throws Exception {
    JsonNode m = run(new SgdLowerBound());
    for (String s : new String[] {"last", "uniform", "suffix", "linear-decay", "jain", "sqrt-t"}) {
      for (long t : new long[] {10, 32, 100, 316, 1000, 3162, 10000}) {
        assertTrue(m.has("gap_" + s + "_T" + t), s + " " + t);
      }
    }
    assertTrue(m.get("closed_form_max_rel_error").asDouble() < 1e-10);
    // (3/64) H_T + (1/64) H2_T against ln T over T in [100, 10^4]: slope 3/64 up to O(1/T)
    assertEquals(3.0 / 64, m.get("sqrtT_gap_per_lnT_last").asDouble(), 5e-4);
    assertEquals(0, m.get("sqrtT_gap_per_lnT_uniform").asDouble(), 1e-3);
    assertEquals(0, m.get("sqrtT_gap_per_lnT_linear-decay").asDouble(), 1e-3);
    assertEquals(0, m.get("sqrtT_gap_per_lnT_jain").asDouble(), 3e-3);
  }

  @Test
  void convex() throws Exception {
    JsonNode m = run(new SgdConvex());
    assertEquals(-0.5, m.get("theory_slope").asDouble(), 0);
    // quick sizes: 50 runs; the last-iterate slope's bootstrap SE is about 0.015 here; 0.1 is
    // more than 6 SE (false-failure rate < 1e-9 for a fresh seed)
    assertEquals(-0.5, m.get("slope_lad_sqrt-t_last").asDouble(), 0.1);
    assertTrue(m.has("slope_lad_jain_last") && m.has("slope_lad_linear-decay_last_lo"));
    assertTrue(m.has("gap_l1-composite_smooth-sqrt-t_uniform_T10000"));
  }

  @Test
  void stronglyConvex() throws Exception {
    JsonNode m = run(new SgdStronglyConvex());
    // bootstrap SE of these slopes at quick size is about 0.03; tolerance 0.2 > 6 SE
    assertEquals(-1, m.get("slope_l1-composite_mu-t_last").asDouble(), 0.2);
    assertEquals(-1, m.get("slope_strongly-convex_two-mu-t_last").asDouble(), 0.2);
  }

  @Test
  void simplex() throws Exception {
    JsonNode m = run(new SgdSimplex());
    assertTrue(m.get("pgd_over_eg_last_d100").asDouble() > 1, "EG beats projected SGD on the simplex");
    assertTrue(m.has("slope_d100_eg-entropy_last"));
  }

  @Test
  void heavyTails() throws Exception {
    JsonNode m = run(new SgdHeavyTails());
    for (String p : new String[] {"1.25", "1.5", "1.75", "2"}) {
      assertEquals(1 / Double.parseDouble(p) - 1, m.get("theory_slope_p" + p).asDouble(), 1e-12);
      assertTrue(m.has("slope_p" + p + "_clipped_last"), p);
    }
  }

  @Test
  void highProbability() throws Exception {
    JsonNode m = run(new SgdHighProbability());
    assertEquals(1000, m.get("runs").asInt()); // 10/delta for delta = 0.01
    assertTrue(m.has("q_gaussian_delta0.01") && m.has("q_pareto_clipped_delta0.5"));
    // heavy tails without clipping spread the upper quantiles far more than Gaussian noise
    assertTrue(m.get("q_ratio_pareto").asDouble() > 3 * m.get("q_ratio_gaussian").asDouble());
  }
}
