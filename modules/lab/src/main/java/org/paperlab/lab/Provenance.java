package org.paperlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: the paperlab version and the git commit of the paperlab checkout that
 * ran it (and whether that tree had local changes), the JDK, OS, cores, heap, the ND4J backend on
 * the class path, and the command line. Each item is best effort: a value that cannot be
 * determined is reported as {@code "unknown"}, never an error.
 *
 * <p>The commit is read from the checkout that holds paperlab's own classes (not from the current
 * directory, which may be the user's project). The ND4J backend is read from the class path
 * without initializing ND4J (which takes seconds).
 */
public final class Provenance {
  private static volatile List<String> commandLine = List.of();
  private static volatile Map<String, Object> cached;

  private Provenance() {}

  /** Records the command line of this process (the CLI calls this once with its arguments). */
  public static void commandLine(String program, String... args) {
    List<String> l = new ArrayList<>();
    l.add(program);
    l.addAll(List.of(args));
    commandLine = List.copyOf(l);
  }

  /** A map of provenance facts for run.json and every JSON file the CLI writes. */
  public static Map<String, Object> collect() {
    Map<String, Object> m = new LinkedHashMap<>(machine());
    m.put("command", commandLine.isEmpty() ? "unknown" : String.join(" ", commandLine));
    return m;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> c = cached;
    if (c != null) {
      return c;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paperlab_version", version());
    Path repo = checkout();
    String commit = repo == null ? "unknown" : git(repo, "rev-parse", "HEAD");
    m.put("git_commit", commit);
    String dirty = repo == null ? "unknown" : git(repo, "status", "--porcelain", "--untracked-files=no");
    m.put("git_dirty", dirty.equals("unknown") ? "unknown" : !dirty.isEmpty());
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
    m.put("nd4j_backend", nd4jBackend());
    cached = java.util.Collections.unmodifiableMap(m);
    return cached;
  }

  /** The project version, from the build. */
  public static String version() {
    try (InputStream in = Provenance.class.getResourceAsStream("paperlab.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The ND4J backend on the class path: {@code nd4j-native (CPU)}, {@code nd4j-cuda} or
   * {@code none}; read from the class path only, so ND4J is not initialized for it.
   */
  public static String nd4jBackend() {
    ClassLoader cl = Provenance.class.getClassLoader();
    if (cl.getResource("org/nd4j/linalg/jcublas/JCublasBackend.class") != null) {
      return "nd4j-cuda";
    }
    if (cl.getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") != null) {
      return "nd4j-native (CPU)";
    }
    return "none";
  }

  /** The git work tree that holds paperlab's classes, or null. */
  private static Path checkout() {
    try {
      var src = Provenance.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return null;
      }
      Path p = Path.of(src.getLocation().toURI()).toAbsolutePath();
      for (Path d = Files.isDirectory(p) ? p : p.getParent(); d != null; d = d.getParent()) {
        if (Files.exists(d.resolve(".git"))) {
          return d;
        }
      }
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String git(Path repo, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "unknown";
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
