package org.paperlab.gsd;

/**
 * The sigmoid slope (inverse temperature) of {@link RelaxedProjection}'s numeric relaxations at
 * each Adam step: geometric growth from {@code start} at step 1 to {@code end} at step
 * {@code iterations}, {@code b_t = start * (end / start)^((t - 1) / (T - 1))} (just {@code end}
 * when {@code T = 1}), which sharpens the relaxation toward the exact 0/1 queries as RAP++'s
 * increasing sigmoid schedule does (Vietri et al. 2022).
 *
 * @param start slope at the first step ({@link RapConfig#slopeStart()})
 * @param end slope at the last step ({@link RapConfig#slopeEnd()})
 * @param iterations number of steps {@code T}
 */
record SlopeSchedule(double start, double end, int iterations) {
  /** The schedule of {@code config}. */
  static SlopeSchedule of(RapConfig config) {
    return new SlopeSchedule(config.slopeStart(), config.slopeEnd(), config.iterations());
  }

  /** The slope at step {@code t} ({@code 1 <= t <= iterations}). */
  float at(int t) {
    double frac = iterations == 1 ? 1 : (t - 1) / (double) (iterations - 1);
    return (float) (start * Math.pow(end / start, frac));
  }
}
