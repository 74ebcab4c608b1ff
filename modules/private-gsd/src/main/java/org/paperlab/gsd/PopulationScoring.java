package org.paperlab.gsd;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Scores {@link Gsd}'s candidates: {@code fit[i] = F + deltaFitness(candidate i)} from the best
 * dataset's incremental statistics ({@link IncrementalAnswers}), the population cut into
 * {@code threads} contiguous slices. Slice 0 runs on the calling thread, the others on a pool of
 * {@code threads - 1}; every candidate's score is computed the same way whatever the slicing, so
 * results do not depend on the thread count.
 */
final class PopulationScoring implements AutoCloseable {
  private final Slice[] slices;
  private final ForkJoinPool pool;

  /** Scoring of {@code pop} against {@code best} on {@code threads} threads (at least 1). */
  PopulationScoring(IncrementalAnswers best, Population pop, int threads) {
    int levels = best.workloads().levels();
    this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
    this.slices = new Slice[threads];
    for (int t = 0; t < threads; t++) {
      slices[t] = new Slice(best, pop, t * pop.size / threads, (t + 1) * pop.size / threads, new int[Math.max(2, 2 * levels)]);
    }
  }

  /** Scores every candidate: slice 0 on this thread, the others on the pool; waits for all. */
  void score() {
    if (pool == null) {
      slices[0].run();
      return;
    }
    Future<?>[] fs = new Future<?>[slices.length - 1];
    for (int t = 0; t < fs.length; t++) {
      fs[t] = pool.submit(slices[t + 1]);
    }
    slices[0].run();
    try {
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring candidates", ex);
    } catch (ExecutionException ex) {
      throw new IllegalStateException("scoring candidates failed: " + ex.getCause(), ex.getCause());
    }
  }

  /** Scratch of {@code 2 * levels} ints for work on the calling thread between scorings. */
  int[] scratch() {
    return slices[0].scratch;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Scores candidates {@code from .. to-1}. */
  private static final class Slice implements Runnable {
    private final IncrementalAnswers best;
    private final Population pop;
    private final int from;
    private final int to;
    private final int[] scratch;

    Slice(IncrementalAnswers best, Population pop, int from, int to, int[] scratch) {
      this.best = best;
      this.pop = pop;
      this.from = from;
      this.to = to;
      this.scratch = scratch;
    }

    @Override
    public void run() {
      Population c = pop;
      int dc = c.dc;
      int dn = c.dn;
      double f = best.fitness();
      for (int i = from; i < to; i++) {
        c.fit[i] = f + best.deltaFitness(c.row[i], c.col[i], c.cat, i * dc, c.num, i * dn, scratch);
      }
    }
  }
}
