package org.paperlab.core.nn;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.paperlab.core.Checks;

/**
 * Shape and numerics of a fully connected network: {@code inputDim} inputs (plus one time input
 * when {@code timeInput}), hidden layers of the given widths with one activation, a linear output
 * layer of {@code outputDim}.
 *
 * @param inputDim number of input features, excluding the optional time input
 * @param hidden widths of the hidden layers (may be empty: a linear model)
 * @param outputDim number of outputs
 * @param activation hidden-layer activation
 * @param timeInput whether the network takes a scalar time {@code t} as an extra input column, as
 *     a velocity field {@code v(x, t)} in rectified flow does
 * @param dataType {@code FLOAT} for speed, {@code DOUBLE} for reference computations
 */
public record MlpConfig(
    int inputDim,
    List<Integer> hidden,
    int outputDim,
    Activation activation,
    boolean timeInput,
    DataType dataType) {

  public MlpConfig {
    Checks.positive("inputDim", inputDim);
    Checks.notNull("hidden", hidden);
    hidden = List.copyOf(hidden);
    for (int i = 0; i < hidden.size(); i++) {
      Checks.positive("hidden[" + i + "]", hidden.get(i));
    }
    Checks.positive("outputDim", outputDim);
    Checks.notNull("activation", activation);
    Checks.notNull("dataType", dataType);
    Checks.require(
        dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
        "dataType = %s must be FLOAT or DOUBLE", dataType);
  }

  /** {@code in -> hidden... -> out}, tanh, no time input, float. */
  public static MlpConfig of(int inputDim, int outputDim, int... hidden) {
    return new MlpConfig(
        inputDim,
        Arrays.stream(hidden).boxed().toList(),
        outputDim,
        Activation.TANH,
        false,
        DataType.FLOAT);
  }

  public MlpConfig withActivation(Activation a) {
    return new MlpConfig(inputDim, hidden, outputDim, a, timeInput, dataType);
  }

  public MlpConfig withTimeInput(boolean t) {
    return new MlpConfig(inputDim, hidden, outputDim, activation, t, dataType);
  }

  public MlpConfig withDataType(DataType t) {
    return new MlpConfig(inputDim, hidden, outputDim, activation, timeInput, t);
  }

  public MlpConfig withHidden(int... widths) {
    return new MlpConfig(
        inputDim, Arrays.stream(widths).boxed().toList(), outputDim, activation, timeInput, dataType);
  }

  /** Widths of every layer including input (with the time column) and output. */
  public int[] layerWidths() {
    int[] w = new int[hidden.size() + 2];
    w[0] = inputDim + (timeInput ? 1 : 0);
    for (int i = 0; i < hidden.size(); i++) {
      w[i + 1] = hidden.get(i);
    }
    w[w.length - 1] = outputDim;
    return w;
  }

  /** Total number of parameters (weights and biases). */
  public long parameterCount() {
    int[] w = layerWidths();
    long p = 0;
    for (int l = 0; l + 1 < w.length; l++) {
      p += (long) w[l] * w[l + 1] + w[l + 1];
    }
    return p;
  }
}
