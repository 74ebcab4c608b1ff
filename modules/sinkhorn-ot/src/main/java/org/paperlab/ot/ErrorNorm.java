package org.paperlab.ot;

/**
 * The norm of the marginal error {@code (P 1 - a, P^T 1 - b)} that the stopping rule compares
 * with the tolerance. Both are always reported. {@code L2} matches POT's {@code stopThr}.
 */
public enum ErrorNorm {
  L1,
  L2
}
