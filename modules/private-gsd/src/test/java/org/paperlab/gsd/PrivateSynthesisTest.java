package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrivateSynthesisTest {
  private final Schema s = IncrementalAnswersTest.mixedSchema();
  private final Table real = Table.random(s, 400, new SplittableRandom(1));
  private final WorkloadSet set = Workloads.build(s, List.of("2way", "range"),
      QueryOptions.defaults().withRangeResolutions(List.of(2, 4)).withRangeResolutions2(List.of()));
  private final GsdConfig gsd = GsdConfig.defaults().withRows(100).withMaxGenerations(2000);

  private static void assertSumsToBudget(SynthesisResult r) {
    double sum = 0;
    for (PrivacyLedger.Entry e : r.ledger().entries()) {
      sum += e.rho();
    }
    assertEquals(r.rho(), sum, 1e-12 * r.rho());
    assertEquals(r.rho(), r.ledger().spent(), 1e-12 * r.rho());
    assertEquals(Zcdp.rho(r.config().epsilon(), r.config().delta()), r.rho(), 0);
  }

  @Test
  void oneShotMeasuresEveryWorkloadWithAnEvenShare() {
    SynthesisResult r = PrivateSynthesis.fit(SynthesisConfig.of(1.0, 1e-6).withGenerator(gsd).withSeed(2), real, set);
    assertSumsToBudget(r);
    assertEquals(set.count(), r.ledger().count("gaussian"));
    assertEquals(0, r.ledger().count("exponential"));
    for (PrivacyLedger.Entry e : r.ledger().entries()) {
      assertEquals(r.rho() / set.count(), e.rho(), 1e-15);
    }
    assertEquals(100, r.synthetic().n());
    assertEquals(1, r.fits().size());
  }

  @Test
  void adaptiveSpendsHalfOnSelectionAndMeasuresDistinctWorkloads() {
    SynthesisConfig c = SynthesisConfig.of(0.5, 1e-6).withMode(BudgetMode.ADAPTIVE).withRounds(4).withPerRound(3)
        .withGenerator(gsd).withSeed(3);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertSumsToBudget(r);
    assertEquals(12, r.ledger().count("exponential"));
    assertEquals(12, r.ledger().count("gaussian"));
    double sel = r.ledger().entries().stream().filter(e -> e.mechanism().equals("exponential")).mapToDouble(PrivacyLedger.Entry::rho).sum();
    assertEquals(r.rho() / 2, sel, 1e-12);
    Set<Integer> measured = new HashSet<>();
    r.measurements().forEach(m -> measured.add(m.workload()));
    assertEquals(12, measured.size());
    assertEquals(4, r.fits().size());
  }

  @Test
  void hybridMeasuresOneWayOneShotAndTheRestAdaptively() {
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withMode(BudgetMode.HYBRID).withRounds(2).withPerRound(2)
        .withGenerator(gsd).withSeed(4);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertSumsToBudget(r);
    int oneWay = r.workloads().indicesOf("1way").length;
    assertEquals(s.dc() + s.dn(), oneWay);
    assertEquals(oneWay + 4, r.ledger().count("gaussian"));
    assertEquals(4, r.ledger().count("exponential"));
    double oneShot = r.measurements().stream().filter(m -> m.round() == 0).mapToDouble(Measurement::rho).sum();
    assertEquals(r.rho() * oneWay / (oneWay + 4.0), oneShot, 1e-12);
    assertEquals(3, r.fits().size());
  }

  @Test
  void badSettingsAreRejected() {
    SynthesisConfig tooMany = SynthesisConfig.of(1, 1e-6).withMode(BudgetMode.ADAPTIVE).withRounds(100).withPerRound(100)
        .withGenerator(gsd).withSeed(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrivateSynthesis.fit(tooMany, real, set));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(0, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(-1, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 1));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 0));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 0.1).withRounds(0));
    e = assertThrows(IllegalArgumentException.class, () -> BudgetMode.parse("sometimes"));
    assertTrue(e.getMessage().contains("one-shot"), e.getMessage());
    assertEquals(BudgetMode.HYBRID, BudgetMode.parse("hybrid"));
  }

  /**
   * The default delta is 1/n^2 of the real table, resolved when the synthesis starts: the result's
   * config carries 1/400^2 and rho is Zcdp.rho(epsilon, 1/400^2) (by hand: 1 / 160,000 = 6.25e-6).
   * A table of one row has no valid default and is refused, naming the rule.
   */
  @Test
  void defaultDeltaIsOneOverNSquaredOfTheData() {
    SynthesisConfig c = SynthesisConfig.defaults().withGenerator(gsd.withMaxGenerations(200)).withSeed(5);
    assertTrue(Double.isNaN(c.delta()));
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertEquals(6.25e-6, r.config().delta(), 0);
    assertEquals(Zcdp.rho(1.0, 6.25e-6), r.rho(), 0);
    assertSumsToBudget(r);
    Table one = Table.random(s, 1, 3L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrivateSynthesis.fit(c, one, set));
    assertTrue(e.getMessage().startsWith("delta: the default 1/n^2 needs at least 2 rows, the table has 1"), e.getMessage());
    // with a delta given, one row is fine
    assertEquals(set.count(), PrivateSynthesis.fit(c.withDelta(1e-3), one, set).ledger().count("gaussian"));
    e = assertThrows(IllegalArgumentException.class, () -> PrivateSynthesis.measure(c, one, set));
    assertTrue(e.getMessage().contains("1/n^2 needs at least 2 rows"), e.getMessage());
  }

  /**
   * The one stream of a synthesis, new SplittableRandom(seed), shared in this order: the
   * measurements, then the generator's fit (so a synthesis equals its steps run on that stream).
   * measure() alone draws the same noise from new SplittableRandom(seed).
   */
  @Test
  void oneShotIsMeasureThenFitOnOneStream() {
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withGenerator(gsd.withMaxGenerations(300)).withSeed(9);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    SplittableRandom rng = new SplittableRandom(9);
    int[] all = new int[set.count()];
    java.util.Arrays.setAll(all, i -> i);
    PrivacyLedger ledger = new PrivacyLedger(r.rho());
    List<Measurement> m = PrivateSynthesis.measureAll(set, all, set.answers(real), real.n(), r.rho(), rng, ledger);
    FitResult<?> f = PrivateSynthesis.fitMeasured(c.generator(), set, m, java.util.Optional.empty(), rng);
    assertEquals(f.table(), r.synthetic());
    Measurements alone = PrivateSynthesis.measure(c, real, set);
    for (int i = 0; i < m.size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(m.get(i).noisy(), alone.measurements().get(i).noisy());
    }
    assertEquals(set.size(), alone.targets().length);
    assertEquals(r.rho(), alone.ledger().spent(), 1e-12 * r.rho());
    assertThrows(IllegalArgumentException.class, () -> PrivateSynthesis.measure(c.withMode(BudgetMode.ADAPTIVE), real, set));
  }

  /** The generator is a config component: the RAP baseline runs a synthesis too. */
  @Test
  void rapIsAGeneratorOfASynthesis() {
    RapConfig rap = RapConfig.defaults().withRows(30).withIterations(20).withSamplesPerRow(2);
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withGenerator(rap).withMode(BudgetMode.ADAPTIVE).withRounds(2)
        .withPerRound(2).withSeed(6);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertSumsToBudget(r);
    assertEquals(60, r.synthetic().n());
    assertEquals(2, r.fits().size());
    assertEquals(rap.withSeed(6), r.fits().get(0).config());
    assertEquals(6, r.config().generator().seed()); // one seed for the whole synthesis
  }

  /** The result's metrics are the keys of the CLI's privacy report; its lists are read-only. */
  @Test
  void resultMetricsAndReadOnlyLists() {
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withGenerator(gsd.withMaxGenerations(100)).withSeed(2);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertEquals(List.of("epsilon", "delta", "rho", "mode", "workloads", "workloads_measured", "rows_out", "seed",
        "rho_spent", "seconds"), List.copyOf(r.toMetrics().keySet()));
    assertEquals("one-shot", r.toMetrics().get("mode"));
    assertEquals(2L, r.toMetrics().get("seed"));
    assertThrows(UnsupportedOperationException.class, () -> r.fits().clear());
    assertThrows(UnsupportedOperationException.class, () -> r.measurements().clear());
    double[] noisy = r.measurements().get(0).noisy();
    noisy[0] = -7;
    assertTrue(r.measurements().get(0).noisy()[0] >= 0);
    List<String> adaptiveKeys = List.copyOf(PrivateSynthesis.fit(c.withMode(BudgetMode.ADAPTIVE).withRounds(1).withPerRound(1),
        real, set).toMetrics().keySet());
    assertTrue(adaptiveKeys.contains("rounds") && adaptiveKeys.contains("per_round"), adaptiveKeys.toString());
  }

  /**
   * The ledger's round tags: an adaptive round of T = 4 spends rho / T, half on its selection
   * (exponential, K = 3 picks) and half on its measurement (gaussian), so by hand each share is
   * rho / 8 and the rounds sum to rho; nothing is spent outside the rounds (round 0).
   */
  @Test
  void adaptiveLedgerSplitsEveryRoundInHalf() {
    SynthesisConfig c = SynthesisConfig.of(0.5, 1e-6).withMode(BudgetMode.ADAPTIVE).withRounds(4).withPerRound(3)
        .withGenerator(gsd.withMaxGenerations(300)).withSeed(3);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    PrivacyLedger l = r.ledger();
    assertEquals(4, l.lastRound());
    assertEquals(0, l.spent(0), 0);
    double sum = 0;
    for (int t = 1; t <= 4; t++) {
      assertEquals(r.rho() / 8, l.spent("exponential", t), 1e-15 * r.rho());
      assertEquals(r.rho() / 8, l.spent("gaussian", t), 1e-15 * r.rho());
      assertEquals(r.rho() / 4, l.spent(t), 1e-15 * r.rho());
      sum += l.spent(t);
    }
    assertEquals(r.rho(), sum, 1e-12 * r.rho());
    for (PrivacyLedger.Entry e : l.entries()) {
      assertTrue(e.round() >= 1 && e.round() <= 4, e.toString());
      if (e.mechanism().equals("exponential")) {
        assertTrue(e.target().startsWith("round " + e.round() + ": select "), e.target());
      }
    }
    // the one-shot measurements are outside the rounds
    SynthesisResult one = PrivateSynthesis.fit(c.withMode(BudgetMode.ONE_SHOT), real, set);
    assertEquals(0, one.ledger().lastRound());
    assertEquals(one.rho(), one.ledger().spent(0), 1e-12 * one.rho());
    assertEquals(0, one.ledger().spent("exponential", 0), 0);
  }

  /**
   * The measured set of round t is what the generator of round t matched: its fit's loss is the
   * fitness ||q(D) - y||^2 recomputed here from the fitted table's exact counts on
   * measuredWorkloads(t) against measuredTargets(t) (the same integer counts and the same sum
   * order, so exactly equal), and the targets are the measurements' noisy answers of rounds <= t
   * laid end to end (assembled here by hand).
   */
  @Test
  void measuredSetOfARoundIsWhatThatRoundsFitMatched() {
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withMode(BudgetMode.ADAPTIVE).withRounds(3).withPerRound(2)
        .withGenerator(gsd.withMaxGenerations(400)).withSeed(8);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertEquals(3, r.rounds());
    for (int t = 1; t <= 3; t++) {
      WorkloadSet w = r.measuredWorkloads(t);
      double[] y = r.measuredTargets(t);
      assertEquals(2 * t, w.count());
      assertEquals(w.size(), y.length);
      int at = 0;
      for (Measurement m : r.measurements()) {
        if (m.round() <= t) {
          assertEquals(r.workloads().get(m.workload()), w.get(at));
          double[] noisy = m.noisy();
          for (int q = 0; q < noisy.length; q++) {
            assertEquals(noisy[q], y[w.offset(at) + q], 0);
          }
          at++;
        }
      }
      assertEquals(2 * t, at);
      FitResult<?> f = r.fits().get(t - 1);
      assertEquals(f.loss(), Gsd.fitnessOf(w.counts(f.table()), y, f.table().n()), 0);
    }
    assertEquals(r.synthetic(), r.fits().get(2).table());
    // another generator fitted to the same measured set (what the experiments do with RAP)
    FitResult<RapConfig> rap = RelaxedProjection.fit(RapConfig.defaults().withRows(20).withIterations(10).withSamplesPerRow(2),
        r.measuredWorkloads(3), r.measuredTargets(3));
    assertEquals(40, rap.table().n());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.measuredWorkloads(0));
    assertEquals("throughRound = 0 must be in [1, 3]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.measuredTargets(4));
  }

  /**
   * One-shot: round 0 is everything, and its targets are the measure step's (the same stream,
   * new SplittableRandom(seed), draws the measurements first). Hybrid: round 0 is the 1-way
   * workloads measured one-shot, round t adds the K picks of each round up to t.
   */
  @Test
  void measuredSetsOfOneShotAndHybrid() {
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withGenerator(gsd.withMaxGenerations(200)).withSeed(9);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    assertEquals(0, r.rounds());
    assertEquals(set.list(), r.measuredWorkloads(0).list());
    org.junit.jupiter.api.Assertions.assertArrayEquals(PrivateSynthesis.measure(c, real, set).targets(), r.measuredTargets(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.measuredWorkloads(1));
    assertEquals("throughRound = 1 must be in [0, 0]", e.getMessage());

    SynthesisResult h = PrivateSynthesis.fit(c.withMode(BudgetMode.HYBRID).withRounds(2).withPerRound(2), real, set);
    int oneWay = h.workloads().indicesOf("1way").length;
    assertEquals(oneWay, h.measuredWorkloads(0).count());
    assertEquals(List.of("1way"), h.measuredWorkloads(0).families());
    assertEquals(oneWay + 2, h.measuredWorkloads(1).count());
    assertEquals(oneWay + 4, h.measuredWorkloads(2).count());
    for (int t = 0; t <= 2; t++) {
      FitResult<?> f = h.fits().get(t);
      assertEquals(f.loss(), Gsd.fitnessOf(h.measuredWorkloads(t).counts(f.table()), h.measuredTargets(t), f.table().n()), 0);
    }
    assertEquals(h.rho() * oneWay / (oneWay + 4.0), h.ledger().spent(0), 1e-12 * h.rho());
    assertEquals(h.rho() - h.ledger().spent(0), h.ledger().spent(1) + h.ledger().spent(2), 1e-12 * h.rho());
  }

  /**
   * The adaptive noise scales against the closed forms of the module README (the official
   * {@code private_select_measure_statistic} split): with T rounds of K picks and budget rho, every
   * selection uses Gumbel scale {@code b = sqrt(K T) / (n sqrt(rho))} (score sensitivity 1/n) and
   * every measured workload w Gaussian {@code sigma_w = Delta_w sqrt(T K / rho)}, each charged
   * {@code rho / (2 T K)}; computed here from rho, n, T, K and the workload's sensitivity alone.
   */
  @Test
  void adaptiveNoiseScalesMatchTheClosedForm() {
    int t = 3;
    int k = 2;
    SynthesisConfig c = SynthesisConfig.of(0.8, 1e-6).withMode(BudgetMode.ADAPTIVE).withRounds(t).withPerRound(k)
        .withGenerator(gsd.withMaxGenerations(200)).withSeed(11);
    SynthesisResult r = PrivateSynthesis.fit(c, real, set);
    double rho = r.rho();
    int n = real.n();
    double b = Math.sqrt((double) k * t) / (n * Math.sqrt(rho));
    int picks = 0;
    for (PrivacyLedger.Entry e : r.ledger().entries()) {
      assertEquals(rho / (2.0 * t * k), e.rho(), 1e-15 * rho, e.toString());
      if (e.mechanism().equals("exponential")) {
        assertEquals(b, e.noiseScale(), 1e-12 * b, e.toString());
        picks++;
      }
    }
    assertEquals(t * k, picks);
    assertEquals(t * k, r.measurements().size());
    for (Measurement m : r.measurements()) {
      double sigma = r.workloads().get(m.workload()).l2Sensitivity(n) * Math.sqrt(t * k / rho);
      assertEquals(sigma, m.sigma(), 1e-12 * sigma);
      assertEquals(rho / (2.0 * t * k), m.rho(), 1e-15 * rho);
    }
  }
}
