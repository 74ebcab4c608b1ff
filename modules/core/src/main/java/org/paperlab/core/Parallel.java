package org.paperlab.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one parallel loop of paperlab, on one shared pool of daemon threads (one per core).
 *
 * <ul>
 *   <li>{@link #blocks(int, int, Body)}: contiguous, equal blocks of an index range; block
 *       {@code b} of {@code t} covers {@code [n b / t, n (b + 1) / t)}, and block 0 runs on the
 *       calling thread. A result reduced block by block in block order is the same on every run
 *       for a given number of blocks.
 *   <li>{@link #forEach(int, int, IntConsumer)}: independent items handed out one at a time (for
 *       work of uneven size, such as whole runs). Each item must write only its own results, so
 *       the outcome does not depend on the number of threads or their timing.
 * </ul>
 *
 * A failure in any worker is rethrown to the caller as the worker's own exception, unwrapped (the
 * one of the lowest block or item index when several fail; the others are added as suppressed),
 * so an {@link IllegalArgumentException} found in a worker reaches the caller as one. After a
 * failure no new item is started.
 *
 * <p>{@code threads} follows one rule everywhere in paperlab: {@code 0} means all available
 * cores, resolved when the work starts ({@link #threads(int)}), so configs do not depend on the
 * machine.
 */
public final class Parallel {
  private static final ForkJoinPool POOL =
      new ForkJoinPool(
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          pool -> {
            var w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            w.setName("paperlab-" + w.getPoolIndex());
            w.setDaemon(true);
            return w;
          },
          null,
          false);

  private Parallel() {}

  /** A loop body over indices {@code [lo, hi)}, the {@code block}-th block. */
  @FunctionalInterface
  public interface Body {
    void run(int block, int lo, int hi);
  }

  /**
   * The number of threads {@code requested} means: itself when {@code >= 1}, all available cores
   * when {@code 0}.
   *
   * @throws IllegalArgumentException when negative
   */
  public static int threads(int requested) {
    Checks.nonNegative("threads", requested);
    return requested == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : requested;
  }

  /** The number of blocks {@link #blocks(int, int, Body)} uses for {@code n} indices. */
  public static int blockCount(int threads, int n) {
    return Math.max(1, Math.min(threads(threads), n));
  }

  /** The first index of block {@code block} of {@code blocks} over {@code n} indices. */
  public static int lo(int block, int blocks, int n) {
    return (int) ((long) n * block / blocks);
  }

  /**
   * Runs {@code body} on every block of {@code [0, n)}, {@link #blockCount} blocks, block 0 on the
   * calling thread.
   */
  public static void blocks(int threads, int n, Body body) {
    Checks.notNull("body", body);
    int t = blockCount(threads, n);
    if (t == 1) {
      body.run(0, 0, n);
      return;
    }
    Throwable[] failures = new Throwable[t];
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[t - 1];
    for (int b = 1; b < t; b++) {
      final int block = b;
      final int lo = lo(b, t, n);
      final int hi = lo(b + 1, t, n);
      tasks[b - 1] = POOL.submit(() -> {
        try {
          body.run(block, lo, hi);
        } catch (RuntimeException | Error e) {
          failures[block] = e;
        }
      });
    }
    try {
      body.run(0, 0, lo(1, t, n));
    } catch (RuntimeException | Error e) {
      failures[0] = e;
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
    rethrow(failures);
  }

  /** Runs {@code body(i)} for {@code i = 0..n-1} on up to {@code threads} threads. */
  public static void forEach(int n, int threads, IntConsumer body) {
    forEach(n, threads, body, null);
  }

  /**
   * As {@link #forEach(int, int, IntConsumer)}, telling {@code progress} the number of finished
   * items after each one (one call at a time, from any of the threads; may be null).
   */
  public static void forEach(int n, int threads, IntConsumer body, IntConsumer progress) {
    Checks.notNull("body", body);
    Checks.nonNegative("n", n);
    int p = Math.min(n, threads(threads));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    FirstFailure failure = new FirstFailure();
    Runnable worker = () -> {
      for (int i; !failure.happened() && (i = next.getAndIncrement()) < n; ) {
        try {
          body.accept(i);
        } catch (RuntimeException | Error e) {
          failure.add(i, e);
          return;
        }
        if (progress != null) {
          // counted under the lock, so the listener sees 1, 2, 3, ... in order
          synchronized (finished) {
            progress.accept(finished.incrementAndGet());
          }
        }
      }
    };
    if (p <= 1) {
      worker.run();
    } else {
      ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[p - 1];
      for (int k = 0; k < p - 1; k++) {
        tasks[k] = POOL.submit(worker);
      }
      worker.run();
      for (ForkJoinTask<?> task : tasks) {
        task.join();
      }
    }
    failure.rethrow();
  }

  /** The failure of the lowest index, the others suppressed in it. */
  private static final class FirstFailure {
    private volatile boolean happened;
    private int index = Integer.MAX_VALUE;
    private Throwable first;
    private final java.util.List<Throwable> others = new java.util.ArrayList<>();

    boolean happened() {
      return happened;
    }

    synchronized void add(int i, Throwable t) {
      happened = true;
      if (i < index) {
        if (first != null) {
          others.add(first);
        }
        index = i;
        first = t;
      } else {
        others.add(t);
      }
    }

    synchronized void rethrow() {
      if (first == null) {
        return;
      }
      for (Throwable o : others) {
        if (o != first) {
          first.addSuppressed(o);
        }
      }
      Parallel.rethrow(new Throwable[] {first});
    }
  }

  private static void rethrow(Throwable[] failures) {
    Throwable first = null;
    for (Throwable f : failures) {
      if (f == null) {
        continue;
      }
      if (first == null) {
        first = f;
      } else if (f != first) {
        first.addSuppressed(f);
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
