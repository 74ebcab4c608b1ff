package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Json;

class OtCommandTest {
  @TempDir Path tmp;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /**
   * Two 1-D clouds {0, 1} and {0, 2}, squared Euclidean cost, eps = 1e-3 (absolute): the plan is
   * the identity coupling up to e^{-2/eps}, so cost = (0 + 1)/2 = 0.5 to 1e-9 (hand computation).
   */
  @Test
  void solvesAndWritesTheDocumentedKeys() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n");
    Path y = file("y.csv", "0\n2\n");
    Path out = tmp.resolve("result.json");
    Path plan = tmp.resolve("plan.csv");
    Outcome o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--cost", "sqeuclidean",
        "--epsilon", "0.001", "--precision", "double", "--plan", plan.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    for (String k : List.of("cost", "objective", "iterations", "marginal_error_l1", "converged", "solve_seconds", "epsilon")) {
      assertTrue(r.has(k), k + " in " + r);
    }
    assertEquals(0.5, r.get("cost").asDouble(), 1e-9);
    assertTrue(r.get("converged").asBoolean());
    assertEquals(0.001, r.get("epsilon").asDouble(), 0.0);
    assertTrue(r.get("marginal_error_l1").asDouble() <= 1e-9);
    List<String> rows = Files.readAllLines(plan);
    assertEquals(2, rows.size());
    assertEquals(0.5, Double.parseDouble(rows.get(0).split(",")[0]), 1e-9);
    assertEquals(0.0, Double.parseDouble(rows.get(0).split(",")[1]), 1e-9);
    assertTrue(o.out().contains("converged true"), o.out());
  }

  @Test
  void relativeEpsilonWeightsAndUnbalanced() throws Exception {
    Path x = file("x.csv", "0,0\n1,0\n0,1\n");
    Path y = file("y.csv", "1,1\n2,0\n");
    Path a = file("a.csv", "w\n0.2\n0.3\n0.5\n");
    Path b = file("b.csv", "0.25\n0.75\n");
    Path out = tmp.resolve("r.json");
    Outcome o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--a", a.toString(), "--b", b.toString(),
        "--epsilon", "0.1", "--epsilon-relative", "median", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    // costs 2, 4, 1, 1, 1, 5: median 1.5, eps = 0.15
    assertEquals(0.15, r.get("epsilon").asDouble(), 1e-12);
    Path b2 = file("b2.csv", "0.5\n1.0\n");
    Outcome u = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--b", b2.toString(),
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
    Outcome o = run(all);
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
    Outcome o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.01",
        "--max-iter", "1", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertFalse(Json.read(out).get("converged").asBoolean());
    assertTrue(o.err().contains("warning: not converged"), o.err());
  }
}
