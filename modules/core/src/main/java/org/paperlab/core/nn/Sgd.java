package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * Stochastic gradient descent with optional heavy-ball momentum:
 * {@code v <- mu v + g; p <- p - lr v} (PyTorch's {@code SGD} convention, no dampening).
 */
public final class Sgd implements Optimizer {
  private final double learningRate;
  private final double momentum;
  private INDArray velocity;
  private long steps;

  public Sgd(double learningRate, double momentum) {
    this.learningRate = Checks.positive("learningRate", learningRate);
    this.momentum = Checks.inClosed("momentum", momentum, 0.0, 1.0);
  }

  public Sgd(double learningRate) {
    this(learningRate, 0.0);
  }

  @Override
  public void step(INDArray params, INDArray grad) {
    steps++;
    if (momentum == 0) {
      params.subi(grad.mul(learningRate));
      return;
    }
    if (velocity == null) {
      velocity = grad.dup();
    } else {
      velocity.muli(momentum).addi(grad);
    }
    params.subi(velocity.mul(learningRate));
  }

  @Override
  public long steps() {
    return steps;
  }
}
