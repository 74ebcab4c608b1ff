package org.paperlab.gsd.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    checkAdaptive(m, r.dir(), families);
    return m;
  }

  /**
   * The adaptive arm at quick size: T = 4 at both epsilons and T in {2, 4} at epsilon 1.0, GSD and
   * RAP, every family; the ledger of every round is in adaptive-ledger.csv and the rounds of each
   * run add up to the run's budget (zCDP composes additively), half of it on selections.
   */
  private static void checkAdaptive(JsonNode m, Path dir, String[] families) {
    String[][] runs = {{"4", "eps0.07"}, {"4", "eps1.0"}, {"2", "eps1.0"}};
    for (String[] run : runs) {
      for (String method : new String[] {"gsd", "rap"}) {
        for (String f : families) {
          for (String stat : new String[] {"max", "mean"}) {
            String key = method + "_adaptive_T" + run[0] + "_" + f + "_" + stat + "_" + run[1];
            assertTrue(m.has(key), key + " in " + m);
            double v = m.get(key).asDouble();
            assertTrue(v >= 0 && v <= 1, key + " = " + v);
          }
        }
        assertTrue(m.has(method + "_adaptive_T" + run[0] + "_iterations_" + run[1]));
      }
      double rho = m.get("rho_" + run[1]).asDouble();
      String p = "adaptive_T" + run[0] + "_";
      assertEquals(rho, m.get(p + "ledger_rho_" + run[1]).asDouble(), 1e-12 * rho);
      assertEquals(rho / 2, m.get(p + "rho_select_" + run[1]).asDouble(), 1e-12 * rho);
      assertEquals(rho / 2, m.get(p + "rho_measure_" + run[1]).asDouble(), 1e-12 * rho);
    }
    assertTrue(!m.has("gsd_adaptive_T2_" + families[0] + "_max_eps0.07"), "T = 2 runs at epsilon 1.0 only");
    for (String f : new String[] {"adaptive-errors.csv", "adaptive-fits.csv", "adaptive-ledger.csv", "adaptive-ledger.png",
        "adaptive-error-max-" + families[0] + ".png", "adaptive-rounds-mean-" + families[0] + ".png"}) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    // every run's rounds 1..T in order, each spending rho / T, the last cumulative value the budget
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve("adaptive-ledger.csv"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals("epsilon,rounds,seed,round,rho_select,rho_measure,rho_round,rho_cumulative,rho_budget,selected", lines.get(0));
    int rows = 0;
    int expectRound = 1;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", 10);
      int t = (int) Double.parseDouble(c[1]);
      int round = (int) Double.parseDouble(c[3]);
      double budget = Double.parseDouble(c[8]);
      assertEquals(expectRound, round, line);
      assertEquals(budget / t, Double.parseDouble(c[6]), 1e-12 * budget, line);
      assertEquals(Double.parseDouble(c[4]), Double.parseDouble(c[5]), 1e-12 * budget, line);
      assertEquals(budget * round / t, Double.parseDouble(c[7]), 1e-12 * budget, line);
      expectRound = round == t ? 1 : round + 1;
      rows++;
    }
    assertEquals(4 + 4 + 2, rows);
    assertEquals(1, expectRound, "the last run ended at its round T");
  }

  @Test
  void marginalsQuickRunWritesEveryMetric() {
    JsonNode m = runQuick(new GsdAdultMarginals(), new String[] {"2way", "3way"});
    // more rounds cover more of the 37 candidate triples: at T = 2 only two are measured, and the
    // quick run's 3-way max error is several times that of T = 4 (GSD: depends on the seed only)
    assertTrue(m.get("gsd_adaptive_T4_3way_max_eps1.0").asDouble() < m.get("gsd_adaptive_T2_3way_max_eps1.0").asDouble());
  }

  @Test
  void mixedQuickRunWritesEveryMetric() {
    JsonNode m = runQuick(new GsdAdultMixed(), new String[] {"range", "prefix", "halfspace"});
    // GSD fits non-differentiable queries better than the relaxation at the same budget
    assertTrue(m.get("gsd_prefix_max_eps1.0").asDouble() < m.get("rap_prefix_max_eps1.0").asDouble());
    // 40 of the 72 candidates measured at T = 4 against 20 at T = 2: the prefix max error falls
    assertTrue(m.get("gsd_adaptive_T4_prefix_max_eps1.0").asDouble() < m.get("gsd_adaptive_T2_prefix_max_eps1.0").asDouble());
  }
}
