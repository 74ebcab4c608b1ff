package org.paperlab.ot;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs a loop body over contiguous, equal row blocks on a shared pool of daemon threads. Block
 * {@code b} of {@code t} covers rows {@code [n b / t, n (b+1) / t)}, so every result that is
 * reduced block by block in block order is deterministic for a given thread count.
 */
final class Parallel {
  private static final ForkJoinPool POOL =
      new ForkJoinPool(
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          pool -> {
            var w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            w.setName("paperlab-ot-" + w.getPoolIndex());
            w.setDaemon(true);
            return w;
          },
          null,
          false);

  private Parallel() {}

  /** A loop body over rows {@code [lo, hi)} as block {@code block}. */
  @FunctionalInterface
  interface Body {
    void run(int block, int lo, int hi);
  }

  /** Number of blocks actually used for {@code n} rows and {@code threads} threads. */
  static int blocks(int threads, int n) {
    return Math.max(1, Math.min(threads, n));
  }

  static int lo(int block, int blocks, int n) {
    return (int) ((long) n * block / blocks);
  }

  /** Runs {@code body} on every block; block 0 on the calling thread. */
  static void run(int threads, int n, Body body) {
    int t = blocks(threads, n);
    if (t == 1) {
      body.run(0, 0, n);
      return;
    }
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[t - 1];
    for (int b = 1; b < t; b++) {
      final int block = b;
      final int lo = lo(b, t, n);
      final int hi = lo(b + 1, t, n);
      tasks[b - 1] = POOL.submit(() -> body.run(block, lo, hi));
    }
    Throwable first = null;
    try {
      body.run(0, 0, lo(1, t, n));
    } catch (RuntimeException | Error e) {
      first = e;
    }
    for (ForkJoinTask<?> task : tasks) {
      try {
        task.join();
      } catch (RuntimeException | Error e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }
}
