package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  private static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
