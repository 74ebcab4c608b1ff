package org.paperlab.core.ode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A time-dependent vector field {@code dx/dt = f(t, x)} on a batch of states: {@code x} is any
 * array (typically {@code n x d}, one state per row) and the result has the same shape. It must
 * not modify {@code x}.
 */
@FunctionalInterface
public interface VectorField {
  INDArray at(double t, INDArray x);
}
