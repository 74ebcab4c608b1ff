package org.paperlab.lab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.Seeds;

/**
 * What an experiment writes through: its run folder, seeds, size, config, metrics, tables and
 * charts. Every file is written atomically; metrics.json is rewritten on every
 * {@link #metric} so that even a run that fails late keeps what it measured.
 *
 * <p>Metric keys are flat strings (documented in each module's README); values are numbers,
 * strings or booleans.
 */
public final class RunContext {
  private final String experiment;
  private final String runId;
  private final Path dir;
  private final RunOptions options;
  private final Map<String, Object> config = new LinkedHashMap<>();
  private final Map<String, Object> metrics = new LinkedHashMap<>();
  private final PrintStream log;

  RunContext(String experiment, String runId, Path dir, RunOptions options, PrintStream log) {
    this.experiment = experiment;
    this.runId = runId;
    this.dir = dir;
    this.options = options;
    this.log = log;
  }

  public String experiment() {
    return experiment;
  }

  public String runId() {
    return runId;
  }

  /** The run folder {@code <outRoot>/<experiment>/<run-id>/}. */
  public Path dir() {
    return dir;
  }

  /** The run's root seed. */
  public long seed() {
    return options.seed();
  }

  /** The root of the run's seed tree; derive a child per component. */
  public Seeds seeds() {
    return Seeds.of(options.seed());
  }

  /** True for the quick size (tests, CI, a first look). */
  public boolean quick() {
    return options.quick();
  }

  /** Records a configuration value in run.json (sizes, hyperparameters). */
  public RunContext config(String key, Object value) {
    Checks.notNull("key", key);
    config.put(key, value);
    return this;
  }

  /**
   * Records a whole method config in run.json under {@code prefix.} (its flat keys, {@link
   * org.paperlab.core.config.Configs#toJson}); an experiment records every config it runs with.
   */
  public RunContext config(String prefix, Record methodConfig) {
    Checks.notNull("prefix", prefix);
    Checks.notNull("methodConfig", methodConfig);
    org.paperlab.core.config.Configs.toJson(methodConfig).forEach((k, v) -> config.put(prefix + "." + k, v));
    return this;
  }

  /** Records a headline number; written to metrics.json immediately. */
  public RunContext metric(String key, double value) {
    return putMetric(key, value);
  }

  /** Records a headline string or flag; written to metrics.json immediately. */
  public RunContext metric(String key, Object value) {
    return putMetric(key, value);
  }

  private RunContext putMetric(String key, Object value) {
    Checks.notNull("key", key);
    Checks.require(!key.isBlank() && key.chars().noneMatch(Character::isWhitespace),
        "metric key '%s' must be non-empty without whitespace", key);
    if (value instanceof Double d && !Double.isFinite(d)) {
      value = d.toString(); // JSON has no NaN/Infinity: keep it visible as a string
    }
    metrics.put(key, value);
    Json.write(dir.resolve("metrics.json"), metrics);
    return this;
  }

  /** The metrics recorded so far (read-only). */
  public Map<String, Object> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  /** The config recorded so far (read-only). */
  public Map<String, Object> config() {
    return Collections.unmodifiableMap(config);
  }

  /** Writes a table as {@code <run>/<fileName>}. */
  public Path save(CsvTable table, String fileName) {
    Path p = file(fileName);
    table.write(p);
    return p;
  }

  /** Writes a chart as {@code <run>/<fileName>} (PNG). */
  public Path save(Chart chart, String fileName) {
    Path p = file(fileName);
    chart.save(p);
    return p;
  }

  /** Writes an image as {@code <run>/<fileName>} (PNG), e.g. a grid of generated samples. */
  public Path save(java.awt.image.BufferedImage image, String fileName) {
    Path p = file(fileName);
    try {
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", buf);
      org.paperlab.core.io.AtomicFiles.write(p, buf.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot encode " + fileName + ": " + e.getMessage(), e);
    }
    return p;
  }

  /** Writes any JSON-serializable value as {@code <run>/<fileName>}. */
  public Path saveJson(Object value, String fileName) {
    Path p = file(fileName);
    Json.write(p, value);
    return p;
  }

  /** A progress display labelled with the experiment. */
  public Progress progress(String label, long total) {
    return Progress.start(experiment + ": " + label, total);
  }

  /** One line of narration on the terminal (stderr), prefixed with the experiment name. */
  public void log(String format, Object... args) {
    log.println("[" + experiment + "] " + String.format(java.util.Locale.ROOT, format, args));
  }

  private Path file(String fileName) {
    Checks.require(
        fileName != null && !fileName.isBlank() && !fileName.contains("/") && !fileName.contains(".."),
        "file name '%s' must be a plain name inside the run folder", fileName);
    return dir.resolve(fileName);
  }
}
