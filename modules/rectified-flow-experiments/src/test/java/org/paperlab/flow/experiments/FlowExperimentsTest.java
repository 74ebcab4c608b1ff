package org.paperlab.flow.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.flow.Toys;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Experiments;
import org.paperlab.lab.Json;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;

/** Each experiment at quick size: it runs, has the documented keys, and shows what it claims. */
class FlowExperimentsTest {
  @TempDir Path out;

  private Runner.Result run(Experiment e) {
    Runner.Result r = Runner.run(e, RunOptions.defaults().withOutRoot(out).withQuick(true),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertTrue(r.ok(), r.error());
    return r;
  }

  private static JsonNode metrics(Runner.Result r) {
    return Json.read(r.dir().resolve("metrics.json"));
  }

  @Test
  void registered() {
    for (String name : List.of("flow-2d-mixtures", "flow-2d-generation", "flow-digits")) {
      assertEquals(name, Experiments.require(name).name());
    }
  }

  @Test
  void mixtures() {
    Runner.Result r = run(new Flow2dMixtures());
    JsonNode m = metrics(r);
    for (String s : List.of("", "_ot")) {
      for (String k : List.of("straightness_rf1", "straightness_rf2", "transport_cost_rf1", "transport_cost_rf2",
          "energy_distance_rf1_nfe1", "energy_distance_rf2_nfe1", "energy_distance_rf1_nfe100",
          "energy_distance_rf2_nfe100", "energy_distance_rf1_adaptive", "adaptive_nfe_rf1")) {
        assertTrue(m.has(k + s), k + s + " in " + m);
      }
      // Liu et al., Theorem 3.5: every coupling's cost under the independent one's, reflow not above
      double c1 = m.get("transport_cost_rf1" + s).asDouble();
      double c2 = m.get("transport_cost_rf2" + s).asDouble();
      assertTrue(c1 < Toys.MIXTURE_INDEPENDENT_COST && c2 <= c1, s + ": " + c1 + ", " + c2);
      assertTrue(m.get("transport_cost_nonincreasing" + s).asBoolean());
      // reflow straightens the paths, and one step of the 2-RF beats one step of the 1-RF
      assertTrue(m.get("straightness_rf2" + s).asDouble() < m.get("straightness_rf1" + s).asDouble(), s);
      assertTrue(m.get("energy_distance_rf2_nfe1" + s).asDouble() < m.get("energy_distance_rf1_nfe1" + s).asDouble(), s);
    }
    // the OT coupling's 1-RF is far straighter than the independent one's
    assertTrue(m.get("straightness_rf1_ot").asDouble() < 0.2 * m.get("straightness_rf1").asDouble());
    for (String f : List.of("trajectories_rf1.png", "trajectories_rf2_ot.png", "samples_rf2_nfe1.png", "distance_vs_nfe.png")) {
      assertTrue(Files.exists(r.dir().resolve(f)), f);
    }
  }

  @Test
  void generation() {
    JsonNode m = metrics(run(new Flow2dGeneration()));
    for (String toy : List.of("moons", "checkerboard", "gaussians8")) {
      for (String v : List.of("base", "u_shaped", "huber", "ot")) {
        for (int nfe : new int[] {1, 2, 4, 8, 100}) {
          assertTrue(m.has("energy_distance_" + toy + "_" + v + "_nfe" + nfe), toy + v + nfe);
        }
        // more steps never hurt much: 100 steps at least as close as one, up to sample noise
        assertTrue(m.get("energy_distance_" + toy + "_" + v + "_nfe100").asDouble()
            < m.get("energy_distance_" + toy + "_" + v + "_nfe1").asDouble(), toy + " " + v);
      }
    }
  }

  @Test
  void digits() {
    Runner.Result r = run(new FlowDigits());
    JsonNode m = metrics(r);
    for (String k : List.of("mmd_pixels_rf1_nfe1", "mmd_pixels_rf2_nfe1", "mmd_pixels_distilled_nfe1",
        "mmd_projection_rf2_adaptive", "mmd_pixels_train", "adaptive_nfe_rf1", "transport_cost_rf2")) {
      assertTrue(m.has(k), k + " in " + m);
    }
    // the few-step gain of reflow on image data: one step of the 2-RF and of its distillation
    // land closer to the held-out digits than one step of the 1-RF
    assertTrue(m.get("mmd_pixels_rf2_nfe1").asDouble() < m.get("mmd_pixels_rf1_nfe1").asDouble());
    assertTrue(m.get("mmd_pixels_distilled_nfe1").asDouble() < m.get("mmd_pixels_rf1_nfe1").asDouble());
    assertTrue(Files.exists(r.dir().resolve("samples_rf2_nfe1.png")));
  }
}
