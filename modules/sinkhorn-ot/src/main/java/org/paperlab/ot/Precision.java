package org.paperlab.ot;

import org.paperlab.core.config.Variants;

/**
 * How the {@code n x m} matrices (cost and kernel) are stored; all sums, potentials and scalings
 * are double in both cases.
 *
 * <p>{@code FLOAT} halves the memory traffic of an iteration. Each stored entry is rounded with
 * relative error at most {@code 2^-24 ~ 6e-8}, so the solver returns the exact entropic solution
 * of a problem whose cost differs from the given one by at most {@code 6e-8 |C_ij| + 6e-8 eps}
 * per entry: the transport cost moves by the same relative amount. {@code DOUBLE} is the
 * reference path.
 */
public enum Precision {
  FLOAT,
  DOUBLE;

  /**
   * Parses {@code float|double} (case-insensitive) through {@link Variants}.
   *
   * @throws IllegalArgumentException naming {@code precision} and listing the valid names
   */
  public static Precision parse(String s) {
    return Variants.parse(Precision.class, s, "precision");
  }
}
