package org.paperlab.core.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.paperlab.core.Checks;

/**
 * A small fully connected network with hand-written backpropagation over ND4J matrix products.
 *
 * <p>Layer {@code l} computes {@code z_l = a_{l-1} W_l + b_l} and {@code a_l = act(z_l)} (the last
 * layer is linear). All weights and biases live in one flat parameter vector ({@link #params()}),
 * laid out layer by layer as {@code W_l} (row-major, {@code in x out}) then {@code b_l}; the
 * gradient vector has the same layout, so optimizers, clipping and the EMA are a handful of
 * vector operations whatever the depth. The backward pass is the chain rule
 * {@code dW_l = a_{l-1}^T delta_l}, {@code db_l = sum_rows delta_l},
 * {@code delta_{l-1} = (delta_l W_l^T) * act'(z_{l-1})}, each product one GEMM written straight
 * into its slice of the gradient vector.
 *
 * <p>Initialization follows PyTorch's {@code nn.Linear} default: weights and biases uniform on
 * {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]}, drawn from the caller's seeded generator.
 *
 * <p>An instance owns its parameters and is not thread-safe; {@link #copy()} gives an independent
 * network (e.g. a frozen teacher in reflow).
 */
public final class Mlp {
  private final MlpConfig config;
  private final int[] widths;
  private final INDArray params;
  private final INDArray[] weights;
  private final INDArray[] biases;

  /** A network with PyTorch-default initialization drawn from {@code rng}. */
  public Mlp(MlpConfig config, RandomGenerator rng) {
    this(config, initialParams(config, rng));
  }

  private Mlp(MlpConfig config, INDArray params) {
    this.config = config;
    this.widths = config.layerWidths();
    this.params = params;
    int layers = widths.length - 1;
    this.weights = new INDArray[layers];
    this.biases = new INDArray[layers];
    bindViews(params, weights, biases);
  }

  /** A network with the given flat parameters (copied). */
  public static Mlp withParams(MlpConfig config, INDArray flatParams) {
    Checks.notNull("flatParams", flatParams);
    Checks.sameSize("flatParams length", flatParams.length(), "parameter count", config.parameterCount());
    return new Mlp(config, flatParams.reshape(flatParams.length()).castTo(config.dataType()).dup());
  }

  public MlpConfig config() {
    return config;
  }

  /** The flat parameter vector (a live view: writing to it changes the network). */
  public INDArray params() {
    return params;
  }

  /** A new zero vector shaped like {@link #params()}, for gradients. */
  public INDArray newGradient() {
    return Nd4j.zeros(config.dataType(), params.length());
  }

  /** An independent copy of this network. */
  public Mlp copy() {
    return new Mlp(config, params.dup());
  }

  /** Number of layers with weights (hidden layers + 1). */
  public int layerCount() {
    return weights.length;
  }

  /** Live view of layer {@code l}'s weight matrix ({@code in x out}). */
  public INDArray weight(int l) {
    return weights[l];
  }

  /** Live view of layer {@code l}'s bias vector. */
  public INDArray bias(int l) {
    return biases[l];
  }

  /** Output for a batch {@code x} ({@code n x inputDim}); no time input. */
  public INDArray predict(INDArray x) {
    Checks.require(!config.timeInput(), "this network takes a time input: call predict(x, t)");
    return forward(x, null).output();
  }

  /**
   * Output for a batch {@code x} at times {@code t}: either an {@code n}-vector or {@code n x 1}
   * column of per-row times, or a 1-element array for one time shared by the batch.
   */
  public INDArray predict(INDArray x, INDArray t) {
    return forward(withTime(x, t), null).output();
  }

  /** {@code [x | t]}: the input of a time-conditioned network (see {@link #predict(INDArray, INDArray)}). */
  public INDArray withTime(INDArray x, INDArray t) {
    Checks.require(config.timeInput(), "this network has no time input: call predict(x)");
    Checks.matrix("x", x);
    long n = x.rows();
    INDArray col;
    if (t.length() == 1) {
      col = Nd4j.valueArrayOf(new long[] {n, 1}, t.getDouble(0), x.dataType());
    } else {
      Checks.sameSize("length of t", t.length(), "rows of x", n);
      col = t.reshape(n, 1).castTo(x.dataType());
    }
    return Nd4j.hstack(x, col);
  }

  /**
   * Forward pass that keeps what the backward pass needs. {@code x} already includes the time
   * column when the network is time-conditioned (see {@link #withTime}).
   */
  public Trace forward(INDArray x) {
    return forward(x, new INDArray[2 * weights.length]);
  }

  private Trace forward(INDArray x, INDArray[] keep) {
    Checks.matrix("x", x);
    Checks.sameSize("columns of x", x.columns(), "network input width", widths[0]);
    Checks.require(
        x.dataType() == config.dataType(),
        "x has data type %s, the network %s", x.dataType(), config.dataType());
    INDArray a = x;
    int last = weights.length - 1;
    for (int l = 0; l <= last; l++) {
      INDArray z = a.mmul(weights[l]).addiRowVector(biases[l]);
      INDArray next = l == last ? z : config.activation().apply(z);
      if (keep != null) {
        keep[2 * l] = z;
        keep[2 * l + 1] = next;
      }
      a = next;
    }
    return new Trace(x, keep, a);
  }

  /**
   * Backpropagates {@code gradOutput = dL/d(output)} through the pass recorded in {@code trace},
   * writing {@code dL/d(params)} into {@code gradParams} (overwritten, same layout as
   * {@link #params()}). Returns {@code dL/d(input)} when {@code wantInputGradient}, else null.
   */
  public INDArray backward(
      Trace trace, INDArray gradOutput, INDArray gradParams, boolean wantInputGradient) {
    Checks.require(trace.kept != null, "trace was made without keeping activations");
    Checks.sameSize("gradParams length", gradParams.length(), "parameter count", params.length());
    Checks.require(
        java.util.Arrays.equals(gradOutput.shape(), trace.output.shape()),
        "gradOutput shape %s differs from output shape %s",
        java.util.Arrays.toString(gradOutput.shape()),
        java.util.Arrays.toString(trace.output.shape()));
    INDArray[] gW = new INDArray[weights.length];
    INDArray[] gb = new INDArray[weights.length];
    bindViews(gradParams, gW, gb);
    INDArray delta = gradOutput;
    for (int l = weights.length - 1; l >= 0; l--) {
      INDArray aPrev = l == 0 ? trace.input : trace.kept[2 * (l - 1) + 1];
      // dW_l = a_{l-1}^T delta_l, written into the gradient slice
      Nd4j.gemm(aPrev, delta, gW[l], true, false, 1.0, 0.0);
      gb[l].assign(delta.sum(0));
      if (l > 0 || wantInputGradient) {
        INDArray up = delta.mmul(weights[l].transpose());
        if (l > 0) {
          config.activation().backpropInPlace(up, trace.kept[2 * (l - 1)], aPrev);
        }
        delta = up;
      }
    }
    return wantInputGradient ? delta : null;
  }

  /** What the backward pass needs from a forward pass: the input, each layer's z and a. */
  public static final class Trace {
    private final INDArray input;
    private final INDArray[] kept;
    private final INDArray output;

    private Trace(INDArray input, INDArray[] kept, INDArray output) {
      this.input = input;
      this.kept = kept;
      this.output = output;
    }

    /** The network's output for this pass. */
    public INDArray output() {
      return output;
    }
  }

  private void bindViews(INDArray flat, INDArray[] w, INDArray[] b) {
    long off = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      w[l] = flat.get(NDArrayIndex.interval(off, off + (long) in * out)).reshape('c', in, out);
      off += (long) in * out;
      b[l] = flat.get(NDArrayIndex.interval(off, off + out)).reshape(1, out);
      off += out;
    }
  }

  private static INDArray initialParams(MlpConfig config, RandomGenerator rng) {
    Checks.notNull("rng", rng);
    int[] w = config.layerWidths();
    double[] p = new double[Math.toIntExact(config.parameterCount())];
    int off = 0;
    for (int l = 0; l + 1 < w.length; l++) {
      double bound = 1.0 / Math.sqrt(w[l]);
      int count = w[l] * w[l + 1] + w[l + 1];
      for (int i = 0; i < count; i++) {
        p[off++] = bound * (2 * rng.nextDouble() - 1);
      }
    }
    return Nd4j.createFromArray(p).castTo(config.dataType());
  }
}
