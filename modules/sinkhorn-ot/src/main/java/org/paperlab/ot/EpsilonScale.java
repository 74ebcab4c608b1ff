package org.paperlab.ot;

import org.paperlab.core.config.Variants;

/**
 * What an epsilon is relative to: {@code NONE} (absolute), or the mean, median or maximum entry
 * of the cost matrix ({@code eps_abs = eps * stat(C)}). The statistic is exact when
 * {@code n m <= 4,194,304}; above that it is taken over an evenly spaced 2048 x 2048 grid of
 * (row, column) pairs, which is deterministic and needs no stored matrix.
 */
public enum EpsilonScale {
  NONE,
  MEAN,
  MEDIAN,
  MAX;

  /**
   * Parses {@code none|mean|median|max} (case-insensitive) through {@link Variants}.
   *
   * @throws IllegalArgumentException naming {@code epsilonScale} (the config key) and listing the
   *     valid names
   */
  public static EpsilonScale parse(String s) {
    return Variants.parse(EpsilonScale.class, s, "epsilonScale");
  }
}
