package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;

class PopulationScoringTest {
  /**
   * A bad argument found in a worker thread reaches the caller as itself, an
   * IllegalArgumentException (exit code 2 on the command line), not wrapped in another exception:
   * the candidate with a column out of range is in the last block, which runs on the shared pool.
   */
  @Test
  void aWorkersIllegalArgumentReachesTheCallerUnwrapped() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    WorkloadSet set = IncrementalAnswersTest.mixedSet(s);
    Table start = Table.random(s, 30, new SplittableRandom(1));
    IncrementalAnswers best = new IncrementalAnswers(set, new double[set.size()], start);
    Population pop = new Population(8, s.dc(), s.dn());
    for (int i = 0; i < pop.size; i++) {
      pop.row[i] = i;
      pop.col[i] = i % (s.dc() + s.dn());
      best.copyRow(i, pop.cat, i * s.dc(), pop.num, i * s.dn());
    }
    PopulationScoring ok = new PopulationScoring(best, pop, 2);
    ok.score();
    for (int i = 0; i < pop.size; i++) {
      assertEquals(best.fitness(), pop.fit[i], 1e-15); // unchanged rows: the fitness itself
    }
    pop.col[7] = 99;
    PopulationScoring failing = new PopulationScoring(best, pop, 2);
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, failing::score);
    assertEquals("column = 99 must be in [0, 6)", e.getMessage());
    // it was thrown on a worker of the pool: its own stack trace runs through the pool's frames
    assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("java.util.concurrent.ForkJoin")),
        Arrays.toString(e.getStackTrace()));
  }
}
