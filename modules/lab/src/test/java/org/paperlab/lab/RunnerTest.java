package org.paperlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
  @TempDir Path out;

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  /** Records a config value, a metric, a table and a chart; optionally fails afterwards. */
  private record Toy(boolean fail) implements Experiment {
    @Override
    public String name() {
      return "toy";
    }

    @Override
    public String description() {
      return "a toy <experiment>";
    }

    @Override
    public void run(RunContext ctx) {
      ctx.config("n", 3);
      ctx.metric("answer", 42.5);
      ctx.metric("seed_seen", ctx.seed());
      ctx.save(new CsvTable("x", "y").add(1, 2).add(3, 4), "series.csv");
      ctx.save(Chart.line("t", "x", "y").series("s", new double[] {1, 2}, new double[] {3, 4}), "chart.png");
      if (fail) {
        throw new IllegalStateException("boom at step 7");
      }
    }
  }

  @Test
  void successfulRunWritesEveryFileAndTheReport() throws Exception {
    Runner.Result r = Runner.run(new Toy(false), new RunOptions(out, 17, true), QUIET);
    assertTrue(r.ok());
    assertTrue(r.dir().startsWith(out.resolve("toy")));
    assertTrue(r.dir().getFileName().toString().endsWith("-quick-s17"));
    JsonNode run = Json.read(r.dir().resolve("run.json"));
    assertEquals("ok", run.get("status").asText());
    assertEquals(17, run.get("seed").asLong());
    assertEquals(3, run.get("config").get("n").asInt());
    assertTrue(run.get("provenance").has("jdk"));
    assertTrue(run.has("end_time"));
    JsonNode metrics = Json.read(r.dir().resolve("metrics.json"));
    assertEquals(42.5, metrics.get("answer").asDouble());
    assertEquals(17, metrics.get("seed_seen").asLong());
    assertEquals("x,y\n1.0,2.0\n3.0,4.0\n", Files.readString(r.dir().resolve("series.csv")));
    byte[] png = Files.readAllBytes(r.dir().resolve("chart.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("toy/" + r.dir().getFileName() + "/chart.png"), html);
    assertTrue(html.contains("answer"));
    assertTrue(html.contains("a toy &lt;experiment&gt;"), "escaped description");
    try (Stream<Path> files = Files.list(r.dir())) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
    }
  }

  @Test
  void failedRunIsMarkedAndEarlierRunsStayIntact() throws Exception {
    Runner.Result good = Runner.run(new Toy(false), new RunOptions(out, 1, true), QUIET);
    String goodRunJson = Files.readString(good.dir().resolve("run.json"));
    Runner.Result bad = Runner.run(new Toy(true), new RunOptions(out, 1, true), QUIET);
    assertFalse(bad.ok());
    assertTrue(bad.error().contains("boom at step 7"));
    JsonNode run = Json.read(bad.dir().resolve("run.json"));
    assertEquals("failed", run.get("status").asText());
    // what was measured before the failure is kept
    assertEquals(42.5, Json.read(bad.dir().resolve("metrics.json")).get("answer").asDouble());
    assertEquals(goodRunJson, Files.readString(good.dir().resolve("run.json")));
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("failed") && html.contains("boom at step 7"));
    assertTrue(html.contains("1 other run(s)"));
  }

  @Test
  void aRunWhoseProcessIsGoneIsShownInterruptedAndTheLastGoodRunFirst() throws Exception {
    Runner.Result good = Runner.run(new Toy(false), new RunOptions(out, 2, true), QUIET);
    // a newer run left "running" by a killed process: a pid that has exited, on this host
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path dead = out.resolve("toy").resolve("29991231-000000-quick-s2");
    Files.createDirectories(dead);
    Files.writeString(dead.resolve("run.json"), "{\"experiment\": \"toy\", \"status\": \"running\", \"start_time\": \"2999-12-31T00:00:00Z\", "
        + "\"pid\": " + p.pid() + ", \"host\": \"" + Runner.host() + "\", \"config\": {}}");
    Path stale = dead.resolve(".metrics.json." + p.pid() + "-1.paperlab-tmp");
    Files.writeString(stale, "half");
    ReportPage.write(out);
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("interrupted"), html);
    // the headline run (with its charts inline) is the newest successful one, not the dead run
    int img = html.indexOf("<img src=\"toy/" + good.dir().getFileName() + "/chart.png\"");
    int details = html.indexOf("<details>");
    assertTrue(img >= 0 && img < details, html);
    assertFalse(Files.exists(stale), "the dead process's temporary file is removed");
  }

  @Test
  void aStoppedProcessMarksItsRunInterrupted() throws Exception {
    // a child JVM runs an experiment that waits; SIGTERM makes its shutdown hook write the status
    Path marker = out.resolve("started");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "org.paperlab.lab.SleepingRun", out.toString(), marker.toString());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    for (int i = 0; i < 600 && !Files.exists(marker); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(marker), "the child run did not start");
    child.destroy(); // SIGTERM
    assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    Path runDir;
    try (Stream<Path> runs = Files.list(out.resolve("sleeping"))) {
      runDir = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    JsonNode run = Json.read(runDir.resolve("run.json"));
    assertEquals("interrupted", run.get("status").asText(), run.toString());
    assertEquals(child.pid(), run.get("pid").asLong());
    assertEquals(7, run.get("config").get("n").asInt(), "the config recorded so far is kept");
  }
}
