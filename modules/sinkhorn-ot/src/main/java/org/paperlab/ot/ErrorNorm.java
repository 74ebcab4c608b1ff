package org.paperlab.ot;

import org.paperlab.core.config.Variants;

/**
 * The norm of the marginal error {@code (P 1 - a, P^T 1 - b)} that the stopping rule compares
 * with the tolerance. Both are always reported. {@code L2} matches POT's {@code stopThr}. Names
 * ({@link Variants}): {@code l1}, {@code l2}.
 */
public enum ErrorNorm {
  L1,
  L2;

  /**
   * Parses {@code l1|l2} (case-insensitive) through {@link Variants}.
   *
   * @throws IllegalArgumentException naming {@code errorNorm} and listing the valid names
   */
  public static ErrorNorm parse(String s) {
    return Variants.parse(ErrorNorm.class, s, "errorNorm");
  }
}
