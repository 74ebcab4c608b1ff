package org.paperlab.core;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a block with ND4J single-threaded (its own OpenMP loops and the BLAS behind its matrix
 * products), then restores the previous thread counts.
 *
 * <p>Why: each ND4J call on a small array (a few thousand rows of width 100) hands its work to
 * OpenMP or BLAS threads, and on a 2-core machine that hand-off costs more than it saves: measured
 * here, the five thin products of a 3-100-100-2 training step at batch 2048 take 0.43 ms with two
 * BLAS threads and 0.27 ms with one, and scaling a 2048 x 100 array 30-60 us with two ND4J
 * threads and 10 us with one. Code that keeps both cores
 * busy with its own Java threads (data-parallel gradient shards) or that runs many small training
 * steps is faster with ND4J single-threaded.
 *
 * <p>The setting is process-wide: ND4J calls made by other threads meanwhile also run on one
 * thread (slower, never wrong).
 */
public final class Nd4jThreads {
  private Nd4jThreads() {}

  /** A block that may throw. */
  @FunctionalInterface
  public interface Block {
    void run() throws Exception;
  }

  private static int depth;
  private static int savedThreads;
  private static int savedMaster;
  private static int savedBlas;

  /**
   * Runs {@code block} with ND4J single-threaded. Calls may overlap (nested or from several
   * threads): the first one in saves and sets the thread counts, the last one out restores them.
   */
  public static void single(Block block) throws Exception {
    enter();
    try {
      block.run();
    } finally {
      exit();
    }
  }

  private static synchronized void enter() {
    if (depth++ == 0) {
      Environment env = Nd4j.getEnvironment();
      savedThreads = env.maxThreads();
      savedMaster = env.maxMasterThreads();
      savedBlas = Nd4j.factory().blas().getMaxThreads();
      env.setMaxThreads(1);
      env.setMaxMasterThreads(1);
      Nd4j.factory().blas().setMaxThreads(1);
    }
  }

  private static synchronized void exit() {
    if (--depth == 0) {
      Environment env = Nd4j.getEnvironment();
      env.setMaxThreads(savedThreads);
      env.setMaxMasterThreads(savedMaster);
      Nd4j.factory().blas().setMaxThreads(savedBlas);
    }
  }

  /** Computes {@code body} with ND4J single-threaded. */
  public static <T> T singleValue(Supplier<T> body) {
    Object[] out = new Object[1];
    try {
      single(() -> out[0] = body.get());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }
}
