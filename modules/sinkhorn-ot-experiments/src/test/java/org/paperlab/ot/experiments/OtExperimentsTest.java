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

  @Test
  void otGaussianMap() throws Exception {
    JsonNode m = run(new OtGaussianMap());
    for (String k : List.of("l2_uvp_d2_mg", "l2_uvp_d2_no_mg", "l2_uvp_d8_mg", "l2_uvp_d8_no_mg", "lambda")) {
      assertTrue(m.has(k), k);
    }
  }

  /** The closed-form Bures map pushes N(0, S1) to N(m2, S2): A S1 A^T = S2 (checked numerically). */
  @Test
  void buresMapIsCorrect() {
    var rng = new java.util.SplittableRandom(4);
    int d = 5;
    var s = OtGaussianMap.Gaussian.random(d, false, rng);
    var t = OtGaussianMap.Gaussian.random(d, true, rng);
    double[] a = OtGaussianMap.bures(s.cov(), t.cov());
    var am = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        am.setEntry(i, j, a[i * d + j]);
      }
    }
    var pushed = am.multiply(s.cov()).multiply(am.transpose());
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(t.cov().getEntry(i, j), pushed.getEntry(i, j), 1e-10);
        assertEquals(am.getEntry(i, j), am.getEntry(j, i), 1e-10); // symmetric: a gradient of a convex map
      }
    }
  }
}
