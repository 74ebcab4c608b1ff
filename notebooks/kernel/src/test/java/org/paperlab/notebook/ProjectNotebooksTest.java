package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook of the project ({@code notebooks/*.ipynb}) with {@code notebooks/run}
 * (nbconvert, this kernel on the test classpath), in one run into a temporary folder: the run
 * fails when any cell of any notebook raises (nbconvert stops at the first error, the script
 * exits 1). Then checks that each executed notebook shows its charts inline and that the numbers
 * it prints agree with references computed here, independently of the library (closed forms,
 * named at each check). Needs Debian's Jupyter ({@code /usr/bin/jupyter}): skipped where it is
 * missing; CI installs it.
 */
class ProjectNotebooksTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
  private static final List<String> METHOD_NOTEBOOKS =
      List.of("rectified-flow", "sinkhorn-ot", "private-gsd", "sgd-last-iterate");

  private static Path results;
  private static String runOutput;
  private static int exit;

  @BeforeAll
  static void runEveryNotebook(@TempDir Path dir) throws IOException, InterruptedException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(JUPYTER), "no /usr/bin/jupyter (apt-get install jupyter-nbconvert)");
    List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("notebooks/run").toString(), "--out",
        dir.resolve("results").toString()));
    try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
      s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(p -> cmd.add(p.toString()));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PAPERLAB_NOTEBOOK_CLASSPATH", System.getProperty("java.class.path"));
    env.put("PAPERLAB_JUPYTER_DIR", dir.resolve("jupyter").toString());
    env.put("JUPYTER", JUPYTER.toString());
    env.put("NOTEBOOK_TIMEOUT", "300");
    env.put("PAPERLAB_JAVA_OPTS", "-Xmx2g");
    Process p = pb.start();
    runOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "notebooks/run did not end");
    exit = p.exitValue();
    results = dir.resolve("results");
  }

  /** Everything a notebook's cells printed, in order. */
  private static String printed(String name) throws IOException {
    JsonObject nb = JsonParser.parseString(Files.readString(results.resolve(name + ".ipynb"))).getAsJsonObject();
    StringBuilder b = new StringBuilder();
    for (JsonElement c : nb.getAsJsonArray("cells")) {
      JsonObject cell = c.getAsJsonObject();
      if (!cell.has("outputs")) {
        continue;
      }
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject out = o.getAsJsonObject();
        if (out.get("output_type").getAsString().equals("stream")) {
          JsonElement t = out.get("text");
          if (t.isJsonArray()) {
            t.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
          } else {
            b.append(t.getAsString());
          }
        }
      }
    }
    return b.toString();
  }

  /** How many images the cells of a notebook show. */
  private static int images(String name) throws IOException {
    JsonObject nb = JsonParser.parseString(Files.readString(results.resolve(name + ".ipynb"))).getAsJsonObject();
    int n = 0;
    for (JsonElement c : nb.getAsJsonArray("cells")) {
      JsonObject cell = c.getAsJsonObject();
      if (cell.has("outputs")) {
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
          JsonObject out = o.getAsJsonObject();
          if (out.has("data") && out.getAsJsonObject("data").has("image/png")) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** The numbers of the first match of {@code regex} (its groups) in {@code text}. */
  private static double[] numbers(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match of /" + regex + "/ in:\n" + text);
    double[] out = new double[m.groupCount()];
    for (int g = 0; g < out.length; g++) {
      out[g] = Double.parseDouble(m.group(g + 1));
    }
    return out;
  }

  private static final String NUM = "(-?[0-9.]+(?:e[-+]?[0-9]+)?)";

  @Test
  void everyNotebookRunsToItsEndAndShowsItsChartsInTheHtml() throws IOException {
    assertEquals(0, exit, runOutput);
    for (String name : METHOD_NOTEBOOKS) {
      assertTrue(runOutput.contains("ok     " + name), runOutput);
      assertTrue(images(name) >= 2, name + " shows fewer than 2 images");
      String html = Files.readString(results.resolve(name + ".html"));
      assertTrue(html.contains("data:image/png;base64,"), name + ".html has no inline image");
    }
  }

  @Test
  void sinkhornMatchesTheSortedMatchingAndTheGaussianClosedForm() throws IOException {
    String out = printed("sinkhorn-ot");
    // 1-D OT with the squared cost between two sets of n equal-weight points is the sorted
    // matching; here y_i = 2 + q_i / 2 for the standard normal quantiles q_i, so its cost is
    // 4 + (1/4) mean(q_i^2). Quantiles from Commons Math.
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    int n = 300;
    double meanQ2 = 0;
    for (int i = 0; i < n; i++) {
      double q = normal.inverseCumulativeProbability((i + 0.5) / n);
      meanQ2 += q * q / n;
    }
    double sorted = 4 + 0.25 * meanQ2;
    double sinkhorn = numbers(out, "sinkhorn transport cost <P,C> += " + NUM)[0];
    assertEquals(sorted, numbers(out, "sorted matching of the quantiles = " + NUM)[0], 1e-5);
    // entropic bias at eps = 1e-3 x median cost: a few 1e-3 at most (measured 2.0e-3)
    assertEquals(sorted, sinkhorn, 5e-3, out);
    // W2^2 of N(0, 1) and N(2, 1/4): m^2 + (1 - s)^2 = 4.25
    assertEquals(4.25, sinkhorn, 1e-2, out);
    assertTrue(out.contains("converged true"), out);
    // epsilon scaling reaches eps = 0.001 x median in the 2-D problem
    assertTrue(Pattern.compile("0\\.001 +true +[0-9]+ +true").matcher(out).find(), out);
    // the map fit against the closed-form OT map m + L x: the Monge gap brings it within a few %
    double without = numbers(out, "without Monge gap +L2-UVP +" + NUM)[0];
    double with = numbers(out, "with Monge gap \\(lambda = 1\\) +L2-UVP +" + NUM)[0];
    assertTrue(with < 5, "L2-UVP with the Monge gap " + with + " %");
    assertTrue(without > 10 * with, "without " + without + " %, with " + with + " %");
  }

  @Test
  void sgdMatchesTheLowerBoundsClosedFormAndTheConvexRate() throws IOException {
    String out = printed("sgd-last-iterate");
    // Harvey et al. / Liu-Lu Theorem 4 with eta = 1/sqrt(T), d = T: the last iterate's gap is
    // ((3/64) H_T + (1/64) H_T^(2)) / sqrt(T), harmonic numbers summed here
    for (long t : new long[] {10, 32, 100, 316, 1000, 3162, 10000}) {
      double h = 0;
      double h2 = 0;
      for (long k = 1; k <= t; k++) {
        h += 1.0 / k;
        h2 += 1.0 / ((double) k * k);
      }
      double closed = (3.0 / 64 * h + 1.0 / 64 * h2) / Math.sqrt(t);
      double gap = numbers(out, "(?m)^ +" + t + " +" + NUM)[0];
      assertEquals(closed, gap, 1e-6, "T = " + t);
    }
    // so sqrt(T) gap grows by (3/64) per ln T up to O(1/T) terms
    assertEquals(3.0 / 64, numbers(out, "grows by " + NUM + " per ln T")[0], 2e-3);
    // the convex rate of the last iterate: log-log slope -1/2 (Liu and Zhou 2024, up to log T)
    double slope = numbers(out, "(?m)^last +" + NUM)[0];
    assertTrue(slope > -0.6 && slope < -0.4, "last-iterate slope " + slope);
  }

  @Test
  void reflowStraightensAndNeverExceedsTheIndependentCost() throws IOException {
    String out = printed("rectified-flow");
    // E|X1 - X0|^2 of the independent coupling of the two mixtures: the mean squared distance of
    // the 9 pairs of means (D = 10, means at angles 30, 150, 270 and 330, 210, 90 degrees on the
    // circle of radius D), plus the traces 2 x 2 x 0.3
    double d = 10;
    double r3 = Math.sqrt(3);
    double[][] src = {{d * r3 / 2, d / 2}, {-d * r3 / 2, d / 2}, {0, -d * r3 / 2}};
    double[][] tgt = {{d * r3 / 2, -d / 2}, {-d * r3 / 2, -d / 2}, {0, d * r3 / 2}};
    double independent = 0;
    for (double[] a : src) {
      for (double[] b : tgt) {
        independent += ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])) / 9;
      }
    }
    independent += 1.2;
    assertEquals(independent, numbers(out, "independent coupling \\(closed form\\): " + NUM)[0], 1e-3);
    double[] rf1 = numbers(out, "(?m)^1-RF +" + NUM + " +" + NUM + " +" + NUM + " +" + NUM);
    double[] rf2 = numbers(out, "(?m)^2-RF +" + NUM + " +" + NUM + " +" + NUM + " +" + NUM);
    // Liu et al. Theorem 3.5: each rectification does not increase the transport cost
    assertTrue(rf1[1] < independent, "1-RF cost " + rf1[1]);
    assertTrue(rf2[1] <= rf1[1], "2-RF cost " + rf2[1] + " > 1-RF cost " + rf1[1]);
    // reflow straightens the paths, and one Euler step of the 2-RF lands nearer the target
    assertTrue(rf2[0] < rf1[0] / 5, "straightness 1-RF " + rf1[0] + ", 2-RF " + rf2[0]);
    assertTrue(rf2[2] < rf1[2] / 2, "one-step energy distance 1-RF " + rf1[2] + ", 2-RF " + rf2[2]);
  }

  /** log of the CKS delta of rho-zCDP at eps: the bracket is convex in log a, minimized on [1e-9, 1e9]. */
  private static double cksLogDelta(double rho, double eps) {
    java.util.function.DoubleUnaryOperator f = la -> {
      double a = 1 + Math.exp(la);
      return (a - 1) * (a * rho - eps) - Math.log(a - 1) + a * Math.log(1 - 1 / a);
    };
    double lo = Math.log(1e-9);
    double hi = Math.log(1e9);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int k = 0; k < 200; k++) {
      double m1 = hi - g * (hi - lo);
      double m2 = lo + g * (hi - lo);
      if (f.applyAsDouble(m1) < f.applyAsDouble(m2)) {
        hi = m2;
      } else {
        lo = m1;
      }
    }
    return f.applyAsDouble((lo + hi) / 2);
  }

  @Test
  void gsdSpendsItsBudgetAndItsErrorFallsWithEpsilon() throws IOException {
    String out = printed("private-gsd");
    double[] low = numbers(out, "(?m)^0\\.07 +" + NUM + " +" + NUM + " +[0-9]+ +" + NUM + " +" + NUM + " +" + NUM + " +" + NUM);
    double[] high = numbers(out, "(?m)^4\\.0 +" + NUM + " +" + NUM + " +[0-9]+ +" + NUM + " +" + NUM + " +" + NUM + " +" + NUM);
    for (double[] row : new double[][] {low, high}) {
      // the ledger's charges add up to the budget
      assertEquals(row[0], row[1], row[0] * 1e-6);
    }
    // the budget rho is the rho-zCDP whose (eps, delta) conversion by Canonne, Kamath and Steinke
    // (2020), delta = inf_{a > 1} exp((a - 1)(a rho - eps)) / (a - 1) (1 - 1/a)^a, gives
    // delta = 1/n^2 for the n = 32,561 training rows; the infimum by golden-section search here
    double logTarget = -2 * Math.log(32_561);
    assertEquals(logTarget, cksLogDelta(low[0], 0.07), 1e-3, "eps 0.07, rho " + low[0]);
    assertEquals(logTarget, cksLogDelta(high[0], 4.0), 1e-3, "eps 4, rho " + high[0]);
    for (int family = 3; family < 6; family++) {
      assertTrue(high[family] < low[family], "max error at eps 4 not below eps 0.07:\n" + out);
    }
    assertTrue(high[3] < 0.02, "range max error at eps 4: " + high[3]);
  }
}
