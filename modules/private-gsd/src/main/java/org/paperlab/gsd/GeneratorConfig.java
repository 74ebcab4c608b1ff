package org.paperlab.gsd;

import org.paperlab.core.config.Variants;

/**
 * The generator of a synthesis, the "generate" step of select-measure-generate: which algorithm
 * finds a synthetic table whose exact answers to the measured workloads are close (in squared L2)
 * to the noisy ones, with its settings. {@link GsdConfig} ({@code gsd}: Private-GSD's genetic
 * algorithm, {@link Gsd}) or {@link RapConfig} ({@code rap}: the relaxed-projection baseline,
 * {@link RelaxedProjection}).
 *
 * <p>Its text form ({@link Variants}) is the generator's name with its settings, e.g.
 * {@code gsd(rows=500, maxGenerations=10000)}; settings left out keep their defaults, so
 * {@code gsd} alone is {@link GsdConfig#defaults()}.
 */
public sealed interface GeneratorConfig permits GsdConfig, RapConfig {
  /** Number of rows of the tables it generates. */
  int outputRows();

  /** Seed of the fit's random stream ({@code new SplittableRandom(seed)}). */
  long seed();

  /** Worker threads, {@code 0} for all cores. */
  int threads();

  /** The same settings with another seed. */
  GeneratorConfig withSeed(long seed);

  /** Parses the text form, e.g. {@code gsd}, {@code rap(rows=200, iterations=100)}. */
  static GeneratorConfig parse(String text) {
    return Variants.parse(GeneratorConfig.class, text, "generator");
  }
}
