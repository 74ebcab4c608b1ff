package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Json;

/**
 * The command-level cases of the reliability issue (never lose a file, never answer wrong in
 * silence): each runs the real command in-process and checks the exit code, the one line the user
 * sees, and that nothing was written.
 */
class ReliabilityTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** {@code n} 2-D points uniform in {@code [0, scale)^2}, one per line, no header. */
  private Path cloud(String name, int n, double scale, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(n * 40);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextDouble() * scale).append(',').append(r.nextDouble() * scale).append('\n');
    }
    return file(name, sb.toString());
  }

  private static void assertOneLine(CliRun o, String command) {
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertTrue(o.err().startsWith(command + ": "), o.err());
  }

  // ---- data loss: outputs checked before the work, the user's files untouched ----

  @Test
  void otPlanWithAnOutThatIsAFolderLeavesTheUsersPlanAsItWas() throws Exception {
    Path x = file("x.csv", "x\n0\n1\n");
    Path plan = file("p.csv", "OLD\n");
    Path folder = Files.createDirectory(dir.resolve("DIR"));
    CliRun o = CliRun.of("ot", "solve", "--x", x.toString(), "--y", x.toString(), "--plan", plan.toString(),
        "--out", folder.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--out: " + folder + " is a folder; give a file name"), o.err());
    assertEquals("OLD\n", Files.readString(plan));
    CliRun missing = CliRun.of("ot", "solve", "--x", x.toString(), "--y", x.toString(), "--plan", plan.toString(),
        "--out", dir.resolve("no/such/r.json").toString());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("does not exist (create it first)"), missing.err());
    assertEquals("OLD\n", Files.readString(plan));
  }

  @Test
  void sgdWithAChartPathThatCannotBeWrittenTouchesNothing() throws Exception {
    Path out = Files.createDirectory(dir.resolve("run"));
    Path metrics = Files.writeString(out.resolve("metrics.json"), "OLD");
    Files.createDirectory(out.resolve("gap.png")); // gap.png cannot be written: it is a folder
    CliRun o = CliRun.of("sgd", "run", "--problem", "lad", "--steps", "100", "--runs", "4", "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("gap.png is a folder"), o.err());
    assertEquals("OLD", Files.readString(metrics));
    assertFalse(Files.exists(out.resolve("checkpoints.csv")));
    assertFalse(Files.exists(out.resolve("config.json")));
  }

  // ---- ot solve: numeric range ----

  @Test
  void otRefusesCostsFloatCannotStoreAndSolvesThemInDoubleWithAScaleFreeResult() throws Exception {
    Path x = cloud("x.csv", 20, 1e20, 1);
    Path y = cloud("y.csv", 25, 1e20, 2);
    Path out = dir.resolve("r.json");
    // 2-D coordinates up to 1e20: squared costs up to 2e40 > float's 3.4e38
    CliRun f = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
        "--epsilon-relative", "median", "--out", out.toString());
    assertEquals(2, f.code(), f.err());
    assertOneLine(f, "paperlab ot solve");
    assertTrue(f.err().contains("--precision = float cannot store the costs"), f.err());
    assertTrue(f.err().contains("3.4e38"), f.err());
    assertFalse(Files.exists(out));
    // in double, with a relative epsilon, the solve is the unit problem scaled: OT with
    // eps = 0.05 x median cost is invariant under x -> s x except that the cost scales by s^2
    // (the plan is the same), so cost / 1e40 must equal the cost of the same clouds divided by 1e20
    CliRun d = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
        "--epsilon-relative", "median", "--precision", "double", "--out", out.toString());
    assertEquals(0, d.code(), d.err());
    double big = Json.read(out).get("cost").asDouble();
    Path xs = cloud("xs.csv", 20, 1, 1);
    Path ys = cloud("ys.csv", 25, 1, 2);
    Path small = dir.resolve("s.json");
    assertEquals(0, CliRun.of("ot", "solve", "--x", xs.toString(), "--y", ys.toString(), "--no-header",
        "--epsilon-relative", "median", "--precision", "double", "--out", small.toString()).code());
    double unit = Json.read(small).get("cost").asDouble();
    assertTrue(Double.isFinite(big), "cost " + big);
    assertEquals(unit, big / 1e40, 1e-6 * unit);
  }

  @Test
  void otRefusesAnEpsilonTheCostsCannotResolveNamingTheSmallestThatWorks() throws Exception {
    // coordinates near 1e10 with an absolute epsilon of 0.05: was cost NaN, exit 0
    Path x = cloud("x.csv", 20, 1e10, 1);
    Path y = cloud("y.csv", 25, 1e10, 2);
    Path out = dir.resolve("r.json");
    for (String precision : List.of("float", "double")) {
      CliRun o = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
          "--epsilon", "0.05", "--epsilon-relative", "none", "--precision", precision, "--out", out.toString());
      assertEquals(2, o.code(), o.err());
      assertOneLine(o, "paperlab ot solve");
      assertTrue(o.err().contains("--epsilon = 0.0500 is too small for costs up to"), o.err());
      assertTrue(o.err().contains("epsilon must be at least"), o.err());
      assertFalse(Files.exists(out));
    }
    CliRun lazy = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
        "--epsilon", "0.05", "--epsilon-relative", "none", "--lazy", "--out", out.toString());
    assertEquals(2, lazy.code(), lazy.err());
    assertFalse(Files.exists(out));
    // the same clouds with a relative epsilon solve, every figure finite
    CliRun rel = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
        "--epsilon", "0.05", "--epsilon-relative", "median", "--out", out.toString());
    assertEquals(0, rel.code(), rel.err());
    JsonNode r = Json.read(out);
    assertTrue(Double.isFinite(r.get("cost").asDouble()) && r.get("cost").asDouble() > 0, r.toString());
  }

  @Test
  void otRefusesCoordinatesWhoseCostsOverflowDouble() throws Exception {
    Path x = cloud("x.csv", 5, 1e200, 1);
    Path y = cloud("y.csv", 6, 1e200, 2);
    Path out = dir.resolve("r.json");
    for (String extra : List.of("--precision=double", "--lazy")) {
      CliRun o = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header",
          "--epsilon-relative", "median", extra, "--out", out.toString());
      assertEquals(2, o.code(), o.err());
      assertOneLine(o, "paperlab ot solve");
      assertTrue(o.err().contains("coordinates of x and y span so far that a cost entry overflows double"), o.err());
      assertFalse(Files.exists(out));
    }
  }

  /**
   * The stored n x m cost and kernel of a float solve take 8 bytes an entry: clouds with
   * n = m > sqrt(heap / 8) are refused before anything is allocated, with the estimate, the heap
   * and the way out; with --lazy the same request is not refused for memory.
   */
  @Test
  void otRefusesAStoredSolveThatCannotFitInTheHeap() throws Exception {
    int n = (int) Math.ceil(Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0) * 1.05);
    Path x = cloud("x.csv", n, 1, 1);
    Path y = cloud("y.csv", n, 1, 2);
    Path out = dir.resolve("r.json");
    CliRun o = CliRun.of("ot", "solve", "--x", x.toString(), "--y", y.toString(), "--no-header", "--out", out.toString());
    assertEquals(1, o.code(), o.err());
    assertOneLine(o, "paperlab ot solve");
    assertTrue(o.err().contains("not enough memory: the stored " + n + " x " + n + " cost and kernel (float) needs about"), o.err());
    assertTrue(o.err().contains("the Java heap is at most"), o.err());
    assertTrue(o.err().contains("use --lazy"), o.err());
    assertTrue(o.err().contains("PAPERLAB_JAVA_OPTS=-Xmx"), o.err());
    assertFalse(Files.exists(out));
  }

  // ---- gsd ----

  private Path gsdData(String name, String extraFirstRow) throws Exception {
    StringBuilder sb = new StringBuilder("age,work,fnlwgt,income\n");
    SplittableRandom r = new SplittableRandom(4);
    String[] work = {"Private", "State-gov", "Self-emp"};
    if (extraFirstRow != null) {
      sb.append(extraFirstRow).append('\n');
    }
    for (int i = 0; i < 120; i++) {
      int age = 18 + r.nextInt(60);
      sb.append(age).append(',').append(work[r.nextInt(3)]).append(',').append(10000 + r.nextInt(90000)).append(',')
          .append(age > 40 ? ">50K" : "<=50K").append('\n');
    }
    return file(name, sb.toString());
  }

  private Path attrs() throws Exception {
    return file("attrs.json", "{\"categorical\": [\"work\", \"income\"], \"numerical\": [\"age\"], \"target\": \"income\"}");
  }

  @Test
  void gsdNamesTheColumnsItLeavesOut() throws Exception {
    Path data = gsdData("d.csv", null);
    Path out = dir.resolve("syn.csv");
    CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
        "--rows", "50", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.err().contains("columns not named in " + dir.resolve("attrs.json") + " are left out of the output: fnlwgt"), o.err());
    assertEquals("age,work,income", Files.readAllLines(out).get(0));
    JsonNode report = Json.read(dir.resolve("syn.privacy.json"));
    assertEquals("[\"fnlwgt\"]", report.get("columns_left_out").toString());
  }

  @Test
  void gsdRefusesANumericRangeThatOverflowsNamingTheColumn() throws Exception {
    Path data = gsdData("d.csv", "1e308,Private,5,<=50K\n-1e308,Private,5,<=50K");
    Path out = dir.resolve("syn.csv");
    CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
        "--rows", "50", "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertOneLine(o, "paperlab gsd synthesize");
    // located at the largest value: line 2, field 1
    assertTrue(o.err().contains(data + ":2:1: numeric column 'age' spans [-1.0E308, 1.0E308]"), o.err());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(dir.resolve("syn.privacy.json")));
    // a fixed domain that overflows is refused the same way, in the domain file
    Path domain = file("domain.json", "{\"columns\": [{\"name\": \"age\", \"type\": \"numeric\", \"min\": -1e308, \"max\": 1e308},"
        + " {\"name\": \"work\", \"type\": \"categorical\", \"values\": [\"Private\"]}]}");
    CliRun g = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--domain", domain.toString(), "--epsilon", "1",
        "--rows", "50", "--out", out.toString());
    assertEquals(2, g.code(), g.err());
    assertTrue(g.err().contains(domain.toString()) && g.err().contains("numeric column 'age' spans"), g.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void gsdRefusesBytesThatAreNotUtf8AtTheirPlace() throws Exception {
    Path data = gsdData("d.csv", null);
    byte[] bytes = Files.readAllBytes(data);
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Latin-1 e-acute in the work column of data line 1 (file line 2)
    int at = text.indexOf(',', text.indexOf('\n') + 1) + 1;
    bytes[at + 1] = (byte) 0xE9;
    Files.write(data, bytes);
    Path out = dir.resolve("syn.csv");
    CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
        "--rows", "50", "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertOneLine(o, "paperlab gsd synthesize");
    int column = at - text.indexOf('\n') + 1; // 1-based character column of the bad byte
    assertTrue(o.err().contains(data + ":2:" + column + ": is not UTF-8 text (byte 0xE9)"), o.err());
    assertFalse(Files.exists(out));
    CliRun e = CliRun.of("gsd", "evaluate", "--real", data.toString(), "--synthetic", data.toString(),
        "--attrs", attrs().toString(), "--out", dir.resolve("e.json").toString());
    assertEquals(2, e.code(), e.err());
    assertTrue(e.err().contains("is not UTF-8 text"), e.err());
  }

  @Test
  void gsdReadsNumbersByTheProjectsOneRule() throws Exception {
    Path out = dir.resolve("syn.csv");
    for (String literal : List.of("30d", "2f", "0x1p5")) {
      Path data = gsdData("d.csv", literal + ",Private,5,<=50K");
      CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
          "--rows", "50", "--out", out.toString());
      assertEquals(2, o.code(), o.err());
      assertTrue(o.err().contains(data + ":2:1: column 'age' is numeric but the value is '" + literal + "'"), o.err());
    }
    // a quoted number is a number, as in ot's reader
    Path quoted = gsdData("q.csv", "\"30\",Private,5,<=50K");
    assertEquals(0, CliRun.of("gsd", "synthesize", "--data", quoted.toString(), "--attrs", attrs().toString(),
        "--epsilon", "1", "--rows", "50", "--out", out.toString()).code());
  }

  @Test
  void gsdNamesASemicolonSeparatedFileAtItsFirstLine() throws Exception {
    Path data = file("semi.csv", "age;work;income\n30;Private;<=50K\n40;State-gov;>50K\n");
    Path out = dir.resolve("syn.csv");
    CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
        "--rows", "50", "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains(data + ":1:1: the header is separated by ';', not ','"), o.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void gsdRefusesASyntheticTableThatCannotFitInTheHeap() throws Exception {
    Path data = gsdData("d.csv", null);
    Path out = dir.resolve("syn.csv");
    CliRun o = CliRun.of("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs().toString(), "--epsilon", "1",
        "--rows", "100000000", "--out", out.toString());
    assertEquals(1, o.code(), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertTrue(o.err().contains("\npaperlab gsd synthesize: not enough memory: a synthetic table of 100000000 rows x 3 columns needs about"), o.err());
    assertTrue(o.err().contains("--rows") && o.err().contains("PAPERLAB_JAVA_OPTS=-Xmx"), o.err());
    assertFalse(Files.exists(out));
  }

  // ---- sgd run: memory ----

  @Test
  void sgdRefusesRunsDimensionsAndResamplesThatCannotFit() throws Exception {
    Path out = dir.resolve("sgd");
    String[][] cases = {
      {"--runs", "2000000000", "2000000000 runs x"},
      {"--dim", "2000000000", "--dim 2000000000 needs about"},
      {"--bootstrap", "2000000000", "and 2000000000 bootstrap resamples needs about"},
    };
    for (String[] c : cases) {
      CliRun o = CliRun.of("sgd", "run", "--problem", "lad", "--steps", "10", c[0], c[1], "--out", out.toString());
      assertEquals(1, o.code(), o.err());
      assertOneLine(o, "paperlab sgd run");
      assertTrue(o.err().contains("not enough memory: ") && o.err().contains(c[2]), o.err());
      assertTrue(o.err().contains("the Java heap is at most"), o.err());
      assertFalse(Files.exists(out), "nothing written");
    }
  }

  /**
   * What the sgd README documents: the CSV's mean column is mean_gap (with quantiles); harvey, one
   * exact run, writes series, output, t, gap and no slope keys.
   */
  @Test
  void sgdWritesTheDocumentedColumnsAndKeys() throws Exception {
    Path lad = dir.resolve("lad");
    assertEquals(0, CliRun.of("sgd", "run", "--problem", "lad", "--steps", "100", "--runs", "4", "--out", lad.toString()).code());
    assertEquals("series,output,t,mean_gap,q0.5,q0.9,q0.99,q0.999", Files.readAllLines(lad.resolve("checkpoints.csv")).get(0));
    assertTrue(Json.read(lad.resolve("metrics.json")).has("slope_last"));
    Path harvey = dir.resolve("harvey");
    CliRun h = CliRun.of("sgd", "run", "--problem", "harvey", "--steps", "1000", "--out", harvey.toString());
    assertEquals(0, h.code(), h.err());
    assertEquals("series,output,t,gap", Files.readAllLines(harvey.resolve("checkpoints.csv")).get(0));
    JsonNode m = Json.read(harvey.resolve("metrics.json"));
    assertTrue(m.has("sqrtT_gap_last"), m.toString());
    m.fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("slope_"), k));
  }

  // ---- out of memory at the command boundary ----

  /**
   * A request no estimate covers (a billion 2-D starting points for a flow: 16 GB of doubles):
   * the OutOfMemoryError becomes one line and exit 1, and the output is not written.
   */
  @Test
  void outOfMemoryIsOneLineAndExitOne() throws Exception {
    StringBuilder sb = new StringBuilder();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      sb.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
    }
    Path t = file("t.csv", sb.toString());
    Path model = dir.resolve("m.model");
    assertEquals(0, CliRun.of("flow", "train", "--target", t.toString(), "--steps", "2", "--batch", "16",
        "--hidden", "4", "--model", model.toString()).code());
    Path out = dir.resolve("s.csv");
    CliRun o = CliRun.of("flow", "sample", "--model", model.toString(), "--n", "1000000000", "--out", out.toString());
    assertEquals(1, o.code(), o.err());
    assertTrue(o.err().startsWith("paperlab flow sample: out of memory ("), o.err());
    assertTrue(o.err().contains("PAPERLAB_JAVA_OPTS=-Xmx"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertFalse(Files.exists(out));
  }

  // ---- report, help ----

  @Test
  void reportOutNamingAFileSaysSo() throws Exception {
    Path f = file("results.txt", "x");
    CliRun o = CliRun.of("report", "--out", f.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--out '" + f + "' is a file; --out names the results folder"), o.err());
    assertFalse(o.err().contains("does not exist"), o.err());
    CliRun missing = CliRun.of("report", "--out", dir.resolve("none").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());
  }

  /**
   * Every command list of the help shows whole summaries: an entry (its line and the indented
   * lines picocli wraps it onto) ends its sentence. The cut ones ended mid-phrase
   * ("... mean and quantiles of the gap").
   */
  @Test
  void helpSummariesAreWholeSentences() {
    for (String[] cmd : new String[][] {{"--help"}, {"gsd", "--help"}, {"sgd", "--help"}, {"ot", "--help"}, {"flow", "--help"}}) {
      String help = CliRun.of(cmd).out();
      List<String> entries = new java.util.ArrayList<>();
      for (String line : help.substring(help.indexOf("Commands:")).lines().skip(1).toList()) {
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("        ") && !entries.isEmpty()) {
          entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
        } else {
          entries.add(line.strip());
        }
      }
      assertTrue(entries.size() >= 2, String.join(" ", cmd) + ": " + help);
      for (String e : entries) {
        assertTrue(e.endsWith("."), String.join(" ", cmd) + ": cut summary: '" + e + "'");
      }
    }
  }

  @Test
  void memoryEstimatesReadAsSizes() {
    assertEquals("12.0 GB", Memory.size(12.0 * 1024 * 1024 * 1024));
    assertEquals("512 MB", Memory.size(512.0 * 1024 * 1024));
    assertTrue(Memory.size(1e30).endsWith(" GB"), Memory.size(1e30));
    assertEquals("paperlab gsd synthesize", Main.commandName(new String[] {"gsd", "synthesize", "--rows", "5"}));
    assertEquals("paperlab", Main.commandName(new String[] {"--verbose"}));
  }
}
