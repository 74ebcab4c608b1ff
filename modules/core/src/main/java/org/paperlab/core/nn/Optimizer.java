package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An in-place first-order update of a flat parameter vector from its gradient. */
public sealed interface Optimizer permits Adam, GradientDescent {
  /** Applies one update to {@code params} given {@code grad} (same shape); may modify grad. */
  void step(INDArray params, INDArray grad);

  /** Number of steps taken so far. */
  long steps();

  /**
   * Clips {@code grad} in place to global L2 norm at most {@code maxNorm} (Pascanu, Mikolov and
   * Bengio 2013); returns the norm before clipping.
   */
  static double clipGlobalNorm(INDArray grad, double maxNorm) {
    double norm = grad.norm2Number().doubleValue();
    if (norm > maxNorm) {
      grad.muli(maxNorm / norm);
    }
    return norm;
  }
}
