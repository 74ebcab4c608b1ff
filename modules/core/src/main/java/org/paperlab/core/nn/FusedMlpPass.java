package org.paperlab.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;

/**
 * Forward pass, loss ({@link OutputLoss}: the mean squared error or any normalized sum of
 * per-row terms) and backward pass of a float tanh {@link Mlp} in plain Java arrays, data-parallel over row shards: the engine of {@link MlpTrainer} and of
 * {@link ShardedGradient} for float tanh networks. No ND4J call happens inside a pass.
 *
 * <p>Layout. Every layer is one product with the bias folded in: the layer input carries a column
 * of ones after its real columns and the weights carry the bias as one more row,
 * {@code z = [a | 1] [W; b]}, so the bias is the last term of each sum and its gradient is the
 * last row of {@code [a | 1]^T delta}. Rows are padded to multiples of
 * {@link FloatKernels#ROW_BLOCK} and columns to multiples of {@link FloatKernels#COL_BLOCK}
 * (zeros; a padded entry never enters a real one). The backward pass of layer {@code l} is
 * {@code dW_l = [a_{l-1} | 1]^T delta_l} (or its transpose when that shape blocks better, e.g. for
 * a 2-wide output layer) and {@code delta_{l-1} = (delta_l W_l^T) * (1 - a_{l-1}^2)}, the second
 * product fused with the tanh derivative; the forward product of a hidden layer is fused with its
 * tanh.
 *
 * <p>Shards. A batch of {@code n} rows is cut into {@code s = max(1, min(shards, n / 64))} shards
 * of rows {@code [n k / s, n (k + 1) / s)}; each computes its part of the loss's term sum and of
 * the gradient (the loss's {@code dL/d(output)} is that of the whole batch's loss, e.g. with the
 * global scale {@code 2 / (n outputs)} of the mean squared error), and the parts are added in
 * shard order.
 * The result depends on {@code n} and {@code shards} only, not on the number of threads (which
 * only decides how many shards run at once) or on their timing.
 *
 * <p>Numerics (float): every sum is a chain of fused multiply-adds in a fixed order (see
 * {@link FloatKernels}), the tanh is {@link FusedTanh#tanh}, the loss is summed in double. The
 * SIMD and the scalar kernels give the same bits, as do the interpreter and compiled code.
 */
final class FusedMlpPass {
  /** Rows per shard below which a batch uses fewer shards. */
  static final int MIN_SHARD_ROWS = 64;
  /**
   * Rows per tile of a shard's pass: a shard runs its rows tile by tile through the whole network,
   * so its buffers hold one tile (512 x 112 floats per layer at width 100), whatever the batch.
   */
  static final int TILE_ROWS = 512;

  private final FloatKernels kernels;
  private final int tileRows;
  private final int[] widths;
  private final int layers;
  private final int shards;
  private final int threads;
  /** Columns (stride) of the layer inputs: {@code aStride[l]} for the input of layer l. */
  private final int[] aStride;
  /** Stride of the output (and of its delta). */
  private final int outStride;
  /** Columns of {@code [W_l; b_l]} (padded output width of layer l). */
  private final int[] wCols;
  /** Columns of {@code W_l^T} (padded input width of layer l), for l >= 1. */
  private final int[] tCols;
  /** Whether layer l's gradient is computed transposed ({@code delta^T [a | 1]}). */
  private final boolean[] transposed;
  private final int[] gRows;
  private final int[] gCols;
  private final int[] paramOffset;
  private final float[][] weights;
  private final float[][] weightsT;
  private final Shard[] parts;
  private final double[] lossSums;

  /**
   * @param config a float tanh network ({@link #supports})
   * @param shards the most shards a batch is cut into (it decides the result, see above)
   * @param threads threads that run the shards ({@code 0}: all cores; it does not change the result)
   * @param kernels the float kernels ({@link FloatKernels#best()} unless testing)
   */
  FusedMlpPass(MlpConfig config, int shards, int threads, FloatKernels kernels) {
    this(config, shards, threads, kernels, TILE_ROWS);
  }

  /** As above with {@code tileRows} rows per tile (the result does not depend on it; tested). */
  FusedMlpPass(MlpConfig config, int shards, int threads, FloatKernels kernels, int tileRows) {
    Checks.require(supports(config), "fused passes need a float tanh network, got %s %s",
        config.dataType(), config.activation());
    Checks.require(shards >= 1, "shards must be >= 1, got %d", shards);
    Checks.require(tileRows >= 1, "tileRows must be >= 1, got %d", tileRows);
    this.kernels = kernels;
    this.tileRows = tileRows;
    this.widths = config.layerWidths();
    this.layers = widths.length - 1;
    this.shards = shards;
    this.threads = Parallel.threads(threads);
    aStride = new int[layers];
    wCols = new int[layers];
    tCols = new int[layers];
    transposed = new boolean[layers];
    gRows = new int[layers];
    gCols = new int[layers];
    paramOffset = new int[layers];
    weights = new float[layers][];
    weightsT = new float[layers][];
    int off = 0;
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      aStride[l] = roundUp(in + 1, FloatKernels.COL_BLOCK);
      wCols[l] = roundUp(out, FloatKernels.COL_BLOCK);
      tCols[l] = roundUp(in, FloatKernels.COL_BLOCK);
      weights[l] = new float[(in + 1) * wCols[l]];
      if (l > 0) {
        weightsT[l] = new float[out * tCols[l]];
      }
      // blocks of the product: rows in ROW_BLOCKs, columns in COL_BLOCKs; take the smaller count
      long direct = (long) roundUp(in + 1, FloatKernels.ROW_BLOCK) * wCols[l];
      long trans = (long) roundUp(out, FloatKernels.ROW_BLOCK) * aStride[l];
      transposed[l] = trans < direct;
      gRows[l] = transposed[l] ? roundUp(out, FloatKernels.ROW_BLOCK) : roundUp(in + 1, FloatKernels.ROW_BLOCK);
      gCols[l] = transposed[l] ? aStride[l] : wCols[l];
      paramOffset[l] = off;
      off += in * out + out;
    }
    outStride = wCols[layers - 1];
    parts = new Shard[shards];
    for (int s = 0; s < shards; s++) {
      parts[s] = new Shard();
    }
    lossSums = new double[shards];
  }

  static boolean supports(MlpConfig config) {
    return config.dataType() == DataType.FLOAT && config.activation() == Activation.TANH;
  }

  /** The number of shards a batch of {@code n} rows is cut into. */
  int shardCount(int n) {
    return Math.max(1, Math.min(shards, n / MIN_SHARD_ROWS));
  }

  /** Copies the flat parameters ({@link Mlp#params()} layout) into the padded weight arrays. */
  void loadParams(float[] flat) {
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      int o = paramOffset[l];
      float[] w = weights[l];
      int wc = wCols[l];
      for (int k = 0; k < in; k++) {
        System.arraycopy(flat, o + k * out, w, k * wc, out);
      }
      System.arraycopy(flat, o + in * out, w, in * wc, out);
      float[] wt = weightsT[l];
      if (wt != null) {
        int tc = tCols[l];
        for (int k = 0; k < in; k++) {
          int src = o + k * out;
          for (int j = 0; j < out; j++) {
            wt[j * tc + k] = flat[src + j];
          }
        }
      }
    }
  }

  /** {@link #run} with the mean squared error ({@link OutputLoss#mse()}). */
  double mse(float[] x, float[] y, int n, float[] grad) {
    return run(x, y, n, grad, OutputLoss.mse());
  }

  /**
   * The batch loss {@code loss} of {@code net(x)} against {@code y} over all {@code n} rows, and
   * its gradient with respect to the parameters (written into {@code grad}, flat layout), for
   * row-major {@code x} ({@code n x inputs}, time column included) and {@code y}
   * ({@code n x outputs}), with the parameters last given to {@link #loadParams}. Each shard
   * passes its running term sum through its tiles in row order; the shards' sums are added in
   * shard order.
   */
  double run(float[] x, float[] y, int n, float[] grad, OutputLoss loss) {
    Checks.positive("rows", n);
    Checks.notNull("loss", loss);
    int s = shardCount(n);
    Parallel.blocks(Math.min(threads, s), s, (b, lo, hi) -> {
      for (int k = lo; k < hi; k++) {
        int r0 = Parallel.lo(k, s, n);
        int r1 = Parallel.lo(k + 1, s, n);
        lossSums[k] = parts[k].run(x, y, r0, r1 - r0, n, loss);
      }
    });
    gatherGradient(s, grad);
    double sum = 0;
    for (int k = 0; k < s; k++) {
      sum += lossSums[k];
    }
    return loss.loss(sum, n, widths[layers]);
  }

  /** {@code grad = sum_k G_k} (shard order) mapped to the flat layout. */
  private void gatherGradient(int s, float[] grad) {
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      int o = paramOffset[l];
      int gc = gCols[l];
      for (int k = 0; k <= in; k++) {
        // row k of [W; b] (k == in: the bias)
        int dst = o + k * out;
        for (int j = 0; j < out; j++) {
          int src = transposed[l] ? j * gc + k : k * gc + j;
          float g = parts[0].grad[l][src];
          for (int q = 1; q < s; q++) {
            g += parts[q].grad[l][src];
          }
          grad[dst + j] = g;
        }
      }
    }
  }

  /** One shard's buffers and passes. */
  private final class Shard {
    private int capacity = -1;
    /** act[l]: input of layer l ({@code aStride[l]} columns, ones after the real ones); act[layers]: output. */
    private final float[][] act = new float[layers + 1][];
    /** delta[l] = dL/dz_l, laid out like act[l + 1]. */
    private final float[][] delta = new float[layers][];
    private final float[][] grad = new float[layers][];
    private final FloatKernels.Work work = new FloatKernels.Work();

    Shard() {
      for (int l = 0; l < layers; l++) {
        grad[l] = new float[gRows[l] * gCols[l]];
      }
    }

    private void ensure(int rows) {
      if (rows <= capacity) {
        return;
      }
      for (int l = 0; l < layers; l++) {
        int in = widths[l];
        act[l] = new float[rows * aStride[l]];
        for (int i = 0; i < rows; i++) {
          act[l][i * aStride[l] + in] = 1f;
        }
        delta[l] = new float[rows * (l + 1 < layers ? aStride[l + 1] : outStride)];
      }
      act[layers] = new float[rows * outStride];
      capacity = rows;
    }

    /**
     * Forward, loss and backward on rows {@code [r0, r0 + n)}; returns the loss sum. The rows run
     * in {@code ceil(n / tileRows)} near-equal tiles through the whole network, each tile's
     * gradient products continuing the previous tiles' sums (the same chain of operations per
     * gradient entry as one pass over all rows).
     */
    double run(float[] x, float[] y, int r0, int n, int batch, OutputLoss loss) {
      double sum = 0;
      int tiles = Math.max(1, (n + tileRows - 1) / tileRows);
      for (int k = 0; k < tiles; k++) {
        int lo = (int) ((long) n * k / tiles);
        int hi = (int) ((long) n * (k + 1) / tiles);
        sum = tile(x, y, r0 + lo, hi - lo, batch, loss, k > 0, sum);
      }
      return sum;
    }

    /**
     * One tile of rows {@code [r0, r0 + n)}: gradients added to the ones so far when
     * {@code accumulate}; returns {@code sum} plus the tile's squared errors (one running sum, so
     * the loss too does not depend on the tiling).
     */
    private double tile(float[] x, float[] y, int r0, int n, int batch, OutputLoss loss,
        boolean accumulate, double sum) {
      int rows = roundUp(n, FloatKernels.ROW_BLOCK);
      ensure(rows);
      int in0 = widths[0];
      float[] x0 = act[0];
      int s0 = aStride[0];
      for (int i = 0; i < n; i++) {
        System.arraycopy(x, (r0 + i) * in0, x0, i * s0, in0);
      }
      // forward: act[l + 1] = tanh([act[l] | 1] [W; b]) (no tanh on the output layer)
      for (int l = 0; l < layers; l++) {
        boolean hidden = l + 1 < layers;
        int ldc = hidden ? aStride[l + 1] : outStride;
        kernels.gemm(act[l], 0, aStride[l], 1, weights[l], 0, wCols[l], widths[l] + 1,
            act[l + 1], 0, ldc, rows, wCols[l], false,
            hidden ? FloatKernels.Epilogue.TANH : FloatKernels.Epilogue.NONE, null, 0, work);
        if (hidden) {
          // the product wrote tanh(0) = 0 over the ones column when it lies in a padded block
          int ones = widths[l + 1];
          float[] a = act[l + 1];
          for (int i = 0; i < rows; i++) {
            a[i * ldc + ones] = 1f;
          }
        }
      }
      // residuals out - y, then the loss turns them into dL/d(output) and adds its terms
      int out = widths[layers];
      float[] o = act[layers];
      float[] d = delta[layers - 1];
      for (int i = 0; i < n; i++) {
        int yo = (r0 + i) * out;
        int oo = i * outStride;
        for (int j = 0; j < out; j++) {
          d[oo + j] = o[oo + j] - y[yo + j];
        }
      }
      sum = loss.backward(d, outStride, n, out, batch, sum);
      java.util.Arrays.fill(d, n * outStride, rows * outStride, 0f);
      // backward
      for (int l = layers - 1; l >= 0; l--) {
        int ld = l + 1 < layers ? aStride[l + 1] : outStride;
        if (transposed[l]) {
          // G^T[j, k] += sum_i delta[i, j] [a | 1][i, k]
          kernels.gemm(delta[l], 0, 1, ld, act[l], 0, aStride[l], n,
              grad[l], 0, gCols[l], gRows[l], gCols[l], accumulate, FloatKernels.Epilogue.NONE, null, 0, work);
        } else {
          // G[k, j] += sum_i [a | 1][i, k] delta[i, j]
          kernels.gemm(act[l], 0, 1, aStride[l], delta[l], 0, ld, n,
              grad[l], 0, gCols[l], gRows[l], gCols[l], accumulate, FloatKernels.Epilogue.NONE, null, 0, work);
        }
        if (l > 0) {
          // delta[l - 1] = (delta[l] W^T) * (1 - a^2), a = act[l]
          kernels.gemm(delta[l], 0, ld, 1, weightsT[l], 0, tCols[l], widths[l + 1],
              delta[l - 1], 0, aStride[l], rows, tCols[l], false,
              FloatKernels.Epilogue.TANH_BACKWARD, act[l], 0, work);
        }
      }
      return sum;
    }
  }

  static int roundUp(int v, int m) {
    return (v + m - 1) / m * m;
  }
}
