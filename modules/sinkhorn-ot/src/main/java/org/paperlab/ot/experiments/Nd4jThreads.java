package org.paperlab.ot.experiments;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a block with ND4J's OpenMP pool limited to one thread, then restores it. The map-fitting
 * experiments call thousands of tiny ND4J ops (a 2 -> 32 -> 64 -> 32 -> 2 MLP on 256 rows), where
 * OpenMP's thread hand-off costs more than the arithmetic; on a busy 2-core machine it measured
 * 200-400 ms per training step with 2 OpenMP threads and 4 ms with one. The Sinkhorn solves keep
 * their own threads.
 */
final class Nd4jThreads {
  private Nd4jThreads() {}

  interface Block {
    void run() throws Exception;
  }

  static void single(Block block) throws Exception {
    Environment env = Nd4j.getEnvironment();
    int threads = env.maxThreads();
    int master = env.maxMasterThreads();
    env.setMaxThreads(1);
    env.setMaxMasterThreads(1);
    try {
      block.run();
    } finally {
      env.setMaxThreads(threads);
      env.setMaxMasterThreads(master);
    }
  }
}
