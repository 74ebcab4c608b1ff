package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * Gradient descent with optional heavy-ball momentum (stochastic when the gradients are; named so
 * apart from the last-iterate SGD method of paperlab-sgd-last-iterate):
 * {@code v <- mu v + g; p <- p - lr v} (PyTorch's {@code SGD} convention, no dampening).
 */
public final class GradientDescent implements Optimizer {
  private final double learningRate;
  private final double momentum;
  private INDArray velocity;
  private long steps;

  public GradientDescent(double learningRate, double momentum) {
    this.learningRate = Checks.positive("learningRate", learningRate);
    this.momentum = Checks.inClosed("momentum", momentum, 0.0, 1.0);
  }

  public GradientDescent(double learningRate) {
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
