package org.paperlab.flow;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Seeds;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.nn.Adam;
import org.paperlab.core.nn.Ema;
import org.paperlab.core.nn.Mlp;
import org.paperlab.core.nn.MlpConfig;
import org.paperlab.core.nn.MlpTrainer;
import org.paperlab.core.nn.Optimizer;
import org.paperlab.core.nn.ShardedGradient;

/**
 * One fit of {@link RectifiedFlow}: the network, its optimizer and EMA, the batch buffers, and the
 * loop. Batches are assembled in plain Java arrays. A float tanh network (the default) trains on
 * core's fused plain-Java passes ({@link MlpTrainer}: two row shards, the loss of the config
 * through {@link FusedFlowLoss}, clipping and Adam on the trainer's arrays); other activations on
 * {@link Mlp#forward}/{@link Mlp#backward} (two half-batch shards of {@link ShardedGradient} for
 * the squared error at batches of 128 and more), the batch copied into the network's input with
 * one bulk write (an ND4J call per row would cost more than the arithmetic). Either way the
 * result does not depend on the number of threads.
 */
final class Trainer {
  /** Rows below which one pass beats two half-batch shards. */
  private static final int SHARD_MIN_BATCH = 128;

  private final FlowConfig cfg;
  private final TrainingData data;
  private final int d;
  private final int n;
  private final Mlp net;
  private final boolean distill;
  private final int rectification;
  private final SplittableRandom rng;
  private final Batches batches;
  private final float[] x0;
  private final float[] x1;
  private final float[] input;
  private final float[] target;
  private final float[] residual;
  private final float[] gradOut;
  private final INDArray inputArray;
  private final INDArray targetArray;
  private final INDArray gradOutArray;
  private final INDArray grad;
  private final ShardedGradient sharded;
  private final Adam adam;
  /** The fused path (null: the ND4J path). */
  private final MlpTrainer fused;

  Trainer(FlowConfig cfg, TrainingData data, FlowModel warmStart) {
    this.cfg = cfg;
    this.data = data;
    this.d = data.dim();
    this.n = cfg.batchSize();
    Seeds seeds = Seeds.of(cfg.seed());
    MlpConfig shape = new MlpConfig(d, cfg.hidden(), d, cfg.activation(), true, DataType.FLOAT);
    this.net = warmStart != null ? warmStart.rawNetworkCopy() : new Mlp(shape, seeds.child("init").random());
    this.distill = cfg.timeDistribution() instanceof TimeDistribution.Zero;
    this.rectification = data instanceof TrainingData.Paired p ? p.from() + 1 : 1;
    this.rng = seeds.child("batches").random();
    this.batches = new Batches(cfg, data);
    this.x0 = new float[n * d];
    this.x1 = new float[n * d];
    this.input = new float[n * (d + 1)];
    this.target = new float[n * d];
    this.residual = new float[n * d];
    this.gradOut = new float[n * d];
    this.adam = new Adam(cfg.learningRate());
    // always two shards (never the machine's core count), so results do not depend on it
    this.fused = MlpTrainer.supports(net.config())
        ? new MlpTrainer(net, adam, 2, cfg.threads(), new FusedFlowLoss(cfg.loss())) : null;
    boolean nd4j = fused == null;
    this.inputArray = nd4j ? Nd4j.create(DataType.FLOAT, n, d + 1) : null;
    this.targetArray = nd4j ? Nd4j.create(DataType.FLOAT, n, d) : null;
    this.gradOutArray = nd4j ? Nd4j.create(DataType.FLOAT, n, d) : null;
    this.grad = nd4j ? net.newGradient() : null;
    // the squared error is (a multiple of) the mean squared error: two half-batch shards on two
    // threads
    boolean l2 = cfg.loss() instanceof FlowLoss.SquaredL2;
    this.sharded = nd4j && l2 && n >= SHARD_MIN_BATCH ? new ShardedGradient(net, 2) : null;
  }

  FlowFit run(ProgressListener listener) {
    long start = System.nanoTime();
    Ema ema = cfg.emaDecay() > 0 ? new Ema(net.params(), cfg.emaDecay()) : null;
    int steps = cfg.steps();
    int logs = (steps + cfg.logEvery() - 1) / cfg.logEvery();
    double[] traceSteps = new double[logs];
    double[] traceLoss = new double[logs];
    int logged = 0;
    int tail = Math.min(steps, 100);
    double tailSum = 0;
    long every = Math.max(1, steps / 200);
    for (int step = 1; step <= steps; step++) {
      batches.next(x0, x1, rng);
      assemble();
      double loss = fused != null ? fused.computeGradient(input, target, n) : gradient();
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "training diverged at step %d of %d: the loss is %s (lower learningRate = %s, or set clipNorm)",
            step, steps, loss, cfg.learningRate()));
      }
      boolean clip = cfg.clipNorm() != Double.POSITIVE_INFINITY;
      if (fused != null) {
        if (clip) {
          fused.clipGradient(cfg.clipNorm());
        }
        fused.applyStep();
      } else {
        if (clip) {
          Optimizer.clipGlobalNorm(grad, cfg.clipNorm());
        }
        adam.step(net.params(), grad);
      }
      if (ema != null) {
        ema.update(net.params());
      }
      if ((step - 1) % cfg.logEvery() == 0) {
        traceSteps[logged] = step;
        traceLoss[logged++] = loss;
      }
      if (step > steps - tail) {
        tailSum += loss;
      }
      if (step % every == 0 || step == steps) {
        listener.progress(step, steps);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    FlowModel model = FlowModel.of(net, ema == null ? null : ema.average(), cfg, rectification, distill);
    return new FlowFit(cfg, model, traceSteps, traceLoss, tailSum / tail, seconds);
  }

  /** {@code input = [t x1 + (1 - t) x0 | t]}, {@code target = x1 - x0}. */
  private void assemble() {
    TimeDistribution times = cfg.timeDistribution();
    for (int i = 0; i < n; i++) {
      float t = (float) times.sample(rng);
      int o = i * d;
      int oi = i * (d + 1);
      for (int k = 0; k < d; k++) {
        float a = x0[o + k];
        float b = x1[o + k];
        input[oi + k] = t * b + (1 - t) * a;
        target[o + k] = b - a;
      }
      input[oi + d] = t;
    }
    if (fused == null) {
      put(inputArray, input);
      put(targetArray, target);
    }
  }

  /** The batch loss; {@code grad} holds its gradient. */
  private double gradient() {
    if (sharded != null) {
      double mse = sharded.mse(inputArray, targetArray, grad);
      if (((FlowLoss.SquaredL2) cfg.loss()).reduction() == FlowLoss.Reduction.SUM) {
        grad.muli(d); // sum over dimensions = d times the mean
        return mse * d;
      }
      return mse;
    }
    Mlp.Trace tr = net.forward(inputArray);
    INDArray out = tr.output();
    out.data().asNioFloat().get((int) out.offset(), residual, 0, n * d);
    for (int q = 0; q < n * d; q++) {
      residual[q] -= target[q];
    }
    double loss = cfg.loss().lossAndGradient(residual, n, d, gradOut);
    put(gradOutArray, gradOut);
    net.backward(tr, gradOutArray, grad, false);
    return loss;
  }

  private static void put(INDArray a, float[] values) {
    FloatBuffer b = a.data().asNioFloat();
    b.put(0, values, 0, values.length);
  }
}
