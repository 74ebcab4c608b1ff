package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.paperlab.core.config.Variants;

class ScheduleTest {
  @Test
  void valuesOfEverySchedule() {
    // hand-computed values at chosen (t, T)
    assertEquals(0.3, new Schedule.Constant(0.3).eta(7, 10), 0);
    assertEquals(0.5, new Schedule.InvSqrtT(1).eta(4, 100), 1e-15);
    assertEquals(0.2, new Schedule.InvSqrtHorizon(2).eta(3, 100), 1e-15);
    assertEquals(0.125, new Schedule.InvMuT(2).eta(4, 100), 1e-15);
    assertEquals(0.2, new Schedule.TwoOverMuT(2).eta(4, 100), 1e-15);
    // min{1/(2L), eta/sqrt(t)}: capped at 1/(2*2) = 0.25 for t = 1, then 1/sqrt(16) = 0.25, 1/sqrt(25)
    assertEquals(0.25, new Schedule.SmoothSqrtT(2, 1).eta(1, 100), 1e-15);
    assertEquals(0.2, new Schedule.SmoothSqrtT(2, 1).eta(25, 100), 1e-15);
    assertEquals(1.0, new Schedule.SmoothSqrtT(0, 1).eta(1, 100), 1e-15); // L = 0: no cap
    assertEquals(0.1, new Schedule.SmoothSqrtHorizon(2, 1).eta(1, 100), 1e-15);
    assertEquals(0.25, new Schedule.SmoothSqrtHorizon(2, 1).eta(1, 4), 1e-15);
    // eta / t^(1/p): 8^(1/1.5) = 4
    assertEquals(0.25, new Schedule.HeavyTail(1, 1.5).eta(8, 100), 1e-15);
    assertEquals(0.25, new Schedule.HeavyTailHorizon(1, 1.5).eta(1, 8), 1e-15);
    // eta (T - t + 1) / T^(3/2): T = 4 -> 4/8 at t = 1, 1/8 at t = 4
    assertEquals(0.5, new Schedule.LinearDecay(1).eta(1, 4), 1e-15);
    assertEquals(0.125, new Schedule.LinearDecay(1).eta(4, 4), 1e-15);
  }

  @Test
  void jainHalvingPhasesByHand() {
    // T = 8: k = 3, T_1 = 8 - 4 = 4, T_2 = 8 - 2 = 6, T_3 = 8 - 1 = 7, T_4 = 8.
    int[] phases8 = {0, 0, 0, 0, 1, 1, 2, 3};
    // T = 10: k = 4, T_1 = 5, T_2 = 10 - 3 = 7, T_3 = 10 - 2 = 8, T_4 = 9, T_5 = 10.
    int[] phases10 = {0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
    for (int t = 1; t <= 8; t++) {
      assertEquals(phases8[t - 1], Schedule.JainHalving.phase(t, 8), "T=8 t=" + t);
      assertEquals(Math.scalb(1 / Math.sqrt(8), -phases8[t - 1]), new Schedule.JainHalving(1).eta(t, 8), 1e-15);
    }
    for (int t = 1; t <= 10; t++) {
      assertEquals(phases10[t - 1], Schedule.JainHalving.phase(t, 10), "T=10 t=" + t);
    }
    assertEquals(3.0, new Schedule.JainHalving(3).eta(1, 1), 0);
    // the first half of any run is at c/sqrt(T); the last step at c 2^-ceil(log2 T)/sqrt(T)
    assertEquals(0.01, new Schedule.JainHalving(1).eta(5000, 10_000), 1e-15);
    assertEquals(0.01 / 16384, new Schedule.JainHalving(1).eta(10_000, 10_000), 1e-18);
  }

  @Test
  void horizonDependenceAndNames() {
    assertFalse(new Schedule.InvSqrtT(1).dependsOnHorizon());
    assertTrue(new Schedule.LinearDecay(1).dependsOnHorizon());
    assertTrue(new Schedule.JainHalving(1).dependsOnHorizon());
    assertEquals(11, Variants.names(Schedule.class).size());
    assertEquals("jain", new Schedule.JainHalving(1).name());
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Schedule.Constant(0));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.InvSqrtT(-1));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.InvSqrtHorizon(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.InvMuT(0));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.TwoOverMuT(-2));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.SmoothSqrtT(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.SmoothSqrtHorizon(1, 0));
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> new Schedule.HeavyTail(1, 2.5));
    assertTrue(p.getMessage().contains("p = 2.5") && p.getMessage().contains("(1.0, 2.0]"), p.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Schedule.HeavyTail(1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.HeavyTailHorizon(1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.LinearDecay(0));
    assertThrows(IllegalArgumentException.class, () -> new Schedule.JainHalving(-1));
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> new Schedule.InvSqrtT(1).eta(0, 10));
    assertTrue(t.getMessage().contains("t = 0"), t.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Schedule.LinearDecay(1).eta(11, 10));
  }
}
