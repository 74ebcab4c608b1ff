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
  private final Gsd gsd = new Gsd(GsdConfig.defaults().withRows(100).withMaxGenerations(2000));

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
    SynthesisResult r = PrivateSynthesis.run(SynthesisConfig.of(1.0, 1e-6), real, set, gsd, new SplittableRandom(2));
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
    SynthesisConfig c = SynthesisConfig.of(0.5, 1e-6).withMode(Mode.ADAPTIVE).withRounds(4).withPerRound(3);
    SynthesisResult r = PrivateSynthesis.run(c, real, set, gsd, new SplittableRandom(3));
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
    SynthesisConfig c = SynthesisConfig.of(1.0, 1e-6).withMode(Mode.HYBRID).withRounds(2).withPerRound(2);
    SynthesisResult r = PrivateSynthesis.run(c, real, set, gsd, new SplittableRandom(4));
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
    SynthesisConfig tooMany = SynthesisConfig.of(1, 1e-6).withMode(Mode.ADAPTIVE).withRounds(100).withPerRound(100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrivateSynthesis.run(tooMany, real, set, gsd, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(0, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(-1, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 1));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 0));
    assertThrows(IllegalArgumentException.class, () -> SynthesisConfig.of(1, 0.1).withRounds(0));
    e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("sometimes"));
    assertTrue(e.getMessage().contains("one-shot"), e.getMessage());
    assertEquals(Mode.HYBRID, Mode.parse("hybrid"));
  }
}
