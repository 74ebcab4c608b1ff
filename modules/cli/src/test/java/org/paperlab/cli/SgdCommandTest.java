package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Json;
import org.paperlab.sgd.HarveyLowerBound;

class SgdCommandTest {
  @TempDir Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void runWritesTheTableMetricsAndChart() throws Exception {
    Path dir = tmp.resolve("lad");
    CliRun o = run("sgd", "run", "--problem", "lad", "--schedule", "sqrt-t", "--output", "last,uniform,suffix",
        "--steps", "2000", "--runs", "20", "--noise", "gaussian", "--sigma", "0.5", "--seed", "3", "--out",
        dir.toString(), "--bootstrap", "50");
    assertEquals(0, o.code(), o.err());
    for (String f : new String[] {"checkpoints.csv", "metrics.json", "config.json", "gap.png"}) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    JsonNode m = Json.read(dir.resolve("metrics.json"));
    assertTrue(m.get("gap_last_T2000").asDouble() > 0);
    assertTrue(m.has("slope_uniform_lo") && m.has("q0.9_suffix_T2000"));
    assertTrue(Files.readString(dir.resolve("checkpoints.csv")).startsWith("series,output,t,mean_gap,q0.5,q0.9"));
    assertTrue(o.out().contains("slope_last"), o.out());
  }

  @Test
  void harveyIsSimulatedExactly() throws Exception {
    Path dir = tmp.resolve("harvey");
    CliRun o = run("sgd", "run", "--problem", "harvey", "--schedule", "sqrt-horizon", "--eta", "1", "--output",
        "last,uniform", "--steps", "5000", "--out", dir.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode m = Json.read(dir.resolve("metrics.json"));
    assertEquals(HarveyLowerBound.closedFormGap(5000), m.get("gap_last_T5000").asDouble(), 1e-13);
    assertEquals(HarveyLowerBound.closedFormUniformGap(5000), m.get("gap_uniform_T5000").asDouble(), 1e-13);
  }

  @Test
  void horizonSchedulesGetTheirSlopeFromASweep() throws Exception {
    Path dir = tmp.resolve("jain");
    CliRun o = run("sgd", "run", "--problem", "l1-composite", "--schedule", "jain", "--noise", "gaussian",
        "--steps", "1000", "--runs", "10", "--out", dir.toString(), "--bootstrap", "20");
    assertEquals(0, o.code(), o.err());
    JsonNode m = Json.read(dir.resolve("metrics.json"));
    assertTrue(m.get("slope_source").asText().contains("sweep"));
    assertTrue(Double.isFinite(m.get("slope_last").asDouble()));
  }

  @Test
  void badArgumentsAreUsageErrorsNamingTheOptionAndAllowedValues() {
    Path dir = tmp.resolve("never");
    CliRun negative = run("sgd", "run", "--steps", "-5", "--out", dir.toString());
    assertEquals(2, negative.code());
    assertTrue(negative.err().contains("--steps = -5 must be > 0"), negative.err());
    CliRun p = run("sgd", "run", "--schedule", "heavy-tail", "--p", "2.5", "--out", dir.toString());
    assertEquals(2, p.code());
    assertTrue(p.err().contains("--p = 2.5 must be in (1, 2]"), p.err());
    CliRun sched = run("sgd", "run", "--schedule", "cosine", "--out", dir.toString());
    assertEquals(2, sched.code());
    assertTrue(sched.err().contains("--schedule: unknown value 'cosine'; allowed: constant, sqrt-t"), sched.err());
    CliRun prob = run("sgd", "run", "--problem", "lasso", "--out", dir.toString());
    assertEquals(2, prob.code());
    assertTrue(prob.err().contains("--problem: unknown value 'lasso'; allowed: harvey, lad, l1-composite"), prob.err());
    CliRun out = run("sgd", "run", "--output", "last,median", "--out", dir.toString());
    assertEquals(2, out.code());
    assertTrue(out.err().contains("--output: unknown value 'median'; allowed: last, uniform, suffix"), out.err());
    CliRun noise = run("sgd", "run", "--noise", "cauchy", "--out", dir.toString());
    assertEquals(2, noise.code());
    assertTrue(noise.err().contains("--noise: unknown value 'cauchy'; allowed: none, gaussian, student-t, pareto"),
        noise.err());
    CliRun runs = run("sgd", "run", "--runs", "0", "--out", dir.toString());
    assertEquals(2, runs.code());
    assertTrue(runs.err().contains("--runs = 0 must be > 0"), runs.err());
    CliRun alpha = run("sgd", "run", "--noise", "pareto", "--alpha", "0.5", "--out", dir.toString());
    assertEquals(2, alpha.code());
    assertTrue(alpha.err().contains("--alpha = 0.5 must be > 1"), alpha.err());
    CliRun harveyNoise = run("sgd", "run", "--problem", "harvey", "--noise", "gaussian", "--out", dir.toString());
    assertEquals(2, harveyNoise.code());
    assertTrue(harveyNoise.err().contains("deterministic"), harveyNoise.err());
    CliRun mirror = run("sgd", "run", "--problem", "lad", "--mirror", "entropy", "--out", dir.toString());
    assertEquals(2, mirror.code());
    assertTrue(mirror.err().contains("simplex"), mirror.err());
    CliRun typo = run("sgd", "run", "--stepz", "10", "--out", dir.toString());
    assertEquals(2, typo.code());
    assertFalse(Files.exists(dir), "no output on failure");
  }

  @Test
  void divergenceFailsWithExitOneAndWritesNothing() {
    Path dir = tmp.resolve("diverged");
    CliRun o = run("sgd", "run", "--problem", "l1-composite", "--schedule", "constant", "--eta", "5", "--steps",
        "20000", "--runs", "2", "--out", dir.toString());
    assertEquals(1, o.code(), o.err());
    assertTrue(o.err().contains("diverged"), o.err());
    assertFalse(Files.exists(dir));
  }

  @Test
  void sgdHelpListsTheRunOptions() {
    CliRun o = run("sgd", "run", "--help");
    assertEquals(0, o.code());
    for (String s : new String[] {"--problem", "--schedule", "--output", "--steps", "--runs", "--noise", "--seed",
        "--out", "--clip", "--p"}) {
      assertTrue(o.out().contains(s), s);
    }
  }
}
