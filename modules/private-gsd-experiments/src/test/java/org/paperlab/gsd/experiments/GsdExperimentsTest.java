package org.paperlab.gsd.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Json;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;

class GsdExperimentsTest {
  @TempDir Path out;

  private JsonNode runQuick(Experiment e, String[] families) {
    Runner.Result r = Runner.run(e, new RunOptions(out, 0, true), new PrintStream(new ByteArrayOutputStream()));
    assertTrue(r.ok(), r.error());
    JsonNode m = Json.read(r.dir().resolve("metrics.json"));
    for (String method : new String[] {"gsd", "rap", "nonprivate"}) {
      for (String eps : new String[] {"eps0.07", "eps1.0"}) {
        for (String f : families) {
          for (String stat : new String[] {"max", "mean"}) {
            String key = method + "_" + f + "_" + stat + "_" + eps;
            assertTrue(m.has(key), key + " in " + m);
            double v = m.get(key).asDouble();
            assertTrue(v >= 0 && v <= 1, key + " = " + v);
          }
        }
        String f1 = method + "_f1_" + eps;
        assertTrue(m.has(f1), f1);
        assertTrue(m.get(f1).asDouble() > 0.3 && m.get(f1).asDouble() <= 1, f1 + " = " + m.get(f1));
      }
    }
    // the privacy ledger spends exactly the budget
    for (String eps : new String[] {"eps0.07", "eps1.0"}) {
      assertEquals(m.get("rho_" + eps).asDouble(), m.get("ledger_rho_" + eps).asDouble(), 1e-12 * m.get("rho_" + eps).asDouble());
    }
    // 14x the epsilon gives a smaller error (the error at eps 0.07 is several times larger)
    assertTrue(m.get("gsd_" + families[0] + "_max_eps1.0").asDouble() < m.get("gsd_" + families[0] + "_max_eps0.07").asDouble());
    assertTrue(m.get("real_f1").asDouble() > 0.7);
    for (String f : new String[] {"errors.csv", "ml.csv", "fitness.csv", "privacy.csv", "fits.csv", "fitness.png", "ml-f1.png",
        "error-max-" + families[0] + ".png", "error-mean-" + families[0] + ".png"}) {
      assertTrue(Files.exists(r.dir().resolve(f)), f);
    }
    return m;
  }

  @Test
  void marginalsQuickRunWritesEveryMetric() {
    runQuick(new GsdAdultMarginals(), new String[] {"2way", "3way"});
  }

  @Test
  void mixedQuickRunWritesEveryMetric() {
    JsonNode m = runQuick(new GsdAdultMixed(), new String[] {"range", "prefix", "halfspace"});
    // GSD fits non-differentiable queries better than the relaxation at the same budget
    assertTrue(m.get("gsd_prefix_max_eps1.0").asDouble() < m.get("rap_prefix_max_eps1.0").asDouble());
  }
}
