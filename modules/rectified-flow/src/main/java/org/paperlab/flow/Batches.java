package org.paperlab.flow;

import java.util.SplittableRandom;

/**
 * Draws the pairs of one training batch: rows of the target (and of an empirical source) without
 * replacement within a batch (with replacement when the batch is larger than the data), fresh
 * standard Gaussian sources, re-paired by minibatch OT when the config says so (the blocks of a
 * batch on the config's threads, each with its own random stream); or rows of given pairs.
 */
final class Batches {
  private final int n;
  private final int d;
  private final float[] target;
  private final float[] source;
  private final int targetRows;
  private final int sourceRows;
  private final boolean paired;
  private final int[] targetPerm;
  private final int[] sourcePerm;
  private final OtPairing ot;
  private final int block;
  private final int threads;

  Batches(FlowConfig cfg, TrainingData data) {
    this.n = cfg.batchSize();
    this.d = data.dim();
    this.threads = cfg.threads();
    if (data instanceof TrainingData.Paired p) {
      this.paired = true;
      this.source = p.z0().data().asFloat();
      this.target = p.z1().data().asFloat();
    } else {
      TrainingData.Unpaired u = (TrainingData.Unpaired) data;
      this.paired = false;
      this.target = u.target().data().asFloat();
      this.source = u.gaussianSource() ? null : u.source().data().asFloat();
    }
    this.targetRows = target.length / d;
    this.sourceRows = source == null ? 0 : source.length / d;
    this.targetPerm = identity(targetRows);
    this.sourcePerm = source == null || paired ? null : identity(sourceRows);
    if (cfg.coupling() instanceof Coupling.MinibatchOt mot) {
      this.ot = new OtPairing(mot);
      this.block = Math.min(mot.blockSize(), n);
    } else {
      this.ot = null;
      this.block = 0;
    }
  }

  /** Fills {@code x0} and {@code x1} ({@code n x d}, row-major) with the next batch. */
  void next(float[] x0, float[] x1, SplittableRandom rng) {
    int[] rows = draw(targetPerm, targetRows, rng);
    for (int i = 0; i < n; i++) {
      System.arraycopy(target, rows[i] * d, x1, i * d, d);
      if (paired) {
        System.arraycopy(source, rows[i] * d, x0, i * d, d);
      }
    }
    if (paired) {
      return;
    }
    if (source == null) {
      for (int q = 0; q < n * d; q++) {
        x0[q] = (float) rng.nextGaussian();
      }
    } else {
      int[] srows = draw(sourcePerm, sourceRows, rng);
      for (int i = 0; i < n; i++) {
        System.arraycopy(source, srows[i] * d, x0, i * d, d);
      }
    }
    if (ot != null) {
      // one stream per block, drawn in order, so the pairing does not depend on the threads
      int blocks = (n + block - 1) / block;
      long[] streams = new long[blocks];
      for (int b = 0; b < blocks; b++) {
        streams[b] = rng.nextLong();
      }
      org.paperlab.core.Parallel.forEach(blocks, threads, b -> {
        int lo = b * block;
        ot.pair(x0, x1, lo, Math.min(block, n - lo), d, new SplittableRandom(streams[b]));
      });
    }
  }

  /**
   * {@code n} row indices: the first {@code n} entries of a partial Fisher-Yates shuffle of
   * {@code perm} (distinct rows) when {@code n <= rows}, else {@code n} independent draws.
   */
  private int[] draw(int[] perm, int rows, SplittableRandom rng) {
    int[] out = new int[n];
    if (n <= rows) {
      for (int i = 0; i < n; i++) {
        int j = i + rng.nextInt(rows - i);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        out[i] = perm[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = rng.nextInt(rows);
      }
    }
    return out;
  }

  private static int[] identity(int k) {
    int[] p = new int[k];
    for (int i = 0; i < k; i++) {
      p[i] = i;
    }
    return p;
  }
}
