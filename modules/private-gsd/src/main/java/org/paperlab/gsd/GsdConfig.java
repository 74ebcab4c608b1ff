package org.paperlab.gsd;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;

/**
 * Settings of the genetic algorithm of Private-GSD ({@link Gsd}); defaults follow the official
 * code (giusevtr/private_gsd, {@code models/gsd.py}: 50 mutation + 50 crossover candidates, elite
 * 5, one row changed per candidate, early stop when the best fitness improves by less than a
 * relative 1e-4 over a window of {@code N} generations; data size 2,000 for mixed-type data).
 *
 * @param rows synthetic rows {@code N}
 * @param populationSize candidates per generation; the first half mutates, the rest crosses over
 * @param eliteSize elite archive size
 * @param maxGenerations generation cap
 * @param crossoverNoise standard deviation of the Gaussian noise added to a numeric value copied
 *     by crossover (scaled units; 0.01 as in the official {@code geneticsd.py})
 * @param tolerance early stop when the relative improvement over a window is below this
 * @param earlyStopWindow window in generations; 0 means {@code rows}, the official default
 * @param threads worker threads for scoring candidates, {@code 0} for all cores (resolved when
 *     the fit starts; used when a generation's scoring work is large enough, see {@link Gsd});
 *     the result does not depend on it
 * @param seed seed of the fit's random stream
 */
@Name("gsd")
public record GsdConfig(
    int rows,
    int populationSize,
    int eliteSize,
    long maxGenerations,
    double crossoverNoise,
    double tolerance,
    int earlyStopWindow,
    int threads,
    long seed) implements GeneratorConfig {
  public GsdConfig {
    Checks.positive("rows", rows);
    Checks.require(populationSize >= 2, "populationSize = %d must be >= 2", populationSize);
    Checks.positive("eliteSize", eliteSize);
    Checks.positive("maxGenerations", maxGenerations);
    Checks.nonNegative("crossoverNoise", crossoverNoise);
    Checks.nonNegative("tolerance", tolerance);
    Checks.nonNegative("earlyStopWindow", earlyStopWindow);
    Checks.inRange("threads", threads, 0, 1024);
  }

  /**
   * 2,000 rows, population 100, elite 5, at most 200,000 generations, crossover noise 0.01,
   * tolerance 1e-4 over a window of {@code rows} generations, all cores, seed 0.
   */
  public static GsdConfig defaults() {
    return new GsdConfig(2000, 100, 5, 200_000, 0.01, 1e-4, 0, 0, 0L);
  }

  /** The early-stopping window in generations. */
  public int window() {
    return earlyStopWindow == 0 ? rows : earlyStopWindow;
  }

  @Override
  public int outputRows() {
    return rows;
  }

  public GsdConfig withRows(int v) {
    return new GsdConfig(v, populationSize, eliteSize, maxGenerations, crossoverNoise, tolerance, earlyStopWindow, threads, seed);
  }

  public GsdConfig withPopulationSize(int v) {
    return new GsdConfig(rows, v, eliteSize, maxGenerations, crossoverNoise, tolerance, earlyStopWindow, threads, seed);
  }

  public GsdConfig withEliteSize(int v) {
    return new GsdConfig(rows, populationSize, v, maxGenerations, crossoverNoise, tolerance, earlyStopWindow, threads, seed);
  }

  public GsdConfig withMaxGenerations(long v) {
    return new GsdConfig(rows, populationSize, eliteSize, v, crossoverNoise, tolerance, earlyStopWindow, threads, seed);
  }

  public GsdConfig withCrossoverNoise(double v) {
    return new GsdConfig(rows, populationSize, eliteSize, maxGenerations, v, tolerance, earlyStopWindow, threads, seed);
  }

  public GsdConfig withTolerance(double v) {
    return new GsdConfig(rows, populationSize, eliteSize, maxGenerations, crossoverNoise, v, earlyStopWindow, threads, seed);
  }

  public GsdConfig withEarlyStopWindow(int v) {
    return new GsdConfig(rows, populationSize, eliteSize, maxGenerations, crossoverNoise, tolerance, v, threads, seed);
  }

  public GsdConfig withThreads(int v) {
    return new GsdConfig(rows, populationSize, eliteSize, maxGenerations, crossoverNoise, tolerance, earlyStopWindow, v, seed);
  }

  @Override
  public GsdConfig withSeed(long v) {
    return new GsdConfig(rows, populationSize, eliteSize, maxGenerations, crossoverNoise, tolerance, earlyStopWindow, threads, v);
  }
}
