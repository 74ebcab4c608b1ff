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
}
