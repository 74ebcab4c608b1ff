package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HarveyLowerBoundTest {
  private static final List<Output> ALL = List.of(new Output.Last(), new Output.Uniform(), new Output.Suffix(),
      new Output.ShamirZhang(3), new Output.Weighted(2));

  @Test
  void valueAndOracleOnAHandComputedInstance() {
    // d = 3: a = (1/24, 1/16, 1/8), b = 1/2.
    HarveyLowerBound h = new HarveyLowerBound(3);
    assertEquals(1.0 / 24, h.a(1), 1e-15);
    assertEquals(1.0 / 8, h.a(3), 1e-15);
    // x = 0: every h_i^T x = 0; the oracle returns the smallest i >= 1.
    assertEquals(0, h.value(new double[3]), 0);
    assertEquals(1, h.oracleIndex(new double[3]));
    // x = (-1, 0, 0): h_1^T x = 1/2, h_2..h_4^T x = -1/24.
    assertEquals(0.5, h.value(new double[] {-1, 0, 0}), 1e-15);
    assertEquals(1, h.oracleIndex(new double[] {-1, 0, 0}));
    // x = (1, 0, 0): h_1 = -1/2, h_2 = h_3 = h_4 = 1/24 -> i = 2.
    assertEquals(1.0 / 24, h.value(new double[] {1, 0, 0}), 1e-15);
    assertEquals(2, h.oracleIndex(new double[] {1, 0, 0}));
    // x = (1, 1, 1): h_4 = 1/24 + 1/16 + 1/8 = 11/48 is the maximum.
    assertEquals(11.0 / 48, h.value(new double[] {1, 1, 1}), 1e-15);
    assertEquals(4, h.oracleIndex(new double[] {1, 1, 1}));
    // x = (0, 0, -1): only h_3 is positive (1/2) -> i = 3.
    assertEquals(3, h.oracleIndex(new double[] {0, 0, -1}));
    // x = (1, 2, 0): h_1 = -1/2, h_2 = 1/24 - 1, h_3 = h_4 = 1/24 + 1/8 = 1/6 -> i = 3.
    assertEquals(3, h.oracleIndex(new double[] {1, 2, 0}));
    double[] g = new double[3];
    h.subgradient(3, g);
    assertArrayEquals(new double[] {1.0 / 24, 1.0 / 16, -0.5}, g, 0);
    h.subgradient(4, g);
    assertArrayEquals(new double[] {1.0 / 24, 1.0 / 16, 1.0 / 8}, g, 0);
    h.subgradient(0, g);
    assertArrayEquals(new double[3], g, 0);
  }

  @Test
  void projectedSubgradientDescentFollowsTheClosedForm() {
    // The generic CSMD engine (explicit O(d) oracle, projection onto the unit ball) on d = T = 300
    // with eta = 1/sqrt(T) must reproduce x_{T+1,j} = (1/2 - (T-j)/(8(T+1-j)))/sqrt(T) and
    // f(x_{T+1}) = ((3/64) H_T + (1/64) H_T^(2))/sqrt(T), derived by hand from the construction.
    int t = 300;
    HarveyLowerBound h = new HarveyLowerBound(t);
    SgdConfig c = SgdConfig.defaults().withSteps(t).withRuns(1).withSchedule(new Schedule.InvSqrtHorizon(1));
    Sgd.Trajectory tr = Sgd.trajectory(h, c, new long[] {t}, new SplittableRandom(0), 0);
    assertArrayEquals(HarveyLowerBound.closedFormLastIterate(t), tr.lastIterate(), 1e-14);
    double closed = HarveyLowerBound.closedFormGap(t);
    assertEquals(closed, tr.gaps()[0][0], 1e-14);
    // and the closed form by a direct sum with exact harmonic numbers for T = 4:
    // H_4 = 25/12, H_4^(2) = 205/144 -> ((3/64)(25/12) + (1/64)(205/144)) / 2
    assertEquals((3.0 / 64 * 25 / 12 + 1.0 / 64 * 205 / 144) / 2, HarveyLowerBound.closedFormGap(4), 1e-15);
  }

  @Test
  void fastSimulationMatchesTheClosedForms() {
    for (int t : new int[] {1, 2, 10, 1000, 100_000}) {
      HarveyLowerBound h = new HarveyLowerBound(t);
      var sim = h.simulate(new Schedule.InvSqrtHorizon(1), t, new long[] {t}, List.of(new Output.Last(),
          new Output.Uniform()));
      assertEquals(HarveyLowerBound.closedFormGap(t), sim.outputGaps().get("last"),
          1e-12 * HarveyLowerBound.closedFormGap(t), "T = " + t);
      assertEquals(HarveyLowerBound.closedFormUniformGap(t), sim.outputGaps().get("uniform"),
          1e-12 * HarveyLowerBound.closedFormUniformGap(t), "T = " + t);
      assertEquals(0, sim.explicitSteps());
      if (t <= 1000) {
        assertArrayEquals(HarveyLowerBound.closedFormLastIterate(t), sim.lastIterate(), 1e-14);
      }
      // the linear-decay schedule ends at the uniform average's closed form (derived by hand)
      var lin = h.simulate(new Schedule.LinearDecay(1), t, new long[] {t}, List.of(new Output.Last()));
      assertEquals(HarveyLowerBound.closedFormUniformGap(t), lin.outputGaps().get("last"),
          1e-12 * HarveyLowerBound.closedFormUniformGap(t), "T = " + t);
    }
  }

  @Test
  void fastSimulationMatchesTheGenericEngineForEveryScheduleAndOutput() {
    // Independent implementations: the lazy O(1)-per-step state (with its explicit fallback) vs
    // the plain engine (explicit oracle scan, projection, running averages), d = T = 240.
    int t = 240;
    HarveyLowerBound h = new HarveyLowerBound(t);
    long[] cps = Checkpoints.geometric(t, 10);
    for (Schedule s : List.of(new Schedule.InvSqrtHorizon(1), new Schedule.InvSqrtT(1), new Schedule.InvSqrtT(3),
        new Schedule.LinearDecay(1), new Schedule.JainHalving(1), new Schedule.Constant(0.3),
        new Schedule.Constant(2.0))) {
      var sim = h.simulate(s, t, cps, ALL);
      SgdConfig c = SgdConfig.defaults().withSteps(t).withRuns(1).withSchedule(s).withOutputs(ALL);
      Sgd.Trajectory tr = Sgd.trajectory(h, c, cps, new SplittableRandom(0), 0);
      for (int o = 0; o < ALL.size(); o++) {
        double ref = tr.gaps()[o][cps.length - 1];
        assertEquals(ref, sim.outputGaps().get(ALL.get(o).name()), 1e-9 * Math.max(ref, 1e-3),
            s.formula() + " " + ALL.get(o).name());
      }
      for (int k = 0; k < cps.length; k++) {
        assertEquals(tr.gaps()[0][k], sim.lastGaps()[k], 1e-9 * Math.max(tr.gaps()[0][k], 1e-3),
            s.formula() + " t = " + cps[k]);
      }
      assertArrayEquals(tr.lastIterate(), sim.lastIterate(), 1e-9, s.formula());
    }
    // large constant steps drive coordinates negative: the explicit fallback must have been used
    assertTrue(h.simulate(new Schedule.Constant(2.0), t, new long[] {t}, ALL).explicitSteps() > 0);
  }

  @Test
  void simulationOfAConfigAndItsMetrics() {
    int t = 1000;
    SgdConfig c = SgdConfig.defaults().withSteps(t).withSchedule(new Schedule.InvSqrtHorizon(1))
        .withOutputs(new Output.Last(), new Output.Uniform());
    HarveyLowerBound.Simulation sim = new ProblemSpec.Harvey().create(t).simulate(c);
    assertArrayEquals(Checkpoints.geometric(t, c.checkpointsPerDecade()), sim.checkpoints());
    java.util.Map<String, Object> m = sim.toMetrics();
    assertEquals(List.of("gap_last_T1000", "sqrtT_gap_last", "gap_uniform_T1000", "sqrtT_gap_uniform",
        "closed_form_gap_last_T1000", "explicit_oracle_steps", "seconds"), List.copyOf(m.keySet()));
    assertEquals(HarveyLowerBound.closedFormGap(t), (double) m.get("gap_last_T1000"), 1e-13);
    assertEquals(HarveyLowerBound.closedFormGap(t), (double) m.get("closed_form_gap_last_T1000"), 0);
    assertEquals(Math.sqrt(t) * sim.outputGaps().get("uniform"), (double) m.get("sqrtT_gap_uniform"), 0);
    // another schedule: no closed form is claimed
    assertTrue(!new HarveyLowerBound(t).simulate(c.withSchedule(new Schedule.JainHalving(1))).toMetrics()
        .containsKey("closed_form_gap_last_T1000"));
    // what the exact simulation cannot do is refused, named by the setting
    org.paperlab.core.InvalidArgumentException noise = org.junit.jupiter.api.Assertions.assertThrows(
        org.paperlab.core.InvalidArgumentException.class,
        () -> new HarveyLowerBound(10).simulate(c.withSteps(10).withNoise(new NoiseModel.Gaussian(1))));
    assertEquals("noise", noise.argument());
    assertTrue(noise.getMessage().contains("deterministic"), noise.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new HarveyLowerBound(10).simulate(c.withSteps(10).withClip(1)));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new HarveyLowerBound(10).simulate(c.withSteps(10).withMirror(MirrorMap.ENTROPY)));
  }

  @Test
  void lastIterateIsALogFactorWorseThanAveraging() {
    // sqrt(T) f(x_{T+1}) grows by (3/64) ln 10 per decade; the uniform average stays at 7/128.
    double g3 = Math.sqrt(1e3) * HarveyLowerBound.closedFormGap(1000);
    double g4 = Math.sqrt(1e4) * HarveyLowerBound.closedFormGap(10_000);
    assertEquals(3.0 / 64 * Math.log(10), g4 - g3, 1e-3);
    assertEquals(7.0 / 128, Math.sqrt(1e4) * HarveyLowerBound.closedFormUniformGap(10_000), 1e-5);
  }
}
