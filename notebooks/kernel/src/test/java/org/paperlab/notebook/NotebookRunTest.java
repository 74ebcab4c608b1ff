package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notebooks/run} itself, executing notebooks through Jupyter's {@code nbconvert --execute}
 * with this kernel on the test classpath (the script's {@code PAPERLAB_NOTEBOOK_CLASSPATH}, so it
 * does not build), into a temporary folder. Needs Debian's Jupyter ({@code /usr/bin/jupyter},
 * package jupyter-nbconvert): skipped where it is missing. CI installs it (.ci/run), so there
 * these tests run.
 */
class NotebookRunTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();
  private static final Path JUPYTER = Path.of("/usr/bin/jupyter");

  /** What the script printed and its exit code. */
  private record Result(int exit, String output) {}

  @BeforeAll
  static void needsJupyter() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(JUPYTER), "no /usr/bin/jupyter (apt-get install jupyter-nbconvert)");
  }

  private static Result run(Path dir, String notebook) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash", ROOT.resolve("notebooks/run").toString(), "--out", dir.resolve("results").toString(),
                RESOURCES.resolve(notebook).toString())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PAPERLAB_NOTEBOOK_CLASSPATH", System.getProperty("java.class.path"));
    env.put("PAPERLAB_JUPYTER_DIR", dir.resolve("jupyter").toString());
    env.put("JUPYTER", JUPYTER.toString());
    env.put("NOTEBOOK_TIMEOUT", "120");
    env.put("PAPERLAB_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "notebooks/run did not end");
    return new Result(p.exitValue(), out);
  }

  private static JsonArray outputs(JsonObject notebook, String cellId) {
    for (JsonElement c : notebook.getAsJsonArray("cells")) {
      JsonObject cell = c.getAsJsonObject();
      if (cell.get("id").getAsString().equals(cellId)) {
        return cell.getAsJsonArray("outputs");
      }
    }
    throw new AssertionError("no cell " + cellId);
  }

  private static String text(JsonElement multiline) {
    if (multiline.isJsonArray()) {
      StringBuilder b = new StringBuilder();
      multiline.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
      return b.toString();
    }
    return multiline.getAsString();
  }

  @Test
  void aNotebookRunsAndItsChartIsInTheHtml(@TempDir Path dir) throws IOException, InterruptedException {
    Result r = run(dir, "tiny.ipynb");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("ok     tiny"), r.output());
    Path results = dir.resolve("results");
    JsonObject nb = JsonParser.parseString(Files.readString(results.resolve("tiny.ipynb"))).getAsJsonObject();

    JsonObject value = outputs(nb, "value").get(0).getAsJsonObject();
    assertEquals("execute_result", value.get("output_type").getAsString());
    assertEquals("42", text(value.getAsJsonObject("data").get("text/plain")));

    JsonObject printed = outputs(nb, "print").get(0).getAsJsonObject();
    assertEquals("stream", printed.get("output_type").getAsString());
    assertEquals("printed\n", text(printed.get("text")));

    JsonObject chart = outputs(nb, "chart").get(0).getAsJsonObject();
    assertEquals("display_data", chart.get("output_type").getAsString());
    assertTrue(chart.getAsJsonObject("data").has("image/png"));

    // ND4J's CPU backend in the kernel: 1 + 2 + 3
    JsonObject sum = outputs(nb, "nd4j").get(0).getAsJsonObject();
    assertEquals("6.0", text(sum.getAsJsonObject("data").get("text/plain")));

    String html = Files.readString(results.resolve("tiny.html"));
    assertTrue(html.contains("data:image/png;base64,"), "the chart is an inline image in the HTML");
    assertTrue(html.contains("printed"));
  }

  @Test
  void aFailingNotebookFailsTheRunAndTheReportNamesTheLine(@TempDir Path dir)
      throws IOException, InterruptedException {
    Result r = run(dir, "failing.ipynb");
    assertEquals(1, r.exit(), r.output());
    for (String expected :
        List.of(
            "FAILED failing",
            "RuntimeError: java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2",
            "at cell [2] line 2: a[ok + 4] = 7;",
            "1 of 1 notebooks failed: failing")) {
      assertTrue(r.output().contains(expected), "no '" + expected + "' in:\n" + r.output());
    }
    // nbconvert's report is in the log; a failed notebook leaves no executed copy
    assertTrue(Files.readString(dir.resolve("results/failing.log")).contains("a[ok + 4] = 7;"));
    assertFalse(Files.exists(dir.resolve("results/failing.ipynb")));
  }
}
