package org.paperlab.notebook;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperlab.core.io.AtomicFiles;

/**
 * A Jupyter kernel spec ({@code kernel.json}) that starts {@link Main} on the project's classpath
 * with the JVM settings of the {@code ./paperlab} launcher: heap from {@code PAPERLAB_JAVA_OPTS}
 * (default {@code -Xmx4g}), parallel GC, the incubating Vector API, headless AWT, ND4J's
 * off-heap settings with the native libraries unpacked into {@code .cache/javacpp}, and
 * {@code OMP_WAIT_POLICY=PASSIVE} / {@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1} in its
 * environment. Interrupts arrive as messages (a signal would end the JVM).
 *
 * @param argv the kernel's command line, {@code {connection_file}} where Jupyter puts the file
 * @param displayName the name notebook front ends show
 * @param env environment variables set for the kernel
 */
public record KernelSpec(List<String> argv, String displayName, Map<String, String> env) {
  /** The launcher's heap setting when {@code PAPERLAB_JAVA_OPTS} is unset or blank. */
  public static final String DEFAULT_JAVA_OPTS = "-Xmx4g";

  /** Copies the collections. */
  public KernelSpec {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /**
   * The spec for the project at {@code root}: {@code java} runs {@link Main} with {@code classpath}
   * (its entries made absolute: Jupyter starts the kernel in the notebook's folder);
   * {@code javaOpts} is {@code PAPERLAB_JAVA_OPTS} (null or blank for the default);
   * {@code environment} supplies {@code OMP_WAIT_POLICY} and {@code GLIBC_TUNABLES} where set.
   */
  public static KernelSpec forProject(
      Path root, Path java, String classpath, String javaOpts, Map<String, String> environment) {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmOptions(root, javaOpts));
    argv.addAll(List.of("-cp", absolute(classpath), Main.class.getName(), "{connection_file}"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OMP_WAIT_POLICY", environment.getOrDefault("OMP_WAIT_POLICY", "PASSIVE"));
    env.put("GLIBC_TUNABLES", environment.getOrDefault("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"));
    return new KernelSpec(argv, "Java " + Runtime.version().feature() + " (paperlab)", env);
  }

  /** The JVM options of {@code ./paperlab} for the project at {@code root}. */
  public static List<String> jvmOptions(Path root, String javaOpts) {
    List<String> options = new ArrayList<>();
    String heap = javaOpts == null || javaOpts.isBlank() ? DEFAULT_JAVA_OPTS : javaOpts.strip();
    options.addAll(Arrays.asList(heap.split("\\s+")));
    options.addAll(
        List.of(
            "-XX:+UseParallelGC",
            "--add-modules",
            "jdk.incubator.vector",
            "-Djava.awt.headless=true",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
            "-Dorg.bytedeco.javacpp.maxbytes=8g",
            "-Dorg.bytedeco.javacpp.cachedir=" + root.toAbsolutePath().normalize().resolve(".cache/javacpp")));
    return options;
  }

  private static String absolute(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The spec as Jupyter reads it. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("argv", argv);
    json.put("display_name", displayName);
    json.put("language", "java");
    json.put("interrupt_mode", "message");
    json.put("env", new LinkedHashMap<>(env));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
  }

  /** Writes {@code kernel.json} into {@code kernelDir} (created if missing), atomically. */
  public void writeTo(Path kernelDir) {
    AtomicFiles.writeString(kernelDir.resolve("kernel.json"), toJson());
  }
}
