package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;
import org.paperlab.lab.Json;
import org.paperlab.sgd.HarveyLowerBound;
import org.paperlab.sgd.MirrorMap;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.ProblemSpec;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.SgdConfig;
import picocli.CommandLine;

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
    assertTrue(p.err().contains("--p = 2.5 must be in (1.0, 2.0]"), p.err());
    CliRun sched = run("sgd", "run", "--schedule", "cosine", "--out", dir.toString());
    assertEquals(2, sched.code());
    assertTrue(sched.err().contains("--schedule = 'cosine' is not one of constant, sqrt-t"), sched.err());
    CliRun prob = run("sgd", "run", "--problem", "lasso", "--out", dir.toString());
    assertEquals(2, prob.code());
    assertTrue(prob.err().contains("--problem = 'lasso' is not one of harvey, lad, l1-composite"), prob.err());
    CliRun out = run("sgd", "run", "--output", "last,median", "--out", dir.toString());
    assertEquals(2, out.code());
    assertTrue(out.err().contains("--output = 'median' is not one of last, uniform, suffix"), out.err());
    CliRun noise = run("sgd", "run", "--noise", "cauchy", "--out", dir.toString());
    assertEquals(2, noise.code());
    assertTrue(noise.err().contains("--noise = 'cauchy' is not one of none, gaussian, student-t, pareto"),
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

  /**
   * The option's default as {@code --help} shows it: the "default: X" of the option's entry (its
   * synopsis line and the indented lines that continue its description).
   */
  private static String shownDefault(String help, String option) {
    StringBuilder entry = null;
    for (String line : help.split("\\R")) {
      boolean synopsis = line.matches("\\s+(-\\w, )?--[\\w-]+.*");
      if (synopsis && line.trim().startsWith(option + "=")) {
        entry = new StringBuilder(line);
      } else if (entry != null && (synopsis || line.isBlank())) {
        break;
      } else if (entry != null) {
        entry.append(' ').append(line.trim());
      }
    }
    assertTrue(entry != null, option + " is not in\n" + help);
    Matcher m = Pattern.compile("default: ([^)\\s;]+)").matcher(entry);
    assertTrue(m.find(), option + " shows no default: " + entry);
    return m.group(1);
  }

  @Test
  void helpShowsTheConfigsOwnDefaults() {
    CliRun o = run("sgd", "run", "--help");
    assertEquals(0, o.code(), o.err());
    Map<String, String> d = Configs.toMap(SgdConfig.defaults());
    Map<String, String> keys = Map.of("--steps", "steps", "--runs", "runs", "--seed", "seed", "--bootstrap",
        "bootstrap", "--threads", "threads", "--clip", "clip");
    keys.forEach((option, key) -> assertEquals(d.get(key), shownDefault(o.out(), option), option));
    assertEquals("Infinity", shownDefault(o.out(), "--clip"));
    // the variant options show the names of the config's default variants
    assertEquals(Variants.name(SgdConfig.defaults().schedule()), shownDefault(o.out(), "--schedule"));
    assertEquals("sqrt-t", shownDefault(o.out(), "--schedule"));
    assertEquals("last", shownDefault(o.out(), "--output"));
    assertEquals("none", shownDefault(o.out(), "--noise"));
  }

  @Test
  void unknownVariantNamesAreRefusedWithTheList() {
    // the valid names as the command listed them by hand before they came from the library
    Map<String[], String> cases = new LinkedHashMap<>();
    cases.put(new String[] {"--schedule", "cosine"}, "--schedule = 'cosine' is not one of constant, sqrt-t, "
        + "sqrt-horizon, mu-t, two-mu-t, smooth-sqrt-t, smooth-sqrt-horizon, heavy-tail, heavy-tail-horizon, "
        + "linear-decay, jain");
    cases.put(new String[] {"--noise", "cauchy"}, "--noise = 'cauchy' is not one of none, gaussian, student-t, pareto");
    cases.put(new String[] {"--output", "uniform,median"}, "--output = 'median' is not one of last, uniform, suffix, "
        + "shamir-zhang, weighted");
    cases.put(new String[] {"--problem", "lasso"}, "--problem = 'lasso' is not one of harvey, lad, l1-composite, "
        + "strongly-convex, simplex");
    cases.put(new String[] {"--mirror", "hyperbolic"}, "--mirror = 'hyperbolic' is not one of euclidean, entropy");
    Path dir = tmp.resolve("never");
    cases.forEach((args, message) -> {
      CliRun o = run("sgd", "run", args[0], args[1], "--steps", "10", "--runs", "1", "--out", dir.toString());
      assertEquals(2, o.code(), o.err());
      assertTrue(o.err().contains(message), o.err());
    });
    assertFalse(Files.exists(dir));
  }

  @Test
  void libraryChecksAreToldUnderTheOptionName() {
    Path dir = tmp.resolve("never");
    // {the option the message must start with, the arguments}
    String[][] cases = {
      {"--runs", "--runs", "0"}, {"--steps", "--steps", "abc"}, {"--seed", "--seed", "1.5"},
      {"--clip", "--clip", "-1"}, {"--threads", "--threads", "-2"}, {"--bootstrap", "--bootstrap", "-1"},
      {"--eta", "--eta", "-1"}, {"--dim", "--dim", "0"}, {"--label-noise", "--label-noise", "-1"},
      {"--radius", "--radius", "0.5"}, {"--lambda", "--problem", "simplex", "--lambda", "-1"},
      {"--mu", "--problem", "l1-composite", "--mu", "0"},
      {"--smoothness", "--schedule", "smooth-sqrt-t", "--smoothness", "-1"},
      {"--mu", "--schedule", "mu-t", "--mu", "0"}, {"--sigma", "--noise", "gaussian", "--sigma", "0"},
      {"--nu", "--noise", "student-t", "--nu", "-3"}, {"--sz-eta", "--output", "shamir-zhang", "--sz-eta", "-1"},
      {"--beta", "--output", "weighted", "--beta", "-2"}, {"--output", "--output", "last,uniform,last"},
      {"--mirror", "--problem", "lad", "--mirror", "entropy"}, {"--clip", "--problem", "harvey", "--clip", "5"},
      {"--noise", "--problem", "harvey", "--noise", "student-t"},
      {"--steps", "--problem", "harvey", "--steps", "60000000"},
    };
    for (String[] c : cases) {
      String[] args = Stream.concat(Stream.of("sgd", "run", "--out", dir.toString()),
          Stream.of(c).skip(1)).toArray(String[]::new);
      CliRun o = run(args);
      assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
      assertTrue(o.err().startsWith("paperlab sgd run: " + c[0] + " "), String.join(" ", args) + ": " + o.err());
    }
    CliRun runs = run("sgd", "run", "--runs", "0", "--out", dir.toString());
    assertTrue(runs.err().startsWith("paperlab sgd run: --runs = 0 must be > 0"), runs.err());
    assertFalse(Files.exists(dir), "nothing written on failure");
  }

  @Test
  void everyVariantNameBuildsAConfigWithTheProblemsDefaults() {
    for (String name : Variants.names(Schedule.class)) {
      assertEquals(name, Variants.name(setup("--schedule", name).config().schedule()), name);
    }
    for (String name : Variants.names(NoiseModel.class)) {
      assertEquals(name, Variants.name(setup("--noise", name).config().noise()), name);
    }
    assertEquals(Variants.names(Output.class), setup("--output", String.join(",", Variants.names(Output.class)))
        .config().outputs().stream().map(Output::name).toList());
    for (String name : Variants.names(ProblemSpec.class)) {
      assertEquals(name, setup("--problem", name).problem().name(), name);
    }
    // the defaults the command documented before they moved into the library: eta 1/sqrt(dim) for lad,
    // 1 for harvey, 0.5 otherwise; smoothness mu for the L1 problems; lambda 0.5, 0 for simplex;
    // the entropy mirror map for simplex; one run of harvey
    assertEquals(new Schedule.InvSqrtT(1 / Math.sqrt(10)), setup().config().schedule());
    assertEquals(new Schedule.InvSqrtT(1 / Math.sqrt(4)), setup("--dim", "4").config().schedule());
    assertEquals(new ProblemSpec.Lad(10, 0.0, Double.POSITIVE_INFINITY), setup().problem());
    assertEquals(new Schedule.InvSqrtHorizon(1.0), setup("--problem", "harvey", "--schedule", "sqrt-horizon")
        .config().schedule());
    assertEquals(1, setup("--problem", "harvey").config().runs());
    assertEquals(new Schedule.SmoothSqrtT(2.0, 0.5),
        setup("--problem", "l1-composite", "--mu", "2", "--schedule", "smooth-sqrt-t").config().schedule());
    assertEquals(new ProblemSpec.L1Composite(10, 2.0, 0.5), setup("--problem", "l1-composite", "--mu", "2").problem());
    assertEquals(new Schedule.SmoothSqrtT(0.0, 0.5),
        setup("--problem", "simplex", "--schedule", "smooth-sqrt-t").config().schedule());
    assertEquals(new ProblemSpec.Simplex(10, 0.0), setup("--problem", "simplex").problem());
    assertEquals(MirrorMap.ENTROPY, setup("--problem", "simplex").config().mirror());
    assertEquals(MirrorMap.EUCLIDEAN, setup("--problem", "simplex", "--mirror", "euclidean").config().mirror());
    assertEquals(new NoiseModel.Pareto(2.5, 1.0), setup("--noise", "pareto").config().noise());
    assertEquals(new NoiseModel.StudentT(3, 0.5), setup("--noise", "student-t", "--sigma", "0.5").config().noise());
    assertEquals(List.of(new Output.ShamirZhang(3), new Output.Weighted(2)),
        setup("--output", "shamir-zhang,weighted").config().outputs());
    assertEquals(new Schedule.HeavyTail(0.1, 1.5),
        setup("--schedule", "heavy-tail", "--eta", "0.1", "--p", "1.5").config().schedule());
    assertEquals(Double.POSITIVE_INFINITY, setup().config().clip(), 0);
    assertEquals(SgdConfig.defaults().withSchedule(new Schedule.InvSqrtT(1 / Math.sqrt(10))), setup().config());
  }

  private static SgdCommand.Run.Setup setup(String... args) {
    SgdCommand.Run r = new SgdCommand.Run();
    new CommandLine(r).parseArgs(args);
    return r.setup();
  }

  @Test
  void jsonFilesKeepTheirKeysAndGainTheConfigAndProvenance() throws Exception {
    Path dir = tmp.resolve("json");
    CliRun o = run("sgd", "run", "--problem", "lad", "--steps", "500", "--runs", "5", "--bootstrap", "10",
        "--clip", "7", "--out", dir.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode c = Json.read(dir.resolve("config.json"));
    for (String k : new String[] {"problem", "schedule", "outputs", "steps", "runs", "noise", "clip", "mirror", "seed",
        "config", "provenance"}) {
      assertTrue(c.has(k), k + " in " + c);
    }
    assertEquals(7.0, c.get("clip").asDouble(), 0);
    assertEquals("euclidean", c.get("mirror").asText());
    assertEquals("last", c.get("outputs").get(0).asText());
    JsonNode m = Json.read(dir.resolve("metrics.json"));
    assertEquals(500, m.get("config").get("steps").asLong());
    assertEquals(7.0, m.get("config").get("clip").asDouble(), 0);
    assertEquals("sqrt-t(c=" + (1 / Math.sqrt(10)) + ")", m.get("config").get("schedule").asText());
    assertTrue(m.has("provenance") && m.has("steps_per_second") && m.has("seconds"));
    // the config in the JSON is the whole config: it reads back to the one that ran
    Map<String, String> text = new LinkedHashMap<>();
    m.get("config").fields().forEachRemaining(e -> text.put(e.getKey(), e.getValue().asText()));
    assertEquals(SgdConfig.defaults().withSteps(500).withRuns(5).withBootstrap(10).withClip(7)
        .withSchedule(new Schedule.InvSqrtT(1 / Math.sqrt(10))), Configs.fromMap(SgdConfig.class, text));
  }
}
