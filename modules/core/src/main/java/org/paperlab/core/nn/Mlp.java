package org.paperlab.core.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
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
 * <p>Passes run allocation-free in steady state: activations, deltas and scratch arrays are kept
 * per batch size and reused, and every product is one GEMM into its buffer (on this machine a
 * fresh 2048 x 100 float array costs more than the GEMM that fills it).
 *
 * <p>An instance owns its buffers and is not thread-safe; {@link #copy()} gives an independent
 * network (e.g. a frozen teacher in reflow), {@link #replica()} one that shares the parameters
 * for data-parallel passes.
 */
public final class Mlp {
  private final MlpConfig config;
  private final int[] widths;
  private final INDArray params;
  private final INDArray[] weights;
  private final INDArray[] biases;
  private final INDArray[] gradW;
  private final INDArray[] gradB;
  private INDArray gradTarget;
  private final BufferPool training = new BufferPool();
  private final BufferPool inference = new BufferPool();
  /** Fused float tanh passes (null: the ND4J-op path), see {@link FusedTanh}. */
  private final FusedTanh fused;

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
    this.gradW = new INDArray[layers];
    this.gradB = new INDArray[layers];
    this.fused = config.activation() == Activation.TANH && config.dataType() == DataType.FLOAT
        ? FusedTanh.get() : null;
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

  /**
   * A network that shares this one's parameters (same memory: an optimizer step on either is seen
   * by both) but has its own activation buffers and traces, so the two can run passes on
   * different threads at the same time (as {@link ShardedGradient} does). Do not update the
   * parameters while a replica runs a pass.
   */
  public Mlp replica() {
    return new Mlp(config, params);
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

  /** Output for a batch {@code x} ({@code n x inputDim}); no time input. A new array. */
  public INDArray predict(INDArray x) {
    Checks.require(!config.timeInput(), "this network takes a time input: call predict(x, t)");
    return run(x, inference).dup();
  }

  /**
   * Output for a batch {@code x} at times {@code t}: either an {@code n}-vector or {@code n x 1}
   * column of per-row times, or a 1-element array for one time shared by the batch. A new array.
   */
  public INDArray predict(INDArray x, INDArray t) {
    return run(withTime(x, t), inference).dup();
  }

  /** {@code [x | t]}: the input of a time-conditioned network (see {@link #predict(INDArray, INDArray)}). */
  public INDArray withTime(INDArray x, INDArray t) {
    Checks.require(config.timeInput(), "this network has no time input: call predict(x)");
    Checks.matrix("x", x);
    Checks.notNull("t", t);
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
   *
   * <p>For speed the pass writes into buffers this network reuses: the returned trace (and its
   * output) stays valid until the next {@code forward} call with the same batch size. Copy the
   * output ({@code dup()}) to keep it longer. {@link #predict} uses separate buffers and never
   * invalidates a trace.
   */
  public Trace forward(INDArray x) {
    run(x, training);
    Buffers b = training.get(x.rows());
    return new Trace(x, b, b.z[weights.length - 1], b.generation);
  }

  /** Runs the layers on {@code x} in the buffers of {@code pool}; returns the output buffer. */
  private INDArray run(INDArray x, BufferPool pool) {
    Checks.matrix("x", x);
    Checks.sameSize("columns of x", x.columns(), "network input width", widths[0]);
    Checks.require(
        x.dataType() == config.dataType(),
        "x has data type %s, the network %s", x.dataType(), config.dataType());
    Buffers b = pool.get(x.rows());
    b.generation++;
    INDArray a = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    int last = weights.length - 1;
    for (int l = 0; l <= last; l++) {
      INDArray z = b.z[l];
      Nd4j.gemm(a, weights[l], z, false, false, 1.0, 0.0);
      if (l < last && b.fusedPasses()) {
        // a = tanh(z + b) in one pass over the native memory (z, not read again, stays as is)
        int out = widths[l + 1];
        paramsBuffer().get(Math.toIntExact(biases[l].offset()), b.bias, 0, out);
        fused.forward(b.nio(b.z[l]), 0, b.nio(b.a[l]), 0, b.bias, (int) b.n, out, b.s1, b.s2);
        a = b.a[l];
        continue;
      }
      z.addiRowVector(biases[l]);
      if (l < last) {
        config.activation().forward(z, b.a[l], b.aux[l]);
        a = b.a[l];
      } else {
        a = z;
      }
    }
    return a;
  }

  /**
   * Backpropagates {@code gradOutput = dL/d(output)} through the pass recorded in {@code trace},
   * writing {@code dL/d(params)} into {@code gradParams} (overwritten, same layout as
   * {@link #params()}). Returns {@code dL/d(input)} when {@code wantInputGradient} (a buffer valid
   * until the next backward pass with this batch size; copy it to keep it), else null.
   */
  public INDArray backward(
      Trace trace, INDArray gradOutput, INDArray gradParams, boolean wantInputGradient) {
    Checks.notNull("trace", trace);
    Checks.notNull("gradOutput", gradOutput);
    Checks.notNull("gradParams", gradParams);
    Checks.require(
        trace.buffers.generation == trace.generation,
        "trace is stale: this network ran another forward pass with the same batch size since");
    Checks.sameSize("gradParams length", gradParams.length(), "parameter count", params.length());
    Checks.require(
        java.util.Arrays.equals(gradOutput.shape(), trace.output.shape()),
        "gradOutput shape %s differs from output shape %s",
        java.util.Arrays.toString(gradOutput.shape()),
        java.util.Arrays.toString(trace.output.shape()));
    if (gradParams != gradTarget) {
      gradTarget = gradParams;
      bindViews(gradParams, gradW, gradB);
    }
    Buffers b = trace.buffers;
    INDArray delta = gradOutput.ordering() == 'c' && !gradOutput.isView() ? gradOutput : gradOutput.dup('c');
    for (int l = weights.length - 1; l >= 0; l--) {
      INDArray aPrev = l == 0 ? trace.input : b.a[l - 1];
      // dW_l = a_{l-1}^T delta_l, written into the gradient slice
      Nd4j.gemm(aPrev, delta, gradW[l], true, false, 1.0, 0.0);
      boolean fusedHere = b.fusedPasses() && plainFloat(delta) && plainFloat(gradB[l]);
      if (fusedHere) {
        int out = widths[l + 1];
        FusedTanh.columnSums(delta.data().asNioFloat(), delta.offset(), (int) b.n, out, b.s1, b.acc, b.bias);
        gradB[l].data().asNioFloat().put(Math.toIntExact(gradB[l].offset()), b.bias, 0, out);
        java.lang.ref.Reference.reachabilityFence(delta);
      } else {
        gradB[l].assign(delta.sum(0));
      }
      if (l > 0 || wantInputGradient) {
        INDArray up = b.delta[l];
        Nd4j.gemm(delta, weights[l], up, false, true, 1.0, 0.0);
        if (l > 0) {
          if (b.fusedPasses()) {
            FusedTanh.backward(b.nio(up), 0, b.nio(b.a[l - 1]), 0, (int) b.n * widths[l], b.s1, b.s2);
          } else {
            config.activation().backpropInPlace(up, b.z[l - 1], b.a[l - 1], b.aux[l - 1], b.scratch[l - 1]);
          }
        }
        delta = up;
      }
    }
    return wantInputGradient ? delta : null;
  }

  /** What the backward pass needs from a forward pass: the input and the layer buffers. */
  public static final class Trace {
    private final INDArray input;
    private final Buffers buffers;
    private final INDArray output;
    private final long generation;

    private Trace(INDArray input, Buffers buffers, INDArray output, long generation) {
      this.input = input.isView() || input.ordering() != 'c' ? input.dup('c') : input;
      this.buffers = buffers;
      this.output = output;
      this.generation = generation;
    }

    /** The network's output for this pass (a reused buffer: see {@link Mlp#forward}). */
    public INDArray output() {
      return output;
    }
  }

  /** Per-batch-size activation buffers of one pass: z, a, activation auxiliaries, deltas. */
  private final class Buffers {
    final INDArray[] z;
    final INDArray[] a;
    final INDArray[] aux;
    final INDArray[] scratch;
    final INDArray[] delta;
    final long n;
    /** Scratch for the fused passes (null without them). */
    final float[] s1;
    final float[] s2;
    final float[] bias;
    final double[] acc;
    private final java.util.IdentityHashMap<INDArray, java.nio.FloatBuffer> views = new java.util.IdentityHashMap<>();
    long generation;

    Buffers(long n) {
      this.n = n;
      int maxWidth = java.util.Arrays.stream(widths).max().orElse(1);
      long cells = n * maxWidth;
      boolean withScratch = fused != null && cells <= Integer.MAX_VALUE;
      s1 = withScratch ? new float[(int) cells] : null;
      s2 = withScratch ? new float[(int) cells] : null;
      bias = new float[maxWidth];
      acc = new double[maxWidth];
      int layers = weights.length;
      z = new INDArray[layers];
      a = new INDArray[layers];
      aux = new INDArray[layers];
      scratch = new INDArray[layers];
      delta = new INDArray[layers];
      DataType t = config.dataType();
      for (int l = 0; l < layers; l++) {
        z[l] = Nd4j.create(t, n, widths[l + 1]);
        delta[l] = Nd4j.create(t, n, widths[l]);
        if (l + 1 < layers) {
          a[l] = Nd4j.create(t, n, widths[l + 1]);
          aux[l] = config.activation().needsAux() ? Nd4j.create(t, n, widths[l + 1]) : null;
          scratch[l] = Nd4j.create(t, n, widths[l + 1]);
        }
      }
    }

    /** Whether this set runs the fused tanh passes (it has their scratch only when it does). */
    boolean fusedPasses() {
      return s1 != null;
    }

    /** The native memory of {@code buffer} (one of this set's arrays, kept alive by the set). */
    java.nio.FloatBuffer nio(INDArray buffer) {
      return views.computeIfAbsent(buffer, x -> x.data().asNioFloat());
    }
  }

  private java.nio.FloatBuffer paramsNio;

  /** The native memory of {@link #params} (kept alive by this network). */
  private java.nio.FloatBuffer paramsBuffer() {
    if (paramsNio == null) {
      paramsNio = params.data().asNioFloat();
    }
    return paramsNio;
  }

  private static boolean plainFloat(INDArray x) {
    return x.dataType() == DataType.FLOAT && x.ordering() == 'c' && x.elementWiseStride() == 1;
  }

  /** A few buffer sets keyed by batch size, least recently used evicted. */
  private final class BufferPool {
    private final java.util.LinkedHashMap<Long, Buffers> sets =
        new java.util.LinkedHashMap<>(8, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(java.util.Map.Entry<Long, Buffers> e) {
            return size() > 4;
          }
        };

    Buffers get(long n) {
      return sets.computeIfAbsent(n, Buffers::new);
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
