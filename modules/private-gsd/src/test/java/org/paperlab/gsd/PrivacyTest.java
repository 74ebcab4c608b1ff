package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class PrivacyTest {
  /**
   * Reference values from benchmarks/peers/zcdp_reference.py (scipy 1.10.1): the CKS 2020
   * Corollary 13 bound minimised over alpha by scipy's bounded scalar minimiser and inverted by
   * brentq, independently of the Java bisection.
   */
  @Test
  void zcdpConversionMatchesScipyReference() {
    double d = 1.0 / (32561.0 * 32561.0);
    assertEquals(0.024355970359538383, Zcdp.rho(1.0, 1e-6), 1e-9 * 0.0244);
    assertEquals(8.863532262800827e-05, Zcdp.rho(0.07, d), 1e-9 * 8.9e-5);
    assertEquals(0.0008811424295707642, Zcdp.rho(0.23, d), 1e-9 * 8.8e-4);
    assertEquals(0.0042485419586933935, Zcdp.rho(0.52, d), 1e-9 * 4.2e-3);
    assertEquals(0.008374855868377945, Zcdp.rho(0.74, d), 1e-9 * 8.4e-3);
    assertEquals(0.014923691047043938, Zcdp.rho(1.0, d), 1e-9 * 0.015);
    assertEquals(1.0907857043970157, Zcdp.rho(10.0, 1e-9), 1e-9 * 1.09);
    assertEquals(1.3361319064032225e-06, Zcdp.delta(0.025, 1.0), 1e-8 * 1.34e-6);
    assertEquals(0.005143184063862148, Zcdp.delta(0.5, 3.0), 1e-8 * 5.1e-3);
    assertEquals(0.0385936227668756, Zcdp.delta(0.01, 0.1), 1e-8 * 3.9e-2);
    assertEquals(1.0140742547261279, Zcdp.epsilon(0.025, 1e-6), 1e-9);
    assertEquals(7.0771966958063395, Zcdp.epsilon(1.0, 1e-5), 1e-8);
  }

  @Test
  void zcdpConversionIsConsistentAndBeatsTheClassicalBound() {
    for (double rho : new double[] {1e-4, 1e-2, 0.3, 2}) {
      for (double delta : new double[] {1e-10, 1e-6, 1e-3}) {
        double eps = Zcdp.epsilon(rho, delta);
        // Bun-Steinke 2016 Prop. 1.3: eps <= rho + 2 sqrt(rho log(1/delta))
        assertTrue(eps <= rho + 2 * Math.sqrt(rho * Math.log(1 / delta)) + 1e-12);
        // round trip
        assertEquals(rho, Zcdp.rho(eps, delta), 1e-7 * rho);
        assertTrue(Zcdp.delta(rho, eps) <= delta * (1 + 1e-6));
      }
    }
  }

  @Test
  void zcdpArgumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Zcdp.rho(0, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.rho(-1, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.rho(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.rho(1, 1));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.rho(Double.NaN, 0.1));
    assertThrows(IllegalArgumentException.class, () -> Zcdp.epsilon(-0.1, 0.1));
  }

  /**
   * The Gaussian mechanism's noise has variance Delta^2 / (2 rho). With M = 20,000 draws,
   * (M-1) s^2 / sigma^2 is chi-square with M-1 degrees of freedom; the test fails when it falls
   * outside the central 1 - 1e-6 interval, and the mean is checked at 5 standard errors: the
   * false-failure rate is below 1e-6 + 6e-7 per seed (and the seed is fixed).
   */
  @Test
  void gaussianNoiseHasTheCalibratedVariance() {
    double sens = Math.sqrt(2) / 1000;
    double rho = 0.01;
    double sigma = GaussianMechanism.sigma(sens, rho);
    assertEquals(sens / Math.sqrt(0.02), sigma, 1e-18); // Delta / sqrt(2 rho), by hand
    int m = 20_000;
    double[] zero = new double[m];
    double[] y = GaussianMechanism.release(zero, sens, rho, new SplittableRandom(11));
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= m;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    double stat = ss / (sigma * sigma);
    ChiSquaredDistribution chi = new ChiSquaredDistribution(m - 1);
    assertTrue(stat > chi.inverseCumulativeProbability(5e-7) && stat < chi.inverseCumulativeProbability(1 - 5e-7),
        "chi-square statistic " + stat);
    assertTrue(Math.abs(mean) < 5 * sigma / Math.sqrt(m), "mean " + mean);
  }

  @Test
  void measurementIsChargedAndClipped() {
    PrivacyLedger ledger = new PrivacyLedger(1.0);
    Workload w = new MarginalWorkload(Fixtures.schema(), 0);
    double[] y = GaussianMechanism.measure(w, new double[] {0, 0.5, 1}, 3, 0.25, new SplittableRandom(1), ledger);
    for (double v : y) {
      assertTrue(v >= 0 && v <= 1);
    }
    assertEquals(0.25, ledger.spent(), 0);
    assertEquals(GaussianMechanism.sigma(Math.sqrt(2) / 3, 0.25), ledger.entries().get(0).noiseScale(), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.charge("gaussian", "x", 0.8, 1));
    assertTrue(e.getMessage().contains("exceeds the budget"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaussianMechanism.sigma(0, 1));
    assertThrows(IllegalArgumentException.class, () -> GaussianMechanism.sigma(1, -1));
    assertThrows(IllegalArgumentException.class, () -> new PrivacyLedger(0));
  }

  /** Charges carry their round (0 outside the adaptive rounds); the per-round sums are the charges of that round. */
  @Test
  void ledgerSumsPerRoundAndMechanism() {
    PrivacyLedger ledger = new PrivacyLedger(1.0);
    ledger.charge("gaussian", "a", 0.125, 1);
    ledger.charge("exponential", "b", 0.25, 2, 1);
    ledger.charge("gaussian", "c", 0.0625, 3, 1);
    ledger.charge("gaussian", "d", 0.5, 4, 2);
    assertEquals(0.125, ledger.spent(0), 0);
    assertEquals(0.3125, ledger.spent(1), 0);
    assertEquals(0.25, ledger.spent("exponential", 1), 0);
    assertEquals(0.0625, ledger.spent("gaussian", 1), 0);
    assertEquals(0, ledger.spent("exponential", 2), 0);
    assertEquals(0, ledger.spent(3), 0);
    assertEquals(2, ledger.lastRound());
    assertEquals(0, ledger.entries().get(0).round());
    assertEquals(new PrivacyLedger.Entry("gaussian", "a", 0.125, 1, 0), ledger.entries().get(0));
    assertEquals(new PrivacyLedger.Entry("gaussian", "a", 0.125, 1), ledger.entries().get(0));
    assertEquals(java.util.List.of("mechanism", "target", "rho", "noise_scale"), java.util.List.copyOf(ledger.toJson().get(1).keySet()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.charge("gaussian", "e", 0.01, 1, -1));
    assertTrue(e.getMessage().startsWith("round = -1"), e.getMessage());
    assertEquals(4, ledger.entries().size());
  }

  /**
   * Report-noisy-max with Gumbel noise picks i with probability proportional to
   * exp(eps u_i / (2 Delta)), eps = sqrt(8 rho). Chi-square goodness of fit over 40,000 picks
   * with 3 degrees of freedom, rejected beyond the 1 - 1e-6 quantile: false-failure rate 1e-6.
   */
  @Test
  void exponentialMechanismSamplesTheSoftmax() {
    double[] scores = {0.0, 0.01, 0.02, 0.05};
    double sens = 0.01;
    double rho = 0.5;
    double eps = Math.sqrt(8 * rho);
    double[] p = new double[4];
    double z = 0;
    for (int i = 0; i < 4; i++) {
      p[i] = Math.exp(eps * scores[i] / (2 * sens));
      z += p[i];
    }
    int m = 40_000;
    long[] counts = new long[4];
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < m; t++) {
      counts[ExponentialMechanism.select(scores, sens, rho, null, rng)]++;
    }
    double chi2 = 0;
    for (int i = 0; i < 4; i++) {
      double e = m * p[i] / z;
      chi2 += (counts[i] - e) * (counts[i] - e) / e;
    }
    assertTrue(chi2 < new ChiSquaredDistribution(3).inverseCumulativeProbability(1 - 1e-6), "chi2 " + chi2);
  }

  @Test
  void topKRespectsExclusionsAndCostsItsBudget() {
    double[] scores = {1, 5, 2, 8, 3};
    boolean[] excluded = {false, false, false, true, false};
    int[] k = ExponentialMechanism.topK(scores, 3, 1e-6, 1e3, excluded, new SplittableRandom(2));
    // with negligible noise (scale 1e-6/sqrt(2 * 1e3/3)) the order is the scores' order
    assertArrayEquals(new int[] {1, 4, 2}, k);
    // Gumbel scale of one pick of rho/K: Delta sqrt(K) / sqrt(2 rho), the official code's formula
    assertEquals(0.001 * Math.sqrt(4) / Math.sqrt(2 * 0.1), ExponentialMechanism.gumbelScale(0.001, 0.1 / 4), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExponentialMechanism.topK(scores, 5, 1, 1, excluded, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("cannot select k = 5 of 4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ExponentialMechanism.topK(new double[] {Double.NaN}, 1, 1, 1, null, new SplittableRandom(1)));
    assertFalse(excluded[1]);
  }
}
