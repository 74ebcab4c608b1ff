package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.paperlab.core.Parallel;

/**
 * The relaxed loss {@code L = sum_q (A_q - y_q)^2} and its gradients with respect to the logits
 * and the numeric values of a {@link RelaxedTable}, with the query blocks split over threads.
 *
 * <p>Blocks are assigned once, largest estimated cost first, each to the least loaded worker
 * (longest-processing-time greedy); the assignment, and so the order of every floating-point sum,
 * depends only on the blocks and the thread count, so results are reproducible for a fixed thread
 * count. Worker 0 runs on the calling thread, the others on the shared pool of
 * {@link Parallel#blocks} (one block per worker); a worker's exception reaches the caller as
 * itself.
 */
final class RelaxedGradient {
  private final RelaxedTable table;
  private final SoftBins bins;
  private final BlockWorker[] workers;

  /** Workers for {@code min(threads, blocks)} threads (at least 1). */
  RelaxedGradient(RelaxedTable table, RelaxedQueries queries, double[] targets, int threads) {
    this.table = table;
    this.bins = queries.bins();
    int t = Math.max(1, Math.min(threads, queries.blocks().size()));
    List<List<QueryBlock>> assign = assign(queries.blocks(), t);
    int maxCells = queries.maxCells();
    int maxSize = queries.maxFactorSize();
    this.workers = new BlockWorker[t];
    for (int k = 0; k < t; k++) {
      workers[k] = new BlockWorker(table, bins, targets, assign.get(k), maxCells, maxSize);
    }
  }

  /** Longest-processing-time greedy: blocks by decreasing cost (stable), each to the least loaded thread (first on ties). */
  private static List<List<QueryBlock>> assign(List<QueryBlock> blocks, int threads) {
    long[] load = new long[threads];
    List<List<QueryBlock>> assign = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      assign.add(new ArrayList<>());
    }
    List<QueryBlock> sorted = new ArrayList<>(blocks);
    sorted.sort((a, b) -> Long.compare(b.cost(), a.cost()));
    for (QueryBlock b : sorted) {
      int t = 0;
      for (int k = 1; k < threads; k++) {
        if (load[k] < load[t]) {
          t = k;
        }
      }
      assign.get(t).add(b);
      load[t] += b.cost();
    }
    return assign;
  }

  /**
   * The loss at the table's current {@link RelaxedTable#p} and {@link RelaxedTable#x} and slope
   * {@code slope}; writes {@code dL/dtheta} into {@code gTheta} and {@code dL/dx} into {@code gX}.
   */
  double compute(float slope, float[] gTheta, float[] gX) {
    bins.compute(table, slope);
    for (BlockWorker w : workers) {
      w.slope = slope;
    }
    runWorkers();
    double loss = 0;
    Arrays.fill(gX, 0f);
    float[] gp = workers[0].gP;
    for (int t = 1; t < workers.length; t++) {
      float[] o = workers[t].gP;
      for (int i = 0; i < gp.length; i++) {
        gp[i] += o[i];
      }
    }
    for (BlockWorker w : workers) {
      loss += w.loss;
      for (int i = 0; i < gX.length; i++) {
        gX[i] += w.gX[i];
      }
    }
    table.softmaxBackward(gp, gTheta);
    return loss;
  }

  /** Runs every worker once: worker 0 on this thread, the others on the shared pool; waits for all. */
  private void runWorkers() {
    Parallel.blocks(workers.length, workers.length, (block, lo, hi) -> {
      for (int k = lo; k < hi; k++) {
        workers[k].run();
      }
    });
  }
}
