package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.config.Configs;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.SynthesisConfig;
import org.paperlab.lab.Json;

class GsdCommandTest {
  @TempDir Path dir;
  Path data;
  Path attrs;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** 300 rows of a small census-like table in Adult's format (leading spaces, ?, blank last line). */
  @BeforeEach
  void writeData() throws IOException {
    StringBuilder sb = new StringBuilder("age,work,hours,income\n");
    SplittableRandom rng = new SplittableRandom(1);
    String[] work = {"Private", "State-gov", "?"};
    for (int i = 0; i < 300; i++) {
      int w = rng.nextInt(3);
      int age = 18 + rng.nextInt(60);
      int hours = 20 + rng.nextInt(40);
      sb.append(age).append(", ").append(work[w]).append(", ").append(hours).append(", ")
          .append(age > 40 && w != 2 ? ">50K" : "<=50K").append('\n');
    }
    sb.append('\n');
    data = dir.resolve("train.csv");
    Files.writeString(data, sb.toString());
    attrs = dir.resolve("attrs.json");
    Files.writeString(attrs, "{\"categorical\": [\"work\", \"income\"], \"numerical\": [\"age\", \"hours\"], \"target\": \"income\"}");
  }

  @Test
  void synthesizeWritesTheTableInTheInputsFormatAndAPrivacyReport() throws IOException {
    Path out = dir.resolve("syn.csv");
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--queries", "2way,range,prefix", "--rows", "200", "--seed", "3", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("age,work,hours,income", lines.get(0));
    assertEquals(201, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int age = Integer.parseInt(f[0]);
      assertTrue(age >= 18 && age <= 77, line);
      assertTrue(List.of("Private", "State-gov", "?").contains(f[1]), line);
      assertTrue(List.of("<=50K", ">50K").contains(f[3]), line);
    }
    JsonNode report = Json.read(dir.resolve("syn.privacy.json"));
    double delta = 1.0 / (300.0 * 300.0);
    assertEquals(delta, report.get("delta").asDouble(), 1e-20);
    assertEquals(report.get("rho").asDouble(), report.get("rho_spent").asDouble(), 1e-12 * report.get("rho").asDouble());
    assertEquals(report.get("workloads").asInt(), report.get("ledger").size());
    // the same seed gives the same table
    Path again = dir.resolve("again.csv");
    assertEquals(0, run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--queries", "2way,range,prefix", "--rows", "200", "--seed", "3", "--out", again.toString()).code());
    assertEquals(Files.readString(out), Files.readString(again));
  }

  @Test
  void adaptiveAndHybridModesRun() {
    for (String mode : new String[] {"adaptive", "hybrid"}) {
      Path out = dir.resolve(mode + ".csv");
      CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "0.5",
          "--delta", "1e-5", "--mode", mode, "--rounds", "3", "--per-round", "2", "--rows", "100", "--out", out.toString());
      assertEquals(0, o.code(), o.err());
      JsonNode report = Json.read(dir.resolve(mode + ".privacy.json"));
      assertEquals(mode, report.get("mode").asText());
      assertEquals(6, report.get("mechanism_calls").get("exponential").asInt());
      assertEquals(report.get("rho").asDouble(), report.get("rho_spent").asDouble(), 1e-12);
    }
  }

  @Test
  void evaluateWritesErrorsAndMlEfficacy() {
    Path syn = dir.resolve("syn.csv");
    assertEquals(0, run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "2",
        "--rows", "150", "--out", syn.toString()).code());
    Path errors = dir.resolve("errors.json");
    CliRun o = run("gsd", "evaluate", "--real", data.toString(), "--synthetic", syn.toString(), "--attrs", attrs.toString(),
        "--queries", "2way,range", "--out", errors.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode e = Json.read(errors);
    assertEquals(2, e.get("errors").size());
    assertEquals("2way", e.get("errors").get(0).get("family").asText());
    double max = e.get("errors").get(0).get("max_error").asDouble();
    assertTrue(max >= 0 && max < 1);
    assertTrue(e.has("ml_efficacy"));
    assertTrue(o.out().contains("max error"), o.out());
  }

  @Test
  void badInputsExitTwoAndWriteNothing() throws IOException {
    Path out = dir.resolve("bad.csv");
    String[][] cases = {
      {"--epsilon", "0"},
      {"--epsilon", "-1"},
      {"--epsilon", "1", "--delta", "1"},
      {"--epsilon", "1", "--delta", "0"},
      {"--epsilon", "1", "--mode", "sometimes"},
      {"--epsilon", "1", "--queries", "2way,5way"},
      {"--epsilon", "1", "--mode", "adaptive", "--rounds", "50", "--per-round", "50"},
    };
    String[] expected = {"epsilon = 0.0", "epsilon = -1.0", "delta = 1.0", "delta = 0.0", "sometimes", "5way", "exceeds"};
    for (int i = 0; i < cases.length; i++) {
      String[] args = concat(new String[] {"gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(),
          "--out", out.toString()}, cases[i]);
      CliRun o = run(args);
      assertEquals(2, o.code(), String.join(" ", cases[i]) + ": " + o.err());
      assertTrue(o.err().contains(expected[i]), o.err());
      assertFalse(Files.exists(out), "no output for " + String.join(" ", cases[i]));
      assertFalse(Files.exists(dir.resolve("bad.privacy.json")));
    }
    // unknown column in the attributes
    Path badAttrs = dir.resolve("bad-attrs.json");
    Files.writeString(badAttrs, "{\"categorical\": [\"colour\"], \"numerical\": [\"age\"]}");
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", badAttrs.toString(), "--epsilon", "1", "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("unknown column 'colour'"), o.err());
    // a domain that disagrees with the data: a category it does not list
    Path domain = dir.resolve("domain.json");
    Files.writeString(domain, "{\"columns\": [{\"name\": \"work\", \"type\": \"categorical\", \"values\": [\"Private\", \"State-gov\"]},"
        + " {\"name\": \"age\", \"type\": \"numeric\", \"min\": 0, \"max\": 120}]}");
    o = run("gsd", "synthesize", "--data", data.toString(), "--domain", domain.toString(), "--epsilon", "1", "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("'?' is not in the domain of column 'work'"), o.err());
    // a numeric range the data exceeds
    Files.writeString(domain, "{\"columns\": [{\"name\": \"age\", \"type\": \"numeric\", \"min\": 20, \"max\": 60}]}");
    o = run("gsd", "synthesize", "--data", data.toString(), "--domain", domain.toString(), "--epsilon", "1", "--queries", "1way", "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("outside the domain [20, 60]"), o.err());
    // --attrs and --domain together, or neither
    assertEquals(2, run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--domain", domain.toString(),
        "--epsilon", "1", "--out", out.toString()).code());
    assertEquals(2, run("gsd", "synthesize", "--data", data.toString(), "--epsilon", "1", "--out", out.toString()).code());
    // a missing data file
    o = run("gsd", "synthesize", "--data", dir.resolve("none.csv").toString(), "--attrs", attrs.toString(), "--epsilon", "1", "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("file not found"), o.err());
    assertFalse(Files.exists(out));
    // evaluate with an unknown column
    Path errors = dir.resolve("errors.json");
    o = run("gsd", "evaluate", "--real", data.toString(), "--synthetic", data.toString(), "--attrs", badAttrs.toString(), "--out", errors.toString());
    assertEquals(2, o.code());
    assertFalse(Files.exists(errors));
  }

  /**
   * --help shows, for every option that sets a config key, the config's own default (read here
   * from the library's defaults, not typed again): a default typed in the command would differ.
   */
  @Test
  void synthesizeHelpShowsTheConfigsOwnDefaults() {
    CliRun o = run("gsd", "synthesize", "--help");
    assertEquals(0, o.code(), o.err());
    String help = o.out().replaceAll("\\s+", " ");
    Map<String, String> synthesis = Configs.toMap(SynthesisConfig.defaults());
    Map<String, String> generator = Configs.toMap(GsdConfig.defaults());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("--delta", synthesis.get("delta"));
    expected.put("--mode", synthesis.get("mode"));
    expected.put("--rounds", synthesis.get("rounds"));
    expected.put("--per-round", synthesis.get("perRound"));
    expected.put("--seed", synthesis.get("seed"));
    expected.put("--rows", generator.get("rows"));
    expected.put("--threads", generator.get("threads"));
    assertEquals("2000", expected.get("--rows")); // the values themselves, by hand from the javadoc
    assertEquals("one-shot", expected.get("--mode"));
    assertEquals("0", expected.get("--threads"));
    expected.forEach((option, value) -> {
      int at = help.indexOf(" " + option + "=");
      assertTrue(at >= 0, option + " in " + help);
      int next = help.indexOf(" --", at + option.length() + 2);
      String entry = help.substring(at, next < 0 ? help.length() : next);
      assertTrue(entry.contains("efault: " + value + ")") || entry.contains("efault: " + value + "."), option + ": " + entry);
    });
  }

  /** The default delta 1/n^2 needs two rows: a one-row table is refused naming the rule, under --delta. */
  @Test
  void oneRowWithTheDefaultDeltaIsRefused() throws IOException {
    Path one = dir.resolve("one.csv");
    Files.writeString(one, "age,work,hours,income\n30, Private, 40, <=50K\n");
    Path out = dir.resolve("one-syn.csv");
    CliRun o = run("gsd", "synthesize", "--data", one.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--queries", "1way", "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--delta: the default 1/n^2 needs at least 2 rows, the table has 1"), o.err());
    assertFalse(Files.exists(out));
    // with a delta given it runs
    assertEquals(0, run("gsd", "synthesize", "--data", one.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--delta", "1e-3", "--queries", "1way", "--rows", "10", "--out", out.toString()).code());
  }

  /**
   * Both outputs are checked before the work and written together: a privacy report path that is
   * a folder is refused at once and the old CSV survives as it was.
   */
  @Test
  void synthesizeWritesBothOutputsOrNeither() throws IOException {
    Path keep = dir.resolve("keep.csv");
    Files.writeString(keep, "OLD\n");
    Files.createDirectory(dir.resolve("keep.privacy.json"));
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--rows", "50", "--out", keep.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("keep.privacy.json is a folder"), o.err());
    assertEquals("OLD\n", Files.readString(keep));
  }

  /** An output that is one of the inputs is refused, and the input is left as it was. */
  @Test
  void anOutputThatIsAnInputIsRefused() throws IOException {
    String before = Files.readString(data);
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--rows", "50", "--out", data.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("is the input of --data"), o.err());
    assertEquals(before, Files.readString(data));
    Path copy = dir.resolve("copy.csv");
    Files.writeString(copy, before);
    o = run("gsd", "evaluate", "--real", data.toString(), "--synthetic", copy.toString(), "--attrs", attrs.toString(),
        "--out", data.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("is the input of --real"), o.err());
    assertEquals(before, Files.readString(data));
  }

  /**
   * Both JSON files carry the whole config and the provenance; the synthesis' config is the
   * library's (delta resolved to 1/300^2, the generator with --rows and the synthesis' seed), so it
   * reads back into the same SynthesisConfig. --threads 1 and 2 give the same table.
   */
  @Test
  void jsonOutputsCarryConfigAndProvenance() throws IOException {
    Path a = dir.resolve("a.csv");
    assertEquals(0, run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--rows", "80", "--seed", "12", "--threads", "1", "--out", a.toString()).code());
    Path b = dir.resolve("b.csv");
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
        "--rows", "80", "--seed", "12", "--threads", "2", "--out", b.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(Files.readString(a), Files.readString(b));
    JsonNode report = Json.read(dir.resolve("b.privacy.json"));
    JsonNode config = report.get("config");
    assertEquals(1.0 / (300.0 * 300.0), config.get("delta").asDouble(), 0);
    assertEquals("one-shot", config.get("mode").asText());
    assertEquals(12, config.get("seed").asLong());
    assertEquals(12, report.get("seed").asLong());
    SynthesisConfig back = Configs.fromMap(SynthesisConfig.class, Map.of(
        "epsilon", config.get("epsilon").asText(), "delta", config.get("delta").asText(), "mode", config.get("mode").asText(),
        "rounds", config.get("rounds").asText(), "perRound", config.get("perRound").asText(),
        "generator", config.get("generator").asText(), "seed", config.get("seed").asText()));
    assertEquals(SynthesisConfig.of(1.0, 1.0 / (300.0 * 300.0)).withSeed(12)
        .withGenerator(GsdConfig.defaults().withRows(80).withThreads(2)), back);
    assertTrue(report.get("provenance").has("git_commit"), report.get("provenance").toString());
    List<String> fitKeys = new ArrayList<>();
    report.get("fits").get(0).fieldNames().forEachRemaining(fitKeys::add);
    assertEquals(List.of("generations", "early_stop", "fitness", "seconds"), fitKeys);
    Path errors = dir.resolve("e.json");
    assertEquals(0, run("gsd", "evaluate", "--real", data.toString(), "--synthetic", b.toString(), "--attrs", attrs.toString(),
        "--out", errors.toString()).code());
    JsonNode e = Json.read(errors);
    assertEquals("2way,range", e.get("config").get("queries").asText()); // the schema's default, resolved
    assertEquals(300, e.get("config").get("classifier.iterations").asInt());
    assertTrue(e.has("provenance"));
    assertEquals("2way", e.get("queries").get(0).asText());
  }

  /** Bad values of config-backed options are told under the option's name; a missing --epsilon is an error. */
  @Test
  void configErrorsNameTheOption() {
    Path out = dir.resolve("x.csv");
    String[][] cases = {{"--rows", "0"}, {"--threads", "-1"}, {"--rounds", "abc"}, {"--seed", "1.5"}};
    for (String[] c : cases) {
      CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--epsilon", "1",
          c[0], c[1], "--out", out.toString());
      assertEquals(2, o.code(), String.join(" ", c) + ": " + o.err());
      assertTrue(o.err().contains("synthesize: " + c[0] + " = "), o.err());
    }
    CliRun o = run("gsd", "synthesize", "--data", data.toString(), "--attrs", attrs.toString(), "--out", out.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("--epsilon"), o.err());
    assertFalse(Files.exists(out));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
