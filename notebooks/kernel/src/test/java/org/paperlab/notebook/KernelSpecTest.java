package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel spec. The reference for its JVM settings is the {@code ./paperlab} launcher itself,
 * read from the project root: if the launcher's settings change, this test says the kernel's
 * must follow.
 */
class KernelSpecTest {
  /** Maven runs the tests in the module's folder, notebooks/kernel. */
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  /**
   * The options of the launcher's {@code jvm=(...)} array (what its {@code exec java} line passes
   * before the class-data-sharing options), with its defaults filled in.
   */
  private static List<String> launcherOptions() throws IOException {
    String script = Files.readString(ROOT.resolve("paperlab"));
    Matcher m = Pattern.compile("(?s)\\njvm=\\((.*?)\\)\\n").matcher(script);
    assertTrue(m.find(), "no 'jvm=(...)' array in ./paperlab");
    assertTrue(script.contains("exec java \"${jvm[@]}\""), "./paperlab does not start java with its jvm array");
    List<String> options = new ArrayList<>();
    for (String token : m.group(1).trim().split("\\s+")) {
      token =
          token
              .replace("${PAPERLAB_JAVA_OPTS:--Xmx4g}", "-Xmx4g")
              .replace("\"$root\"", ROOT.toString())
              .replace("$root", ROOT.toString());
      options.add(token.replace("\"", ""));
    }
    return options;
  }

  @Test
  void theJvmOptionsAreTheLaunchers() throws IOException {
    assertEquals(launcherOptions(), KernelSpec.jvmOptions(ROOT, null));
    assertEquals(launcherOptions(), KernelSpec.jvmOptions(ROOT, "  "));
  }

  @Test
  void theEnvironmentIsTheLaunchers() throws IOException {
    String script = Files.readString(ROOT.resolve("paperlab"));
    KernelSpec spec = KernelSpec.forProject(ROOT, Path.of("java"), "a.jar", null, Map.of());
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      String line = "export " + e.getKey() + "=\"${" + e.getKey() + ":-" + e.getValue() + "}\"";
      assertTrue(script.contains(line), "./paperlab has no line " + line);
    }
    assertEquals(2, spec.env().size());
    KernelSpec set = KernelSpec.forProject(ROOT, Path.of("java"), "a.jar", null, Map.of("OMP_WAIT_POLICY", "ACTIVE"));
    assertEquals("ACTIVE", set.env().get("OMP_WAIT_POLICY"));
  }

  @Test
  void javaOptsReplaceTheDefaultHeap() {
    List<String> o = KernelSpec.jvmOptions(ROOT, " -Xmx2g  -Xss4m ");
    assertEquals(List.of("-Xmx2g", "-Xss4m", "-XX:+UseParallelGC"), o.subList(0, 3));
  }

  @Test
  void theJsonStartsMainWithAnAbsoluteClasspath(@TempDir Path dir) throws IOException {
    String cp = "target/classes" + File.pathSeparator + "lib/x.jar";
    KernelSpec.forProject(ROOT, Path.of("/usr/bin/java"), cp, null, Map.of()).writeTo(dir.resolve("paperlab-java"));
    String text = Files.readString(dir.resolve("paperlab-java/kernel.json"));
    JsonObject json = JsonParser.parseString(text).getAsJsonObject();
    List<String> argv = new ArrayList<>();
    json.getAsJsonArray("argv").forEach(e -> argv.add(e.getAsString()));
    assertEquals("/usr/bin/java", argv.get(0));
    int n = argv.size();
    assertEquals(List.of(Main.class.getName(), "{connection_file}"), argv.subList(n - 2, n));
    assertEquals("-cp", argv.get(n - 4));
    String here = Path.of("").toAbsolutePath().toString();
    assertEquals(
        here + "/target/classes" + File.pathSeparator + here + "/lib/x.jar", argv.get(n - 3));
    assertEquals("message", json.get("interrupt_mode").getAsString());
    assertEquals("java", json.get("language").getAsString());
    assertEquals("PASSIVE", json.getAsJsonObject("env").get("OMP_WAIT_POLICY").getAsString());
  }
}
