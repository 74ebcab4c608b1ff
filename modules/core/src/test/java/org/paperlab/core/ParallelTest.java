package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void zeroThreadsMeansAllCores() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.threads(0));
    assertEquals(3, Parallel.threads(3));
    assertThrows(IllegalArgumentException.class, () -> Parallel.threads(-1));
  }

  @Test
  void blocksCoverTheRangeOnceInEqualContiguousParts() {
    for (int threads : new int[] {1, 2, 3, 7}) {
      AtomicIntegerArray seen = new AtomicIntegerArray(100);
      int[][] bounds = new int[threads][];
      Parallel.blocks(threads, 100, (b, lo, hi) -> {
        bounds[b] = new int[] {lo, hi};
        for (int i = lo; i < hi; i++) {
          seen.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 100; i++) {
        assertEquals(1, seen.get(i), "index " + i);
      }
      for (int b = 0; b < threads; b++) {
        // floor(100 b / t): e.g. t = 3 gives [0, 33), [33, 66), [66, 100)
        assertEquals(100 * b / threads, bounds[b][0]);
        assertEquals(100 * (b + 1) / threads, bounds[b][1]);
      }
    }
    assertEquals(1, Parallel.blockCount(4, 1));
  }

  @Test
  void forEachRunsEveryItemOnceAndReportsProgress() {
    AtomicIntegerArray seen = new AtomicIntegerArray(1000);
    int[] last = {0};
    Parallel.forEach(1000, 0, seen::incrementAndGet, f -> last[0] = Math.max(last[0], f));
    for (int i = 0; i < 1000; i++) {
      assertEquals(1, seen.get(i));
    }
    assertEquals(1000, last[0]);
  }

  @Test
  void theWorkersOwnExceptionReachesTheCaller() {
    IllegalArgumentException bad = new IllegalArgumentException("x[7] = NaN must be finite");
    var e = assertThrows(IllegalArgumentException.class, () -> Parallel.blocks(2, 10, (b, lo, hi) -> {
      if (b == 1) {
        throw bad;
      }
    }));
    assertSame(bad, e);
    var first = assertThrows(IllegalStateException.class, () -> Parallel.forEach(50, 2, i -> {
      if (i == 3 || i == 40) {
        throw new IllegalStateException("item " + i);
      }
    }));
    // item 40 may or may not start after 3 fails; when both fail, the lower index wins
    assertEquals("item 3", first.getMessage());
  }
}
