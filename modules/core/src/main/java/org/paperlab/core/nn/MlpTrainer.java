package org.paperlab.core.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * Adam training of a float tanh {@link Mlp} on the mean squared error,
 * {@code L = (1/N) sum (net(x) - y)^2} over all {@code N = n outputs} entries of a batch (PyTorch's
 * {@code MSELoss()}), or on another {@link OutputLoss} (a normalized sum of per-row terms, such as
 * the squared error summed over the outputs or the pseudo-Huber loss), one call per step:
 * {@code double loss = trainer.step(x, y)}. A step can also be taken in parts, for callers that
 * look at the loss or clip the gradient in between: {@link #computeGradient},
 * {@link #clipGradient}, {@link #applyStep}. This is the
 * fast path for training a velocity field {@code v(x, t)} in rectified flow and similar regression
 * fits: the forward pass, the loss, the backward pass and the Adam update run in plain Java
 * (SIMD kernels with the Vector API, see {@link FusedMlpPass}), data-parallel over row shards,
 * without ND4J calls; the network's {@link Mlp#params() parameter vector} is read at the start
 * and written at the end of every step, so predictions, {@link Ema}, copies and direct edits of
 * the parameters between steps behave as with {@link Mlp#forward}/{@link Mlp#backward} and
 * {@link Adam#step}.
 *
 * <p>Results: the gradient is the one of {@link Mlp#backward} up to float rounding (tested); it
 * is computed in a fixed order, so a step gives the same bits on every run, at every JIT tier,
 * with or without the Vector API, and for any thread count; it depends on the batch size and on
 * {@code shards} (a batch of {@code n} rows is cut into {@code max(1, min(shards, n / 64))} shards
 * whose gradients are added in shard order). The Adam arithmetic is {@link Adam#step}'s.
 *
 * <p>Measured (JMH, 3-100-100-2, batch 2048, 2 cores): see benchmarks/README.md.
 *
 * <p>Not thread-safe; one trainer per network.
 */
public final class MlpTrainer {
  private final Mlp net;
  private final Adam adam;
  private final OutputLoss loss;
  private final FusedMlpPass pass;
  private final int paramCount;
  private final int inputs;
  private final int outputs;
  private final float[] params;
  private final float[] grad;
  /** Whether {@link #grad} holds a gradient of {@link #computeGradient} not yet applied. */
  private boolean pending;
  private float[] xs = new float[0];
  private float[] ys = new float[0];

  /**
   * A trainer of {@code net} with {@code adam}, cutting batches into at most {@code shards} row
   * shards (this decides the result) that run on up to {@code threads} threads ({@code 0}: all
   * cores; this does not change the result).
   *
   * @throws IllegalArgumentException unless {@link #supports} the network's config
   */
  public MlpTrainer(Mlp net, Adam adam, int shards, int threads) {
    this(net, adam, shards, threads, OutputLoss.mse());
  }

  /**
   * As {@link #MlpTrainer(Mlp, Adam, int, int)} on the loss {@code loss} (called concurrently by
   * the shards: it must be stateless).
   */
  public MlpTrainer(Mlp net, Adam adam, int shards, int threads, OutputLoss loss) {
    this(net, Checks.notNull("adam", adam), shards, threads, FloatKernels.best(), true,
        Checks.notNull("loss", loss));
  }

  /** Two shards on all cores: the setting measured in benchmarks/README.md. */
  public MlpTrainer(Mlp net, Adam adam) {
    this(net, adam, 2, 0);
  }

  MlpTrainer(Mlp net, Adam adam, int shards, int threads, FloatKernels kernels) {
    this(net, Checks.notNull("adam", adam), shards, threads, kernels, true, OutputLoss.mse());
  }

  /** A trainer that only computes gradients (for {@link ShardedGradient}), on {@code shards} threads. */
  static MlpTrainer gradientOnly(Mlp net, int shards) {
    return new MlpTrainer(net, null, shards, shards, FloatKernels.best(), false, OutputLoss.mse());
  }

  private MlpTrainer(Mlp net, Adam adam, int shards, int threads, FloatKernels kernels, boolean withAdam,
      OutputLoss loss) {
    Checks.notNull("net", net);
    Checks.require(supports(net.config()),
        "MlpTrainer needs a float tanh network, got %s %s (use Mlp.forward/backward and Adam.step)",
        net.config().dataType(), net.config().activation());
    this.net = net;
    this.adam = withAdam ? adam : null;
    this.loss = loss;
    this.pass = new FusedMlpPass(net.config(), shards, threads, kernels);
    this.paramCount = Math.toIntExact(net.config().parameterCount());
    int[] w = net.config().layerWidths();
    this.inputs = w[0];
    this.outputs = w[w.length - 1];
    this.params = new float[paramCount];
    this.grad = new float[paramCount];
  }

  /** Whether this trainer handles networks of {@code config}: float data and tanh activation. */
  public static boolean supports(MlpConfig config) {
    return FusedMlpPass.supports(config);
  }

  /**
   * One Adam step on the batch {@code x} ({@code n x inputs}, the time column included for a
   * time-conditioned network, see {@link Mlp#withTime}) with targets {@code y}
   * ({@code n x outputs}); returns the loss before the step.
   */
  public double step(INDArray x, INDArray y) {
    int n = stage(x, y);
    return step(xs, ys, n);
  }

  /**
   * As {@link #step(INDArray, INDArray)} for row-major Java arrays: {@code x} holds
   * {@code n x inputs} and {@code y} {@code n x outputs} floats (longer arrays are fine).
   */
  public double step(float[] x, float[] y, int n) {
    Checks.require(adam != null, "this trainer computes gradients only");
    double l = computeGradient(x, y, n);
    applyStep();
    return l;
  }

  /**
   * The first part of a {@link #step(float[], float[], int) step}: reads the network's parameters
   * and computes the batch loss (returned) and its gradient, which this trainer keeps for
   * {@link #clipGradient} and {@link #applyStep}. The parameters are not changed.
   */
  public double computeGradient(float[] x, float[] y, int n) {
    double l = gradient(x, y, n);
    pending = true;
    return l;
  }

  /**
   * Clips the gradient of the last {@link #computeGradient} to global L2 norm at most
   * {@code maxNorm} (Pascanu, Mikolov and Bengio 2013, as {@link Optimizer#clipGlobalNorm}): when
   * its norm {@code ||g||} (summed in double) exceeds {@code maxNorm}, every entry becomes
   * {@code (float) (g * (maxNorm / ||g||))}. Returns the norm before clipping.
   */
  public double clipGradient(double maxNorm) {
    Checks.positive("maxNorm", maxNorm);
    Checks.require(pending, "no gradient to clip: call computeGradient first");
    double ss = 0;
    for (int i = 0; i < paramCount; i++) {
      ss += (double) grad[i] * grad[i];
    }
    double norm = Math.sqrt(ss);
    if (norm > maxNorm) {
      double f = maxNorm / norm;
      for (int i = 0; i < paramCount; i++) {
        grad[i] = (float) (grad[i] * f);
      }
    }
    return norm;
  }

  /**
   * The second part of a step: one Adam update with the gradient of the last
   * {@link #computeGradient} (clipped if {@link #clipGradient} was called), written into the
   * network's parameters. Each gradient is used once.
   */
  public void applyStep() {
    Checks.require(adam != null, "this trainer computes gradients only");
    Checks.require(pending, "no gradient to apply: call computeGradient first");
    pending = false;
    adam.step(params, grad, paramCount);
    FloatBuffer pb = paramsBuffer();
    pb.put(Math.toIntExact(net.params().offset()), params, 0, paramCount);
    java.lang.ref.Reference.reachabilityFence(net);
  }

  /**
   * The loss and its parameter gradient at the current parameters, without a step: the gradient
   * goes into {@code gradOut} (flat, {@link Mlp#params()} layout, {@code parameterCount} floats).
   */
  public double gradient(float[] x, float[] y, int n, float[] gradOut) {
    Checks.require(gradOut.length >= paramCount, "gradOut holds %d floats, need %d", gradOut.length, paramCount);
    double l = gradient(x, y, n);
    System.arraycopy(grad, 0, gradOut, 0, paramCount);
    return l;
  }

  /** Loss and gradient into {@link #grad}; the current parameters into {@link #params}. */
  double gradient(float[] x, float[] y, int n) {
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    Checks.positive("n", n);
    Checks.require(x.length >= (long) n * inputs, "x holds %d floats, need %d x %d", x.length, n, inputs);
    Checks.require(y.length >= (long) n * outputs, "y holds %d floats, need %d x %d", y.length, n, outputs);
    pending = false;
    paramsBuffer().get(Math.toIntExact(net.params().offset()), params, 0, paramCount);
    java.lang.ref.Reference.reachabilityFence(net);
    pass.loadParams(params);
    return pass.run(x, y, n, grad, loss);
  }

  /** The loss and gradient of {@link #gradient(float[], float[], int, float[])} for ND4J inputs, the gradient into {@code gradOut}. */
  double gradient(INDArray x, INDArray y, INDArray gradOut) {
    int n = stage(x, y);
    double l = gradient(xs, ys, n);
    if (gradOut.dataType() == DataType.FLOAT && gradOut.ordering() == 'c' && gradOut.elementWiseStride() == 1
        && gradOut.length() == paramCount) {
      gradOut.data().asNioFloat().put(Math.toIntExact(gradOut.offset()), grad, 0, paramCount);
      java.lang.ref.Reference.reachabilityFence(gradOut);
    } else {
      gradOut.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(grad).reshape(gradOut.shape()));
    }
    return l;
  }

  /** The network this trainer updates. */
  public Mlp net() {
    return net;
  }

  /** The loss this trainer minimizes. */
  public OutputLoss loss() {
    return loss;
  }

  /** The optimizer (its step count advances with every {@link #step}). */
  public Adam optimizer() {
    return adam;
  }

  /** Copies {@code x} and {@code y} into the staging arrays; returns the row count. */
  private int stage(INDArray x, INDArray y) {
    Checks.matrix("x", x);
    Checks.matrix("y", y);
    Checks.sameSize("columns of x", x.columns(), "network input width", inputs);
    Checks.sameSize("columns of y", y.columns(), "network output width", outputs);
    Checks.sameSize("rows of y", y.rows(), "rows of x", x.rows());
    int n = Math.toIntExact(x.rows());
    if (xs.length < n * inputs) {
      xs = new float[n * inputs];
    }
    if (ys.length < n * outputs) {
      ys = new float[n * outputs];
    }
    copy(x, xs, n * inputs);
    copy(y, ys, n * outputs);
    return n;
  }

  private static void copy(INDArray a, float[] dst, int len) {
    if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1) {
      a.data().asNioFloat().get(Math.toIntExact(a.offset()), dst, 0, len);
      java.lang.ref.Reference.reachabilityFence(a);
    } else {
      float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
      System.arraycopy(v, 0, dst, 0, len);
    }
  }

  private FloatBuffer paramsNio;

  private FloatBuffer paramsBuffer() {
    if (paramsNio == null) {
      paramsNio = net.params().data().asNioFloat();
    }
    return paramsNio;
  }
}
