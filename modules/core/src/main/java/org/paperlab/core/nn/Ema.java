package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * Exponential moving average of parameters, {@code s <- d s + (1 - d) p} (Polyak and Juditsky
 * 1992; as used for sampling in Lee et al. 2024, "Improving the Training of Rectified Flows").
 */
public final class Ema {
  private final double decay;
  private final INDArray shadow;

  /** Starts the average at the current parameters. */
  public Ema(INDArray params, double decay) {
    this.decay = Checks.inClosed("decay", decay, 0.0, 1.0);
    this.shadow = params.dup();
  }

  /** Folds the current parameters into the average. */
  public void update(INDArray params) {
    shadow.muli(decay).addi(params.mul(1 - decay));
  }

  /** The averaged parameters (live; copy before modifying). */
  public INDArray average() {
    return shadow;
  }

  /** A network with the averaged parameters. */
  public Mlp toMlp(MlpConfig config) {
    return Mlp.withParams(config, shadow);
  }
}
