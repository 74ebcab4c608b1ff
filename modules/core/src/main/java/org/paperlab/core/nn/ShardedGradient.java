package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.paperlab.core.Checks;
import org.paperlab.core.Nd4jThreads;
import org.paperlab.core.Parallel;

/**
 * The mean-squared-error loss of an {@link Mlp} on a batch and its parameter gradient, computed
 * data-parallel: the batch is cut into row shards, each shard runs forward and backward on its own
 * {@link Mlp#replica() replica} on its own thread, and the shard gradients are combined with
 * weights {@code n_k / n}. Since the loss is a mean over rows, {@code L = sum_k (n_k / n) L_k} and
 * the same holds for its gradient, so the result equals the single-pass
 * {@code Losses.mse} + {@link Mlp#backward} gradient up to float rounding (tested).
 *
 * <p>Why: ND4J parallelizes each operation over its OpenMP and BLAS threads, and at the batch sizes
 * of the experiments (a few thousand rows, widths of 64-256) one operation is too small to keep
 * two cores busy, while two independent half-batch passes are not. While the shards run, ND4J is
 * single-threaded ({@link Nd4jThreads}). Measured (JMH, 3-w-w-2 tanh MLP, Adam step, 2 cores):
 * batch 4096, width 100: 3.8 ms sharded vs 6.5 ms in one pass; width 256: 14.8 vs 17.4 ms; batch
 * 2048, width 256: 8.3 vs 9.7 ms; at batch 256 one pass is faster (0.30 vs 0.84 ms at width 64).
 * The shards run as the blocks of {@link Parallel#blocks} (shard 0 on the calling thread).
 *
 * <p>Float tanh networks run on the fused plain-Java passes of {@link MlpTrainer} instead (the
 * same shards, no ND4J call inside the pass; each shard's gradient is scaled by the global
 * {@code 2 / N} and the shards are added in order): the result is the single-pass gradient up to
 * float rounding, and the same bits on every run for a given batch size and shard count.
 */
public final class ShardedGradient implements AutoCloseable {
  private final Mlp[] replicas;
  private final INDArray[] grads;
  /** The fused engine for float tanh networks (null: the ND4J path with replicas). */
  private final MlpTrainer fused;

  /** Shards over {@code shards} threads (the caller and {@code shards - 1} pool threads). */
  public ShardedGradient(Mlp net, int shards) {
    Checks.notNull("net", net);
    Checks.require(shards >= 1, "shards must be >= 1, got %d", shards);
    if (MlpTrainer.supports(net.config())) {
      fused = MlpTrainer.gradientOnly(net, shards);
      replicas = null;
      grads = null;
      return;
    }
    fused = null;
    replicas = new Mlp[shards];
    grads = new INDArray[shards];
    for (int k = 0; k < shards; k++) {
      replicas[k] = net.replica();
      grads[k] = net.newGradient();
    }
  }

  /** One shard per available core. */
  public ShardedGradient(Mlp net) {
    this(net, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Writes {@code dL/d(params)} of {@code L = mean (net(x) - y)^2} into {@code grad} (overwritten)
   * and returns {@code L}. Shards smaller than 64 rows are not worth a thread: a small batch runs
   * on fewer shards.
   */
  public double mse(INDArray x, INDArray y, INDArray grad) {
    Checks.matrix("x", x);
    Checks.matrix("y", y);
    Checks.notNull("grad", grad);
    Checks.sameSize("rows of y", y.rows(), "rows of x", x.rows());
    if (fused != null) {
      return fused.gradient(x, y, grad);
    }
    int n = Math.toIntExact(x.rows());
    int shards = (int) Math.max(1, Math.min(replicas.length, n / 64));
    if (shards == 1) {
      return combine(1, n, new double[] {runShard(0, 1, n, x, y)}, grad);
    }
    // the shards keep the cores busy: ND4J's own threads would only compete with them
    return Nd4jThreads.singleValue(() -> sharded(shards, n, x, y, grad));
  }

  private double sharded(int shards, int n, INDArray x, INDArray y, INDArray grad) {
    double[] losses = new double[shards];
    // Parallel's block k covers rows [n k / shards, n (k + 1) / shards): the shard bounds of lo/hi
    Parallel.blocks(shards, n, (k, lo, hi) -> losses[k] = runShard(k, shards, n, x, y));
    return combine(shards, n, losses, grad);
  }

  private double combine(int shards, int n, double[] losses, INDArray grad) {
    double loss = 0;
    for (int k = 0; k < shards; k++) {
      double w = (double) (hi(k, shards, n) - lo(k, shards, n)) / n;
      loss += w * losses[k];
      if (k == 0) {
        grad.assign(grads[0]).muli(w);
      } else {
        grad.addi(grads[k].muli(w));
      }
    }
    return loss;
  }

  private double runShard(int k, int shards, int n, INDArray x, INDArray y) {
    int lo = lo(k, shards, n);
    int hi = hi(k, shards, n);
    INDArray xs = shards == 1 ? x : x.get(NDArrayIndex.interval(lo, hi), NDArrayIndex.all());
    INDArray ys = shards == 1 ? y : y.get(NDArrayIndex.interval(lo, hi), NDArrayIndex.all());
    Mlp.Trace t = replicas[k].forward(xs);
    Losses.LossAndGradient lg = Losses.mse(t.output(), ys);
    replicas[k].backward(t, lg.gradient(), grads[k], false);
    return lg.loss();
  }

  private static int lo(int k, int shards, int n) {
    return (int) ((long) n * k / shards);
  }

  private static int hi(int k, int shards, int n) {
    return (int) ((long) n * (k + 1) / shards);
  }

  /** Nothing to release (the threads are {@link Parallel}'s shared pool); kept for try-with-resources callers. */
  @Override
  public void close() {}
}
