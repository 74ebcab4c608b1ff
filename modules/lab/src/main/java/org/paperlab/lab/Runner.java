package org.paperlab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.Checks;

/**
 * Runs an experiment into a fresh run folder {@code <outRoot>/<experiment>/<run-id>/} with
 * {@code run.json} (config, seed, provenance, times, status), {@code metrics.json}, and whatever
 * tables and charts the experiment saves; then rebuilds {@code <outRoot>/index.html}.
 *
 * <p>A failing experiment marks its own run.json {@code "status": "failed"} with the cause and
 * leaves every earlier run untouched.
 */
public final class Runner {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private Runner() {}

  /** The outcome of one run. */
  public record Result(String experiment, Path dir, boolean ok, String error, Throwable cause, double seconds) {}

  /** Runs {@code experiment} with {@code options}; never throws for a failing experiment. */
  public static Result run(Experiment experiment, RunOptions options) {
    return run(experiment, options, System.err);
  }

  /**
   * As {@link #run(Experiment, RunOptions)}, narrating to {@code log}. While the experiment runs,
   * a shutdown hook stands by: if the JVM is stopped (SIGINT, SIGTERM), run.json is rewritten
   * with status {@code interrupted} before it exits. Out of memory fails the run with a one-line
   * reason, like any other failure.
   */
  public static Result run(Experiment experiment, RunOptions options, PrintStream log) {
    Checks.notNull("experiment", experiment);
    Checks.notNull("options", options);
    Instant start = Instant.now();
    Path dir = newRunDir(options.outRoot().resolve(experiment.name()), start, options);
    String runId = dir.getFileName().toString();
    RunContext ctx = new RunContext(experiment.name(), runId, dir, options, log);
    Map<String, Object> runJson = new LinkedHashMap<>();
    runJson.put("experiment", experiment.name());
    runJson.put("description", experiment.description());
    runJson.put("run_id", runId);
    runJson.put("status", "running");
    runJson.put("seed", options.seed());
    runJson.put("size", options.quick() ? "quick" : "default");
    runJson.put("quick", options.quick());
    runJson.put("start_time", start.toString());
    runJson.put("pid", ProcessHandle.current().pid());
    runJson.put("host", host());
    runJson.put("config", ctx.config());
    runJson.put("provenance", Provenance.collect());
    Json.write(dir.resolve("run.json"), runJson);
    ctx.log("run %s (seed %d%s) -> %s", runId, options.seed(), options.quick() ? ", quick" : "", dir);

    Object lock = new Object();
    boolean[] finished = {false};
    Thread hook = new Thread(() -> {
      synchronized (lock) {
        if (!finished[0]) {
          runJson.put("status", "interrupted");
          runJson.put("error", "interrupted: the process was stopped before the run finished");
          runJson.put("end_time", Instant.now().toString());
          runJson.put("config", new LinkedHashMap<>(ctx.config()));
          try {
            Json.write(dir.resolve("run.json"), runJson);
          } catch (RuntimeException ignored) {
            // the JVM is going down; the report treats a run of a dead process as interrupted
          }
        }
      }
    }, "paperlab-run-interrupted");
    boolean hooked = addHook(hook);
    String error = null;
    Throwable cause = null;
    try {
      experiment.run(ctx);
    } catch (OutOfMemoryError e) {
      cause = e;
      error = "out of memory (heap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB): run a smaller size or raise it with PAPERLAB_JAVA_OPTS=-Xmx...";
    } catch (Exception | Error e) {
      cause = e;
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Instant end = Instant.now();
    double seconds = (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
    synchronized (lock) {
      finished[0] = true;
      runJson.put("status", cause == null ? "ok" : "failed");
      if (error != null) {
        runJson.put("error", error);
      }
      runJson.put("end_time", end.toString());
      runJson.put("duration_seconds", seconds);
      runJson.put("config", ctx.config());
      Json.write(dir.resolve("run.json"), runJson);
    }
    if (hooked) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting already; the hook sees finished = true and does nothing
      }
    }
    if (ctx.metrics().isEmpty()) {
      Json.write(dir.resolve("metrics.json"), ctx.metrics());
    }
    ReportPage.write(options.outRoot());
    ctx.log("%s in %.1f s", cause == null ? "done" : "FAILED (" + error + ")", seconds);
    return new Result(experiment.name(), dir, cause == null, error, cause, seconds);
  }

  private static boolean addHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  /** This machine's name, for telling whether a "running" run's process is still alive. */
  static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      String h = System.getenv("HOSTNAME");
      return h == null ? "unknown" : h;
    }
  }

  /**
   * Entry point for an experiment's own {@code main}: parses {@code [--quick] [--seed N]
   * [--out DIR]}, runs, exits 0 on success, 1 on failure, 2 on a usage error.
   */
  public static void main(Experiment experiment, String[] args) {
    RunOptions options = RunOptions.defaults();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> options = options.withQuick(true);
          case "--seed" -> options = options.withSeed(Long.parseLong(value(args, ++i, "--seed")));
          case "--out" -> options = options.withOutRoot(Path.of(value(args, ++i, "--out")));
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(experiment.name() + ": " + e.getMessage());
      System.err.println("usage: " + experiment.name() + " [--quick] [--seed N] [--out DIR]");
      System.exit(2);
    }
    Result r = run(experiment, options);
    System.exit(r.ok() ? 0 : 1);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static Path newRunDir(Path experimentDir, Instant start, RunOptions options) {
    String base = RUN_ID.format(start) + (options.quick() ? "-quick" : "") + "-s" + options.seed();
    try {
      Files.createDirectories(experimentDir);
      for (int k = 1; ; k++) {
        Path p = experimentDir.resolve(k == 1 ? base : base + "-" + k);
        try {
          return Files.createDirectory(p);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // another run started in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run folder under " + experimentDir + ": " + e.getMessage(), e);
    }
  }
}
