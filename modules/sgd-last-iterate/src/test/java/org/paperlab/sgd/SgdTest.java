package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SgdTest {
  /** f(x) = x^2/2 on R, x_1 = 1, exact gradient: with eta = 1/2, x_{s+1} = 2^-s. */
  static class Quadratic implements StochasticProblem {
    @Override
    public String name() {
      return "quadratic";
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public double[] initialPoint() {
      return new double[] {1};
    }

    @Override
    public Domain domain() {
      return new Domain.RealSpace();
    }

    @Override
    public Regularizer regularizer() {
      return new Regularizer.None();
    }

    @Override
    public void gradient(double[] x, SplittableRandom rng, double[] out) {
      out[0] = x[0];
    }

    @Override
    public double gap(double[] x) {
      return 0.5 * x[0] * x[0];
    }

    @Override
    public String description() {
      return "x^2/2";
    }
  }

  @Test
  void outputsOnAHandComputedRun() {
    // x_{s+1} = 2^-s for s = 1..4: iterates 1/2, 1/4, 1/8, 1/16.
    SgdConfig c = SgdConfig.defaults().withSteps(4).withRuns(1).withSchedule(new Schedule.Constant(0.5))
        .withOutputs(new Output.Last(), new Output.Uniform(), new Output.Suffix(), new Output.ShamirZhang(1),
            new Output.Weighted(1));
    long[] cps = {3, 4};
    Sgd.Trajectory tr = Sgd.trajectory(new Quadratic(), c, cps, new SplittableRandom(0), 0);
    double[] at4 = {
      1.0 / 16, // last
      (0.5 + 0.25 + 0.125 + 0.0625) / 4, // uniform
      (0.125 + 0.0625) / 2, // suffix: the last ceil(4/2) = 2 iterates
      (1 * 0.5 + 2 * 0.25 + 3 * 0.125 + 4 * 0.0625) / 10, // Shamir-Zhang eta = 1: w_s = s
      (2 * 0.5 + 3 * 0.25 + 4 * 0.125 + 5 * 0.0625) / 14 // weights (s+1)^1
    };
    double[] at3 = {0.125, (0.5 + 0.25 + 0.125) / 3, (0.25 + 0.125) / 2, (0.5 + 0.5 + 0.375) / 6,
        (1.0 + 0.75 + 0.5) / 9};
    for (int o = 0; o < 5; o++) {
      assertEquals(0.5 * at4[o] * at4[o], tr.gaps()[o][1], 1e-16, c.outputs().get(o).name());
      assertEquals(0.5 * at3[o] * at3[o], tr.gaps()[o][0], 1e-16, c.outputs().get(o).name());
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    SgdConfig c = SgdConfig.defaults().withSteps(2000).withRuns(12).withSeed(42)
        .withSchedule(new Schedule.InvSqrtT(0.3)).withNoise(new NoiseModel.StudentT(3, 0.5))
        .withOutputs(new Output.Last(), new Output.Suffix());
    SgdResult one = Sgd.run(c.withThreads(1), new LadProblem(4, 0.2));
    SgdResult two = Sgd.run(c.withThreads(2), new LadProblem(4, 0.2));
    SgdResult again = Sgd.run(c.withThreads(3), new LadProblem(4, 0.2));
    for (int o = 0; o < 2; o++) {
      for (int r = 0; r < 12; r++) {
        assertArrayEquals(one.outputs().get(o).gaps()[r], two.outputs().get(o).gaps()[r], 0);
        assertArrayEquals(one.outputs().get(o).gaps()[r], again.outputs().get(o).gaps()[r], 0);
      }
    }
    assertEquals(one.output("last").slope(), two.output("last").slope());
    // a different seed gives different runs
    SgdResult other = Sgd.run(c.withSeed(43), new LadProblem(4, 0.2));
    assertTrue(other.output("last").finalMean() != one.output("last").finalMean());
  }

  @Test
  void threadsZeroIsAllCoresAndGivesTheSameRunsBitForBit() {
    SgdConfig c = SgdConfig.defaults().withSteps(1500).withRuns(9).withSeed(5)
        .withSchedule(new Schedule.InvSqrtT(0.3)).withNoise(new NoiseModel.Gaussian(0.5))
        .withOutputs(new Output.Last(), new Output.Uniform());
    assertEquals(0, SgdConfig.defaults().threads());
    SgdResult all = Sgd.run(c.withThreads(0), new LadProblem(3, 0.1));
    SgdResult one = Sgd.run(c.withThreads(1), new LadProblem(3, 0.1));
    SgdResult two = Sgd.run(c.withThreads(2), new LadProblem(3, 0.1));
    assertEquals(0, all.config().threads(), "the result keeps the config as given");
    for (SgdResult other : List.of(one, two)) {
      for (int o = 0; o < 2; o++) {
        OutputSummary a = all.outputs().get(o);
        OutputSummary b = other.outputs().get(o);
        for (int r = 0; r < 9; r++) {
          assertArrayEquals(a.gaps()[r], b.gaps()[r], 0);
        }
        assertArrayEquals(a.mean(), b.mean(), 0);
        assertEquals(a.slope(), b.slope());
      }
    }
    SgdResult sweep0 = Sgd.sweep(c.withThreads(0).withSchedule(new Schedule.InvSqrtHorizon(0.3)),
        t -> new LadProblem(3, 0.1), new long[] {100, 1000});
    SgdResult sweep1 = Sgd.sweep(c.withThreads(1).withSchedule(new Schedule.InvSqrtHorizon(0.3)),
        t -> new LadProblem(3, 0.1), new long[] {100, 1000});
    assertArrayEquals(sweep1.output("last").finalGaps(), sweep0.output("last").finalGaps(), 0);
  }

  @Test
  void aBadArgumentFoundInAWorkerReachesTheCallerUnwrapped() {
    // the problem refuses its argument only on Parallel's pool threads ("paperlab-<i>"); the
    // calling thread sleeps in its first run so that a pool thread takes a run
    Thread caller = Thread.currentThread();
    AtomicInteger poolCalls = new AtomicInteger();
    StochasticProblem picky = new Quadratic() {
      @Override
      public void gradient(double[] x, SplittableRandom rng, double[] out) {
        if (Thread.currentThread() == caller) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        } else {
          poolCalls.incrementAndGet();
          throw new IllegalArgumentException("x = " + x[0] + " is refused by this worker");
        }
        super.gradient(x, rng, out);
      }
    };
    SgdConfig c = SgdConfig.defaults().withSteps(3).withRuns(4).withThreads(2)
        .withSchedule(new Schedule.Constant(0.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sgd.run(c, picky));
    assertEquals(IllegalArgumentException.class, e.getClass(), "not wrapped");
    assertEquals("x = 1.0 is refused by this worker", e.getMessage());
    assertTrue(poolCalls.get() > 0, "a pool thread ran a run");
    assertThrows(IllegalArgumentException.class, () -> Sgd.sweep(c, t -> picky, new long[] {3}));
  }

  @Test
  void metricsAreTheFlatKeysOfTheCommandLine() {
    SgdConfig c = SgdConfig.defaults().withSteps(300).withRuns(20).withBootstrap(30)
        .withSchedule(new Schedule.InvSqrtT(0.3)).withOutputs(new Output.Last(), new Output.Uniform());
    SgdResult r = Sgd.run(c, new LadProblem(3, 0.0));
    java.util.Map<String, Object> m = r.toMetrics();
    List<String> keys = new java.util.ArrayList<>();
    for (String o : new String[] {"last", "uniform"}) {
      keys.addAll(List.of("gap_" + o + "_T300", "q0.5_" + o + "_T300", "q0.9_" + o + "_T300", "q0.99_" + o + "_T300",
          "q0.999_" + o + "_T300", "slope_" + o, "slope_" + o + "_lo", "slope_" + o + "_hi"));
    }
    keys.addAll(List.of("slope_source", "steps_per_second", "seconds"));
    assertEquals(keys, List.copyOf(m.keySet()));
    OutputSummary u = r.output("uniform");
    int k = r.t().length - 1;
    assertEquals(u.finalMean(), m.get("gap_uniform_T300"));
    assertEquals(u.quantiles()[2][k], m.get("q0.99_uniform_T300"));
    assertEquals(u.slope().lo(), m.get("slope_uniform_lo"));
    assertEquals("checkpoints of t in [T/10, T]", m.get("slope_source"));
    assertEquals(r.seconds(), m.get("seconds"));
    SgdResult sweep = Sgd.sweep(c.withSchedule(new Schedule.LinearDecay(0.3)), t -> new LadProblem(3, 0.0),
        new long[] {100, 200, 300});
    assertEquals("sweep over T in [T/10, T]", sweep.toMetrics().get("slope_source"));
    assertTrue(sweep.toMetrics().containsKey("gap_last_T300"));
  }

  @Test
  void resultArraysAreCopies() {
    SgdResult r = Sgd.run(SgdConfig.defaults().withSteps(100).withRuns(3), new LadProblem(2, 0.0));
    long t0 = r.t()[0];
    r.t()[0] = -1;
    r.levels()[0] = -1;
    OutputSummary o = r.output("last");
    double g = o.gaps()[0][0];
    o.gaps()[0][0] = -1;
    o.mean()[0] = -1;
    o.quantiles()[0][0] = -1;
    assertEquals(t0, r.t()[0]);
    assertEquals(0.5, r.levels()[0], 0);
    assertEquals(g, o.gaps()[0][0], 0);
    assertTrue(o.mean(0) >= 0 && o.mean()[0] == o.mean(0) && o.quantiles()[0][0] == o.quantile(0, 0));
    assertTrue(o.quantile(0, 0) >= 0);
  }

  @Test
  void summaryStatisticsAreTheType7QuantilesAndMeansOfTheRuns() {
    SgdConfig c = SgdConfig.defaults().withSteps(300).withRuns(25).withSchedule(new Schedule.InvSqrtT(0.3));
    SgdResult r = Sgd.run(c, new LadProblem(3, 0.0));
    OutputSummary o = r.output("last");
    int k = r.t().length - 1;
    double[] col = o.finalGaps();
    double mean = java.util.Arrays.stream(col).average().orElseThrow();
    assertEquals(mean, o.mean()[k], 1e-15);
    assertEquals(Quantiles.type7(col, 0.9), o.quantiles()[1][k], 0);
    assertArrayEquals(new double[] {0.5, 0.9, 0.99, 0.999}, r.levels(), 1e-15);
    assertEquals(300L * 25, r.totalSteps());
    assertEquals(300, r.t()[k]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.output("suffix"));
    assertTrue(e.getMessage().contains("last"), e.getMessage());
  }

  @Test
  void fittedSlopeOfAQuickConvexRunIsMinusOneHalf() {
    // LAD (d = 5, sharp) with eta_t = (1/sqrt(5))/sqrt(t), T = 10^4, R = 100: the mean last-iterate
    // gap decays like t^-1/2 (Liu and Zhou's convex rate; this instance has no log factor). The
    // fitted slope over t in [10^3, 10^4] was measured over 300 independent seeds: mean -0.5003,
    // standard deviation 0.0126 (bootstrap SE 0.0121). The tolerance 0.06 is 4.7 standard
    // deviations: false-failure rate about 2e-6 (normal approximation) for a fresh seed.
    SgdConfig c = SgdConfig.defaults().withSteps(10_000).withRuns(100).withSeed(2024)
        .withSchedule(new Schedule.InvSqrtT(1 / Math.sqrt(5))).withBootstrap(300);
    SlopeEstimate s = Sgd.run(c, new LadProblem(5, 0.0)).output("last").slope();
    assertEquals(-0.5, s.slope(), 0.06);
    assertTrue(s.lo() < s.slope() && s.slope() < s.hi(), s.toString());
    assertTrue(s.se() > 0.005 && s.se() < 0.03, "bootstrap SE " + s.se());
    assertEquals(1000, s.from());
    assertEquals(11, s.points());
  }

  @Test
  void sweepRunsEachHorizonAndFitsTheFinalGaps() {
    SgdConfig c = SgdConfig.defaults().withRuns(8).withSchedule(new Schedule.InvSqrtHorizon(0.3));
    long[] hs = {100, 300, 1000};
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger last = new AtomicInteger();
    SgdResult r = Sgd.sweep(c, t -> new LadProblem(3, 0.0), hs, (done, total) -> {
      calls.incrementAndGet();
      assertEquals(24, total);
      last.set((int) done);
    });
    assertTrue(r.sweep());
    assertArrayEquals(hs, r.t());
    assertEquals(1000, r.config().steps());
    assertEquals(8L * 1400, r.totalSteps());
    assertEquals(24, calls.get());
    assertEquals(24, last.get(), "the last call reports every run of every horizon done");
    assertTrue(Double.isFinite(r.output("last").slope().slope()));
    assertThrows(IllegalArgumentException.class, () -> Sgd.sweep(c, t -> new LadProblem(3, 0),
        new long[] {100, 100}, null));
    assertThrows(IllegalArgumentException.class, () -> Sgd.sweep(c, t -> new LadProblem(3, 0), new long[0]));
  }

  @Test
  void horizonDependentSchedulesReportNoRateFromOneRun() {
    SgdResult r = Sgd.run(SgdConfig.defaults().withSteps(1000).withRuns(4)
        .withSchedule(new Schedule.LinearDecay(0.3)), new LadProblem(3, 0.0));
    assertTrue(Double.isNaN(r.output("last").slope().slope()));
  }

  @Test
  void configRejectsEachInvalidArgument() {
    SgdConfig d = SgdConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
    assertThrows(IllegalArgumentException.class, () -> d.withSteps(-5));
    assertThrows(IllegalArgumentException.class, () -> d.withSteps(SgdConfig.MAX_STEPS + 1));
    assertThrows(IllegalArgumentException.class, () -> d.withRuns(0));
    assertThrows(IllegalArgumentException.class, () -> d.withSchedule(null));
    assertThrows(IllegalArgumentException.class, () -> d.withOutputs(List.of()));
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
        () -> d.withOutputs(new Output.Last(), new Output.Last()));
    assertTrue(dup.getMessage().contains("'last' appears twice"), dup.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withNoise(null));
    assertThrows(IllegalArgumentException.class, () -> d.withClip(0));
    assertThrows(IllegalArgumentException.class, () -> d.withClip(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withMirror(null));
    assertThrows(IllegalArgumentException.class, () -> d.withDeltas(List.of(0.0)));
    assertThrows(IllegalArgumentException.class, () -> d.withDeltas(List.of(1.0)));
    assertThrows(IllegalArgumentException.class, () -> d.withCheckpointsPerDecade(0));
    assertThrows(IllegalArgumentException.class, () -> d.withBootstrap(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(-1));
    assertThrows(IllegalArgumentException.class, () -> new Output.ShamirZhang(-1));
    assertThrows(IllegalArgumentException.class, () -> new Output.Weighted(Double.NaN));
  }

  @Test
  void runRejectsMismatchedMirrorDomainAndDivergence() {
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> Sgd.run(SgdConfig.defaults().withMirror(MirrorMap.ENTROPY), new LadProblem(3, 0)));
    assertTrue(m.getMessage().contains("simplex"), m.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sgd.run(SgdConfig.defaults(), null));
    // eta = 3 on x^2/2: x_{t+1} = -2 x_t grows to infinity and the gap overflows
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sgd.run(
        SgdConfig.defaults().withSteps(5000).withRuns(2).withSchedule(new Schedule.Constant(3)), new Quadratic()));
    assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("reduce the step size"), e.getMessage());
  }

  @Test
  void clippingBoundsTheStep() {
    // from x = 1 with gradient 1 and eta = 1, clipping at 0.25 moves x by exactly 0.25
    SgdConfig c = SgdConfig.defaults().withSteps(1).withRuns(1).withSchedule(new Schedule.Constant(1)).withClip(0.25);
    Sgd.Trajectory tr = Sgd.trajectory(new Quadratic(), c, new long[] {1}, new SplittableRandom(0), 0);
    assertArrayEquals(new double[] {0.75}, tr.lastIterate(), 1e-15);
  }

  @Test
  void checkpointsAndSlopeFitByHand() {
    assertArrayEquals(new long[] {1, 3, 10, 32, 100}, Checkpoints.geometric(100, 2));
    assertArrayEquals(new long[] {1, 2, 3}, Checkpoints.geometric(3, 10));
    assertArrayEquals(new long[] {100, 178, 316, 562, 1000}, Checkpoints.lastDecade(1000, 4));
    // gaps exactly 3 t^-1/2 in every run: slope -1/2, the bootstrap interval collapses to it
    long[] t = {1, 10, 100, 1000};
    double[][] g = new double[5][4];
    for (double[] row : g) {
      for (int k = 0; k < 4; k++) {
        row[k] = 3 / Math.sqrt(t[k]);
      }
    }
    SlopeEstimate s = SlopeEstimate.lastDecade(t, g, 50, new SplittableRandom(1));
    assertEquals(-0.5, s.slope(), 1e-12);
    assertEquals(Math.log(3), s.intercept(), 1e-12);
    assertEquals(-0.5, s.lo(), 1e-12);
    assertEquals(-0.5, s.hi(), 1e-12);
    assertEquals(2, s.points()); // t = 100 and 1000
  }
}
