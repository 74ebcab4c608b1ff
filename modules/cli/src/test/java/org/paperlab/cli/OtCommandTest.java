package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;
import org.paperlab.lab.Json;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.Method;
import org.paperlab.ot.Precision;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.StandardCost;

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
    Path y = file("y.csv", "y\n0\n2\n"); // a header: a first line "0" alone would be ambiguous (pandas)
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
        "--precision", "double", "--max-iter", "500", "--no-header", "--out", cold.toString());
    assertEquals(0, o.code(), o.err());
    assertFalse(Json.read(cold).get("converged").asBoolean());
    assertTrue(o.err().contains("not converged"), o.err());
    Path warm = tmp.resolve("warm.json");
    o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.001",
        "--precision", "double", "--epsilon-scaling", "--no-header", "--out", warm.toString());
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
    Path x = file("x.csv", "x\n0\n1\n2\n");
    Path a = file("a.csv", "weight\n0.5\n-0.1\n0.6\n");
    rejects(a + ":3:1: weight = -0.1 must be > 0", "--x", x.toString(), "--y", x.toString(), "--a", a.toString());
    Path zero = file("zero.csv", "weight\n0.5\n0.5\n0\n");
    rejects(zero + ":4:1: weight = 0.0 must be > 0 and finite (drop points of zero weight)",
        "--x", x.toString(), "--y", x.toString(), "--b", zero.toString());
  }

  @Test
  void nonNormalizedWeights() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    Path b = file("b.csv", "0.5\n0.4\n");
    rejects(b + ": weights must sum to 1 for balanced OT (within 1e-6), they sum to 0.9",
        "--x", x.toString(), "--y", x.toString(), "--b", b.toString(), "--no-header");
  }

  @Test
  void wrongNumberOrShapeOfWeights() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    Path a = file("a.csv", "0.2\n0.3\n0.5\n");
    rejects(a + ":3: has 3 weights but " + x + " has 2 points", "--x", x.toString(), "--y", x.toString(), "--a", a.toString(),
        "--no-header");
    Path two = file("two.csv", "0.5,0.5\n0.5,0.5\n");
    rejects(two + ":1:2: a weights file has one column, found 2", "--x", x.toString(), "--y", x.toString(), "--a", two.toString(),
        "--no-header");
  }

  @Test
  void missingFileAndBadOptions() throws Exception {
    Path x = file("x.csv", "0\n1\n");
    rejects(tmp.resolve("nope.csv") + ": file not found", "--x", tmp.resolve("nope.csv").toString(), "--y", x.toString());
    rejects("--cost = 'cosine' is not one of sqeuclidean, euclidean, l1", "--x", x.toString(), "--y", x.toString(),
        "--cost", "cosine");
    rejects("epsilon = -1.0 must be > 0", "--x", x.toString(), "--y", x.toString(), "--epsilon", "-1");
    rejects("--epsilon-relative = 'p50' is not one of none, mean, median, max", "--x", x.toString(), "--y", x.toString(),
        "--epsilon-relative", "p50");
    rejects("--max-iter = 0 must be > 0", "--x", x.toString(), "--y", x.toString(), "--max-iter", "0");
    rejects("--unbalanced = -2.0 must be > 0", "--x", x.toString(), "--y", x.toString(), "--unbalanced", "-2");
    rejects("--method = 'fast' is not one of auto, kernel, log", "--x", x.toString(), "--y", x.toString(), "--method", "fast");
    rejects("--precision = 'half' is not one of float, double", "--x", x.toString(), "--y", x.toString(),
        "--precision", "half");
    rejects("--threads = -1 must be >= 0", "--x", x.toString(), "--y", x.toString(), "--threads", "-1");
    rejects("--max-iter = 'many' is not a whole number", "--x", x.toString(), "--y", x.toString(), "--max-iter", "many");
  }

  @Test
  void nonConvergenceWarnsButWrites() throws Exception {
    Path x = file("x.csv", "0\n1\n3\n");
    Path y = file("y.csv", "0.5\n2\n2.5\n");
    Path out = tmp.resolve("r.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.01",
        "--max-iter", "1", "--no-header", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertFalse(Json.read(out).get("converged").asBoolean());
    assertTrue(o.err().contains("warning: not converged"), o.err());
  }

  /** The help entry of {@code option} (its synopsis line and the description lines after it). */
  private static String helpEntry(String help, String option) {
    StringBuilder entry = null;
    for (String line : help.split("\\R")) {
      boolean synopsis = line.matches("\\s+(-\\w, )?--[\\[\\]\\w-]+.*");
      String t = line.trim();
      if (synopsis && (t.startsWith(option + "=") || t.startsWith(option + " ") || t.equals(option))) {
        entry = new StringBuilder(line);
      } else if (entry != null && (synopsis || line.isBlank())) {
        break;
      } else if (entry != null) {
        entry.append(' ').append(t);
      }
    }
    assertTrue(entry != null, option + " is not in\n" + help);
    return entry.toString();
  }

  private static String shownDefault(String help, String option) {
    String entry = helpEntry(help, option);
    Matcher m = Pattern.compile("default: ([^)\\s;]+)").matcher(entry);
    assertTrue(m.find(), option + " shows no default: " + entry);
    return m.group(1);
  }

  /** Every config-backed option shows SinkhornConfig.defaults()'s own value; the named ones list every name. */
  @Test
  void helpShowsTheConfigsOwnDefaultsAndEveryName() {
    CliRun o = run("ot", "solve", "--help");
    assertEquals(0, o.code(), o.err());
    Map<String, String> d = Configs.toMap(SinkhornConfig.defaults());
    Map<String, String> keys = Map.of("--epsilon", "epsilon", "--epsilon-relative", "epsilonScale",
        "--tolerance", "tolerance", "--max-iter", "maxIterations", "--method", "method", "--precision", "precision",
        "--epsilon-scaling", "epsilonScaling", "--lazy", "lazy", "--threads", "threads", "--unbalanced", "tau");
    keys.forEach((option, key) -> assertEquals(key, OtCommand.Solve.CONFIG.key(option), option));
    keys.forEach((option, key) -> assertEquals(d.get(key), shownDefault(o.out(), option), option));
    // written out by hand from the documented defaults
    assertEquals("0.05", shownDefault(o.out(), "--epsilon"));
    assertEquals("none", shownDefault(o.out(), "--epsilon-relative"));
    assertEquals("Infinity", shownDefault(o.out(), "--unbalanced"));
    assertEquals("0", shownDefault(o.out(), "--threads"));
    assertEquals("10000", shownDefault(o.out(), "--max-iter"));
    assertEquals(Variants.name(StandardCost.DEFAULT), shownDefault(o.out(), "--cost"));
    assertEquals("sqeuclidean", shownDefault(o.out(), "--cost"));
    Map<String, Class<?>> families = Map.of("--epsilon-relative", EpsilonScale.class, "--method", Method.class,
        "--precision", Precision.class, "--cost", StandardCost.class);
    families.forEach((option, family) ->
        assertTrue(helpEntry(o.out(), option).contains(String.join(", ", Variants.names(family))), option));
    assertTrue(helpEntry(o.out(), "--epsilon-relative").contains("none, mean, median, max"));
    assertTrue(o.out().contains("--[no-]header") && o.out().contains("pandas"), o.out());
  }

  /** Every scale name is accepted, max included: costs 0, 4, 1, 1 (x = {0, 1}, y = {0, 2}). */
  @Test
  void everyEpsilonScaleIsAccepted() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n");
    Path y = file("y.csv", "y\n0\n2\n");
    Map<String, Double> expected = Map.of("none", 0.1, "mean", 0.15, "median", 0.1, "max", 0.4);
    for (String scale : Variants.names(EpsilonScale.class)) {
      Path out = tmp.resolve(scale + ".json");
      CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--epsilon", "0.1",
          "--epsilon-relative", scale, "--out", out.toString());
      assertEquals(0, o.code(), o.err());
      JsonNode r = Json.read(out);
      assertEquals(expected.get(scale), r.get("epsilon").asDouble(), 1e-12, scale);
      assertEquals(scale, r.get("epsilon_relative").asText());
      assertEquals(scale, r.get("config").get("epsilonScale").asText());
    }
  }

  /** --threads 0 is all cores: result.json keeps the 0 in its config and reports the resolved count. */
  @Test
  void threadsZeroMeansAllCores() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n3\n");
    Path out = tmp.resolve("r.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", x.toString(), "--threads", "0", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    assertEquals(0, r.get("config").get("threads").asInt());
    assertEquals(Runtime.getRuntime().availableProcessors(), r.get("threads").asInt());
    assertTrue(r.has("provenance"), r.toString());
    // the old keys, all still there
    for (String k : List.of("cost", "objective", "dual", "iterations", "marginal_error_l1", "marginal_error_l2",
        "converged", "failure", "solve_seconds", "setup_seconds", "epsilon", "epsilon_given", "epsilon_relative",
        "cost_function", "tolerance", "unbalanced_tau", "solver", "precision", "row_kernels", "absorptions",
        "fallbacks", "stages", "n", "m", "d", "x", "y")) {
      assertTrue(r.has(k), k + " in " + r);
    }
    assertTrue(r.get("unbalanced_tau").isNull());
  }

  /** An output that is an input is refused before anything runs, and the input stays as it was. */
  @Test
  void anOutputThatIsAnInputIsRefused() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n");
    Path y = file("y.csv", "y\n0\n2\n");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--out", x.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--out: " + x + " is the input of --x"), o.err());
    assertEquals("x\n0\n1\n", Files.readString(x));
    Path out = tmp.resolve("r.json");
    o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--plan", y.toString(), "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--plan: " + y + " is the input of --y"), o.err());
    assertEquals("y\n0\n2\n", Files.readString(y));
    assertFalse(Files.exists(out), "nothing written");
  }

  /**
   * A plan over 5e7 entries is refused before the solve: the clouds (7072 x 7072 = 50,013,184
   * entries) have different dimensions, which the solve would refuse, and the plan's error comes
   * first.
   */
  @Test
  void aPlanTooLargeIsRefusedBeforeTheSolve() throws Exception {
    int n = 7072;
    StringBuilder one = new StringBuilder("x\n");
    StringBuilder two = new StringBuilder("y1,y2\n");
    for (int i = 0; i < n; i++) {
      one.append(i).append('\n');
      two.append(i).append(",1\n");
    }
    Path x = file("x.csv", one.toString());
    Path y = file("y.csv", two.toString());
    Path plan = tmp.resolve("plan.csv");
    rejects("--plan: the plan has 50013184 entries (> 5e7)", "--x", x.toString(), "--y", y.toString(),
        "--plan", plan.toString());
    assertFalse(Files.exists(plan));
    // without --plan the same inputs reach the solve, which names the files' dimensions
    rejects(y + ":2:2: has 2 columns but " + x + " has 1", "--x", x.toString(), "--y", y.toString());
  }

  /**
   * A file written by pandas without column names starts with the line 0,1,...,d-1: by default it
   * is refused as ambiguous; --header reads it as a header, --no-header as a data row.
   */
  @Test
  void aPandasHeaderIsReadAsTold() throws Exception {
    Path x = file("x.csv", "0,1\n0.5,1.5\n2.0,3.0\n");
    Path y = file("y.csv", "0,1\n1,1\n2,2\n");
    rejects(x + ":1: the first line '0,1' may be a header", "--x", x.toString(), "--y", y.toString());
    Path out = tmp.resolve("r.json");
    CliRun o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--header", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode r = Json.read(out);
    assertEquals(2, r.get("n").asInt());
    assertEquals(2, r.get("m").asInt());
    o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    r = Json.read(out);
    assertEquals(3, r.get("n").asInt());
    assertEquals(3, r.get("m").asInt());
    // the rule applies to the weight files too: a pandas-written column of weights
    Path a = file("a.csv", "0\n0.25\n0.75\n");
    o = run("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--a", a.toString(), "--header",
        "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(2, Json.read(out).get("n").asInt());
  }
}
