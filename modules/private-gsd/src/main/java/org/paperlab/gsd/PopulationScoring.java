package org.paperlab.gsd;

import org.paperlab.core.Parallel;

/**
 * Scores {@link Gsd}'s candidates: {@code fit[i] = F + deltaFitness(candidate i)} from the best
 * dataset's incremental statistics ({@link IncrementalAnswers}), the population cut into
 * {@code threads} contiguous blocks by {@link Parallel#blocks} (block 0 on the calling thread, the
 * others on the shared pool; a worker's exception reaches the caller as itself). Every
 * candidate's score is computed the same way whatever the blocks, so results do not depend on the
 * thread count.
 */
final class PopulationScoring {
  private final IncrementalAnswers best;
  private final Population pop;
  private final int threads;
  /** One scratch array of {@code 2 * levels} ints per block. */
  private final int[][] scratch;

  /** Scoring of {@code pop} against {@code best} on {@code threads} threads (at least 1). */
  PopulationScoring(IncrementalAnswers best, Population pop, int threads) {
    this.best = best;
    this.pop = pop;
    this.threads = threads;
    int levels = best.workloads().levels();
    this.scratch = new int[Parallel.blockCount(threads, pop.size)][];
    for (int b = 0; b < scratch.length; b++) {
      scratch[b] = new int[Math.max(2, 2 * levels)];
    }
  }

  /** Scores every candidate; waits for all blocks. */
  void score() {
    Parallel.blocks(threads, pop.size, (block, lo, hi) -> score(lo, hi, scratch[block]));
  }

  /** Scratch of {@code 2 * levels} ints for work on the calling thread between scorings. */
  int[] scratch() {
    return scratch[0];
  }

  /** Scores candidates {@code lo .. hi-1}. */
  private void score(int lo, int hi, int[] s) {
    Population c = pop;
    int dc = c.dc;
    int dn = c.dn;
    double f = best.fitness();
    for (int i = lo; i < hi; i++) {
      c.fit[i] = f + best.deltaFitness(c.row[i], c.col[i], c.cat, i * dc, c.num, i * dn, s);
    }
  }
}
