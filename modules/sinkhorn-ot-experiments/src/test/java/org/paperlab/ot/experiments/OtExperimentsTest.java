package org.paperlab.ot.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Experiments;
import org.paperlab.lab.Json;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;

/** Each experiment at quick size: it runs, and metrics.json has the documented keys. */
class OtExperimentsTest {
  @TempDir Path out;

  private JsonNode run(Experiment e) throws Exception {
    Runner.Result r = Runner.run(e, RunOptions.defaults().withOutRoot(out).withQuick(true),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertTrue(r.ok(), r.error());
    return Json.read(r.dir().resolve("metrics.json"));
  }

  @Test
  void registered() {
    for (String name : List.of("ot-sinkhorn", "ot-monge-gap-2d", "ot-gaussian-map")) {
      assertEquals(name, Experiments.require(name).name());
    }
  }

  @Test
  void otSinkhorn() throws Exception {
    JsonNode m = run(new OtSinkhorn());
    for (String k : List.of("iterations_stabilized_eps0.05", "converged_momentum_eps0.005", "tiny_eps_finite",
        "plan_cost", "lazy_iterations", "lazy_peak_heap_mib", "triad_gbs", "kernel_gbs_float",
        "kernel_fraction_of_read_float")) {
      assertTrue(m.has(k), k + " in " + m);
    }
    assertTrue(m.get("tiny_eps_finite").asBoolean());
    assertTrue(m.get("converged_momentum_eps0.005").asBoolean());
    // the plain kernel underflows at eps = 0.005 x median, the stabilized solver does not
    assertTrue(!m.get("converged_kernel_eps0.005").asBoolean());
    assertTrue(m.get("converged_stabilized_eps0.005").asBoolean());
    // run.json records every SinkhornConfig whole
    JsonNode cfg = runJsonConfig("ot-sinkhorn");
    assertEquals("kernel", cfg.get("solve.kernel_eps0.05.method").asText());
    assertEquals("median", cfg.get("solve.kernel_eps0.05.epsilonScale").asText());
    assertTrue(cfg.get("lazy.lazy").asBoolean());
    assertEquals(0, cfg.get("lazy.threads").asInt());
    assertTrue(cfg.has("bandwidth_float.maxIterations") && cfg.has("plan.precision") && cfg.has("tiny_eps.tau"), cfg.toString());
  }

  @Test
  void otMongeGap2d() throws Exception {
    JsonNode m = run(new OtMongeGap2d());
    for (String cost : List.of("euclidean", "sqeuclidean")) {
      for (String reg : List.of("mg", "no_mg")) {
        for (String k : List.of("sinkhorn_divergence_", "monge_gap_", "mean_displacement_")) {
          assertTrue(m.has(k + cost + "_" + reg), k + cost + "_" + reg);
        }
      }
      // the regularized map has the smaller Monge gap
      assertTrue(m.get("monge_gap_" + cost + "_mg").asDouble() < m.get("monge_gap_" + cost + "_no_mg").asDouble());
    }
    Path dir = Files.list(out.resolve("ot-monge-gap-2d")).findFirst().orElseThrow();
    assertTrue(Files.exists(dir.resolve("map-sqeuclidean_mg.png")));
    assertTrue(Files.exists(dir.resolve("training.csv")));
  }

  /**
   * What the experiment shows, at quick size (120 steps, batch 128): with the Monge gap the fitted
   * map is close to the closed-form OT map (L2-UVP below 5% at d = 2; 0.83% in the baseline run),
   * without it the fitted pushforward is another map (above 100%), and the regularized map is the
   * closer one at both d = 2 and d = 8. Deterministic: fixed seeds, single-threaded ND4J. The
   * entropic map and the residual variants: see the assertions' comments.
   */
  @Test
  void otGaussianMap() throws Exception {
    JsonNode m = run(new OtGaussianMap());
    for (String k : List.of("l2_uvp_d2_mg", "l2_uvp_d2_no_mg", "l2_uvp_d8_mg", "l2_uvp_d8_no_mg", "lambda")) {
      assertTrue(m.has(k), k);
    }
    double mg2 = m.get("l2_uvp_d2_mg").asDouble();
    double plain2 = m.get("l2_uvp_d2_no_mg").asDouble();
    assertTrue(mg2 < plain2, "d = 2: with the Monge gap " + mg2 + " %, without " + plain2 + " %");
    assertTrue(mg2 < 5, "d = 2 with the Monge gap: " + mg2 + " %");
    assertTrue(plain2 > 100, "d = 2 without the Monge gap: " + plain2 + " %");
    assertTrue(m.get("l2_uvp_d8_mg").asDouble() < m.get("l2_uvp_d8_no_mg").asDouble(), m.toString());
    for (int d : new int[] {2, 8}) {
      for (String map : List.of("no_mg", "mg", "residual_no_mg", "residual_mg", "entropic")) {
        for (String k : List.of("l2_uvp_d", "sinkhorn_divergence_d", "train_seconds_d")) {
          assertTrue(m.has(k + d + "_" + map), k + d + "_" + map);
        }
      }
      // the entropic baseline beats doing nothing: below the identity map's closed-form L2-UVP
      assertTrue(m.get("l2_uvp_d" + d + "_entropic").asDouble() < m.get("l2_uvp_d" + d + "_identity").asDouble());
      // its epsilon is the grid value with the lowest validation L2-UVP
      double chosen = m.get("epsilon_d" + d + "_entropic").asDouble();
      double bestVal = Double.POSITIVE_INFINITY;
      double argmin = Double.NaN;
      for (double e : OtGaussianMap.ENTROPIC_EPS) {
        JsonNode v = m.get("l2_uvp_val_d" + d + "_entropic_eps" + e);
        if (v.isNumber() && v.asDouble() < bestVal) {
          bestVal = v.asDouble();
          argmin = e;
        }
      }
      assertEquals(argmin, chosen, 0.0);
    }
    // the paper's claim where it holds at quick size (and at default size): the Monge gap turns the
    // skip's fit into the OT map in 2-D (0.41% against 11.1% without it in the baseline run; 0.59%
    // against 4.6% at default size). Not asserted: MG against the entropic map, which is ahead at
    // quick size only because it has 512 samples there (2.5%); with 4,096 it wins in 2-D (0.36%).
    double res2 = m.get("l2_uvp_d2_residual_mg").asDouble();
    assertTrue(res2 < 5 && res2 < m.get("l2_uvp_d2_residual_no_mg").asDouble(), m.toString());
    assertTrue(m.has("l2_uvp_d8_ablation_lambda10") && m.has("l2_uvp_d8_ablation_eps_reg0.1"), m.toString());
    // run.json records each fit's whole MapFitConfig, seed included
    JsonNode cfg = runJsonConfig("ot-gaussian-map");
    assertEquals(1.0, cfg.get("fit.d2_mg.lambda").asDouble(), 0.0);
    assertEquals(0.0, cfg.get("fit.d2_no_mg.lambda").asDouble(), 0.0);
    assertEquals(org.paperlab.core.Seeds.of(0).child("fit").child(2).child("mg").seed(), cfg.get("fit.d2_mg.seed").asLong());
  }

  private JsonNode runJsonConfig(String experiment) throws Exception {
    Path dir = Files.list(out.resolve(experiment)).findFirst().orElseThrow();
    return Json.read(dir.resolve("run.json")).get("config");
  }
}
