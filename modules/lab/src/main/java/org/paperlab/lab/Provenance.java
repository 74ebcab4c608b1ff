package org.paperlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a run came from: git commit (and whether the tree had local changes), JDK, ND4J backend,
 * host cores. Each item is best effort: a value that cannot be determined is reported as
 * {@code "unknown"}, never an error.
 */
public final class Provenance {
  private Provenance() {}

  /** A map of provenance facts for run.json. */
  public static Map<String, Object> collect() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("git_commit", git("rev-parse", "HEAD"));
    String dirty = git("status", "--porcelain", "--untracked-files=no");
    m.put("git_dirty", dirty.equals("unknown") ? "unknown" : !dirty.isEmpty());
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
    m.put("nd4j_backend", nd4jBackend());
    return m;
  }

  /** The ND4J backend in use (initializes ND4J if it is not yet). */
  public static String nd4jBackend() {
    try {
      Class<?> nd4j = Class.forName("org.nd4j.linalg.factory.Nd4j");
      Object backend = nd4j.getMethod("getBackend").invoke(null);
      return backend.getClass().getSimpleName();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return "unknown";
    }
  }

  private static String git(String... args) {
    try {
      String[] cmd = new String[args.length + 1];
      cmd[0] = "git";
      System.arraycopy(args, 0, cmd, 1, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
