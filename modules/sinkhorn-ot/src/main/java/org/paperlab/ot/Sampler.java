package org.paperlab.ot;

import java.util.random.RandomGenerator;

/** Draws {@code n} points of a distribution on {@code R^d}, row-major, from a seeded generator. */
public interface Sampler {
  /** The dimension {@code d}. */
  int dimension();

  /** {@code n} samples, row-major ({@code n * d} values). */
  double[] sample(int n, RandomGenerator rng);
}
