package org.paperlab.gsd;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;

/**
 * Settings of the relaxed-projection baseline ({@link RelaxedProjection}); defaults follow the
 * official RAP++ runs in giusevtr/private_gsd ({@code RelaxedProjectionPP(data_size=1000,
 * iterations=1000)}).
 *
 * @param rows relaxed rows {@code N'} (the output has {@code rows * samplesPerRow})
 * @param iterations Adam steps
 * @param learningRate Adam step size on the softmax logits
 * @param numericLearningRate Adam step size on the numeric values (scaled to [0, 1]; much
 *     smaller, since a step of 0.2 would jump across many bins)
 * @param slopeStart sigmoid slope (inverse temperature) of the numeric relaxations at the start
 * @param slopeEnd slope at the end; the slope grows geometrically in between, sharpening the
 *     relaxation toward the exact 0/1 queries as RAP++ does with its increasing sigmoid schedule
 * @param samplesPerRow rows sampled from every relaxed row at the end (RAP's randomized rounding;
 *     the output has {@code rows * samplesPerRow} rows, so its answers are close to the relaxed
 *     ones)
 * @param threads worker threads, {@code 0} for all cores (resolved when the fit starts); the
 *     query blocks are split over the resolved count, which fixes the order of the
 *     floating-point sums, so a result is reproducible for a given resolved count
 * @param seed seed of the fit's random stream
 */
@Name("rap")
public record RapConfig(
    int rows,
    int iterations,
    double learningRate,
    double numericLearningRate,
    double slopeStart,
    double slopeEnd,
    int samplesPerRow,
    int threads,
    long seed) implements GeneratorConfig {
  public RapConfig {
    Checks.positive("rows", rows);
    Checks.positive("iterations", iterations);
    Checks.positive("learningRate", learningRate);
    Checks.positive("numericLearningRate", numericLearningRate);
    Checks.positive("slopeStart", slopeStart);
    Checks.positive("slopeEnd", slopeEnd);
    Checks.positive("samplesPerRow", samplesPerRow);
    Checks.inRange("threads", threads, 0, 1024);
  }

  /**
   * 1,000 rows, 1,000 Adam steps at 0.2 (logits) and 0.02 (numeric values), slope 8 growing
   * to 1,024, 10 samples per row, all cores, seed 0.
   */
  public static RapConfig defaults() {
    return new RapConfig(1000, 1000, 0.2, 0.02, 8, 1024, 10, 0, 0L);
  }

  @Override
  public int outputRows() {
    return rows * samplesPerRow;
  }

  public RapConfig withRows(int v) {
    return new RapConfig(v, iterations, learningRate, numericLearningRate, slopeStart, slopeEnd, samplesPerRow, threads, seed);
  }

  public RapConfig withIterations(int v) {
    return new RapConfig(rows, v, learningRate, numericLearningRate, slopeStart, slopeEnd, samplesPerRow, threads, seed);
  }

  public RapConfig withLearningRate(double v) {
    return new RapConfig(rows, iterations, v, numericLearningRate, slopeStart, slopeEnd, samplesPerRow, threads, seed);
  }

  public RapConfig withNumericLearningRate(double v) {
    return new RapConfig(rows, iterations, learningRate, v, slopeStart, slopeEnd, samplesPerRow, threads, seed);
  }

  /** Both slopes of the schedule (start and end). */
  public RapConfig withSlopes(double start, double end) {
    return new RapConfig(rows, iterations, learningRate, numericLearningRate, start, end, samplesPerRow, threads, seed);
  }

  public RapConfig withSlopeStart(double v) {
    return withSlopes(v, slopeEnd);
  }

  public RapConfig withSlopeEnd(double v) {
    return withSlopes(slopeStart, v);
  }

  public RapConfig withSamplesPerRow(int v) {
    return new RapConfig(rows, iterations, learningRate, numericLearningRate, slopeStart, slopeEnd, v, threads, seed);
  }

  public RapConfig withThreads(int v) {
    return new RapConfig(rows, iterations, learningRate, numericLearningRate, slopeStart, slopeEnd, samplesPerRow, v, seed);
  }

  @Override
  public RapConfig withSeed(long v) {
    return new RapConfig(rows, iterations, learningRate, numericLearningRate, slopeStart, slopeEnd, samplesPerRow, threads, v);
  }
}
