package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Json;

class OtCommandTest {
  @TempDir Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /**
   * Two 1-D clouds {0, 1} and {0, 2}, squared Euclidean cost C = [[0, 4], [1, 1]], eps = 0.5
   * (absolute), uniform weights. Hand computation: a 2 x 2 coupling with marginals 1/2 is
   * [[p, 1/2 - p], [1/2 - p, p]] and the entropic optimum has P00 P11 / (P01 P10) =
   * exp(-(C00 + C11 - C01 - C10) / eps) = exp(4 / eps), so p = sigma(2 / eps) / 2 and
   * cost = 5 (1/2 - p) + p = 5/2 - 2 sigma(2 / eps) = 0.5359724... at eps = 0.5.
   */
  @Test
  void solvesAndWritesTheDocumentedKeys() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n");
    Path y = file("y.csv", "0\n2\n");
    Path out = tmp.resolve("result.json");
    Path plan = tmp.resolve("plan.csv");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--cost", "sqeuclidean",
        "--epsilon", "0.5", "--precision", "double", "--plan", plan.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    for (String k : List.of("cost", "objective", "iterations", "marginal_error_l1", "converged", "solve_seconds", "epsilon")) {
      assertTrue(r.has(k), k + " in " + r);
    }
    double p = 0.5 / (1 + Math.exp(-2 / 0.5));
    assertEquals(2.5 - 4 * p, r.get("cost").asDouble(), 1e-9);
    assertTrue(r.get("converged").asBoolean());
    assertEquals(0.5, r.get("epsilon").asDouble(), 0.0);
    assertTrue(r.get("marginal_error_l1").asDouble() <= 1e-9);
    List<String> rows = Files.readAllLines(plan);
    assertEquals(2, rows.size());
    assertEquals(p, Double.parseDouble(rows.get(0).split(",")[0]), 1e-9);
    assertEquals(0.5 - p, Double.parseDouble(rows.get(0).split(",")[1]), 1e-9);
    assertTrue(o.out().contains("converged true"), o.out());
  }

  /**
   * The same clouds at eps = 1e-3: row 1 is indifferent between its two targets (costs 1, 1), so
   * plain Sinkhorn from a cold start converges only like 1/t. The CLI must say so (converged
   * false, a warning, exit 0, the result still written); with --epsilon-scaling the warm-started
   * stages reach the identity coupling, cost (0 + 1) / 2 = 0.5 up to e^{-1/eps} (hand computation).
   */
  @Test
  void smallEpsilonReportsNonConvergenceAndEpsilonScalingConverges() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    Path y = file("y.csv", "0\n2\n");
    Path cold = tmp.resolve("cold.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.001",
        "--precision", "double", "--max-iter", "500", "--out", cold.toString());
    assertEquals(0, o.code(), o.err());
    assertFalse(Json.read(cold).get("converged").asBoolean());
    assertTrue(o.err().contains("not converged"), o.err());
    Path warm = tmp.resolve("warm.json");
    o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.001",
        "--precision", "double", "--epsilon-scaling", "--out", warm.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(warm);
    assertTrue(r.get("converged").asBoolean(), r.toString());
    assertEquals(0.5, r.get("cost").asDouble(), 1e-9);
  }

  @Test
  void relativeEpsilonWeightsAndUnbalanced() throws Exception {
    Path x = file("x.csv", "0,0\n1,0\n0,1\n");
    Path y = file("y.csv", "1,1\n2,0\n");
    Path a = file("a.csv", "w\n0.2\n0.3\n0.5\n");
    Path b = file("b.csv", "0.25\n0.75\n");
    Path out = tmp.resolve("r.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--a", a.toString(), "--b", b.toString(),
        "--epsilon", "0.1", "--epsilon-relative", "median", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    // costs 2, 4, 1, 1, 1, 5: median 1.5, eps = 0.15
    assertEquals(0.15, r.get("epsilon").asDouble(), 1e-12);
    Path b2 = file("b2.csv", "0.5\n1.0\n");
    CliRun u = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--b", b2.toString(),
        "--unbalanced", "1.0", "--out", out.toString());
    assertEquals(0, u.code(), u.err());
    assertEquals(1.0, Json.read(out).get("unbalanced_tau").asDouble(), 0.0);
  }

  private void rejects(String expected, String... args) {
    Path out = tmp.resolve("never.json");
    String[] all = new String[args.length + 4];
    all[0] = "ot";
    all[1] = "solve";
    System.arraycopy(args, 0, all, 2, args.length);
    all[all.length - 2] = "--out";
    all[all.length - 1] = out.toString();
    CliRun o = run(all);
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains(expected), "stderr '" + o.err() + "' should contain '" + expected + "'");
    assertFalse(Files.exists(out), "no output file on failure");
  }

  @Test
  void mismatchedDimensions() throws Exception {
    Path x = file("x.csv", "0,0\n1,1\n");
    Path y = file("y.csv", "a,b,c\n0,0,0\n");
    rejects(y + ":2:3: has 3 columns but " + x + " has 2", "--x", x.toString(), "--y", y.toString());
  }

  @Test
  void nanAndInfinity() throws Exception {
    Path x = file("x.csv", "0,0\n1,NaN\n");
    Path y = file("y.csv", "0,0\n");
    rejects(x + ":2:2: value must be finite, got 'NaN'", "--x", x.toString(), "--y", y.toString());
    Path z = file("z.csv", "0,0\nInfinity,1\n");
    rejects(z + ":2:1: value must be finite", "--x", z.toString(), "--y", y.toString());
  }

  @Test
  void nonNumericCell() throws Exception {
    Path x = file("x.csv", "x,y\n0,0\n1,one\n");
    Path y = file("y.csv", "0,0\n");
    rejects(x + ":3:2: not a number: 'one'", "--x", x.toString(), "--y", y.toString());
  }

  @Test
  void emptyFile() throws Exception {
    Path x = file("x.csv", "");
    Path y = file("y.csv", "0\n");
    rejects(x + ": file is empty", "--x", x.toString(), "--y", y.toString());
  }

  @Test
  void negativeWeight() throws Exception {
    Path x = file("x.csv", "0\n1\n2\n");
    Path a = file("a.csv", "weight\n0.5\n-0.1\n0.6\n");
    rejects(a + ":3:1: weight must be > 0, got -0.1", "--x", x.toString(), "--y", x.toString(), "--a", a.toString());
  }

  @Test
  void nonNormalizedWeights() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    Path b = file("b.csv", "0.5\n0.4\n");
    rejects(b + ": weights must sum to 1 for balanced OT (within 1e-6), they sum to 0.9",
        "--x", x.toString(), "--y", x.toString(), "--b", b.toString());
  }

  @Test
  void wrongNumberOrShapeOfWeights() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    Path a = file("a.csv", "0.2\n0.3\n0.5\n");
    rejects(a + ":3: has 3 weights but " + x + " has 2 points", "--x", x.toString(), "--y", x.toString(), "--a", a.toString());
    Path two = file("two.csv", "0.5,0.5\n0.5,0.5\n");
    rejects(two + ":1:2: a weights file has one column, found 2", "--x", x.toString(), "--y", x.toString(), "--a", two.toString());
  }

  @Test
  void missingFileAndBadOptions() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    rejects(tmp.resolve("nope.csv") + ": file not found", "--x", tmp.resolve("nope.csv").toString(), "--y", x.toString());
    rejects("cost = cosine is unknown", "--x", x.toString(), "--y", x.toString(), "--cost", "cosine");
    rejects("epsilon = -1.0 must be > 0", "--x", x.toString(), "--y", x.toString(), "--epsilon", "-1");
    rejects("epsilon-relative = p50 is unknown", "--x", x.toString(), "--y", x.toString(), "--epsilon-relative", "p50");
    rejects("maxIterations = 0", "--x", x.toString(), "--y", x.toString(), "--max-iter", "0");
    rejects("tau = -2.0 must be > 0", "--x", x.toString(), "--y", x.toString(), "--unbalanced", "-2");
  }

  @Test
  void nonConvergenceWarnsButWrites() throws Exception {
    Path x = file("x.csv", "0\n1\n3\n");
    Path y = file("y.csv", "0.5\n2\n2.5\n");
    Path out = tmp.resolve("r.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.01",
        "--max-iter", "1", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertFalse(Json.read(out).get("converged").asBoolean());
    assertTrue(o.err().contains("warning: not converged"), o.err());
  }
}
