package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/** Loss functions returning the value and the gradient with respect to the prediction. */
public final class Losses {
  private Losses() {}

  /** A loss value and {@code dL/d(prediction)}. */
  public record LossAndGradient(double loss, INDArray gradient) {}

  /**
   * Mean squared error over all entries, {@code L = (1/N) sum (p - y)^2} (PyTorch's
   * {@code MSELoss(reduction='mean')}), gradient {@code 2 (p - y) / N}.
   */
  public static LossAndGradient mse(INDArray prediction, INDArray target) {
    Checks.require(
        java.util.Arrays.equals(prediction.shape(), target.shape()),
        "prediction shape %s differs from target shape %s",
        java.util.Arrays.toString(prediction.shape()),
        java.util.Arrays.toString(target.shape()));
    INDArray diff = prediction.sub(target);
    long n = diff.length();
    double loss = diff.norm2Number().doubleValue();
    loss = loss * loss / n;
    return new LossAndGradient(loss, diff.muli(2.0 / n));
  }
}
