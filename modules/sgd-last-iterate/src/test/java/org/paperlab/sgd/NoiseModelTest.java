package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Moment and tail checks of the noise samplers against their closed forms, n = 200 000 draws from
 * a fixed seed. Each tolerance is at least 5 standard errors of the estimate (false-failure rate
 * below 1e-6 per check for a fresh seed, by the normal approximation).
 */
class NoiseModelTest {
  private static final int N = 200_000;

  private static double[] draw(NoiseModel m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = m.sample(rng);
    }
    return x;
  }

  @Test
  void gaussianHasItsVariance() {
    double[] x = draw(new NoiseModel.Gaussian(2.0), 1);
    double m2 = 0;
    double m1 = 0;
    for (double v : x) {
      m1 += v / N;
      m2 += v * v / N;
    }
    assertEquals(0, m1, 5 * 2 / Math.sqrt(N)); // SE 2/sqrt(N)
    assertEquals(4, m2, 5 * 4 * Math.sqrt(2.0 / N)); // SE of the variance: sigma^2 sqrt(2/N)
  }

  @Test
  void studentTHasVarianceNuOverNuMinusTwo() {
    // nu = 9: Var = 9/7; Var of the sample variance needs the 4th moment 3 nu^2/((nu-2)(nu-4)) = 243/35
    double[] x = draw(new NoiseModel.StudentT(9, 1.0), 2);
    double m2 = 0;
    for (double v : x) {
      m2 += v * v / N;
    }
    double se = Math.sqrt((243.0 / 35 - (9.0 / 7) * (9.0 / 7)) / N);
    assertEquals(9.0 / 7, m2, 5 * se);
    // heavy case nu = 1.5: P(|t| > 10) from the t distribution (SciPy, see the constant below)
    double[] y = draw(new NoiseModel.StudentT(1.5, 1.0), 3);
    int c = 0;
    for (double v : y) {
      c += Math.abs(v) > 10 ? 1 : 0;
    }
    double p = STUDENT_T_15_TAIL_10;
    assertEquals(p, (double) c / N, 5 * Math.sqrt(p * (1 - p) / N));
    assertEquals(1.5, new NoiseModel.StudentT(1.5, 1).momentIndex(), 0);
  }

  /** 2 * scipy.stats.t.sf(10, df=1.5), SciPy 1.10.1 under /usr/bin/python3. */
  static final double STUDENT_T_15_TAIL_10 = 0.02365935511362156;

  @Test
  void paretoHasItsTailAndMean() {
    // symmetric Lomax: P(|xi| > u) = (1 + u)^-alpha; E|xi| = sigma/(alpha - 1)
    double alpha = 3;
    double[] x = draw(new NoiseModel.Pareto(alpha, 1.0), 4);
    int tail = 0;
    int pos = 0;
    double abs = 0;
    for (double v : x) {
      tail += Math.abs(v) > 1 ? 1 : 0;
      pos += v > 0 ? 1 : 0;
      abs += Math.abs(v) / N;
    }
    double p = Math.pow(2, -alpha); // 1/8
    assertEquals(p, (double) tail / N, 5 * Math.sqrt(p * (1 - p) / N));
    assertEquals(0.5, (double) pos / N, 5 * Math.sqrt(0.25 / N));
    // Var|xi| = 2/((a-1)(a-2)) - 1/(a-1)^2 = 1 - 1/4 for a = 3
    assertEquals(0.5, abs, 5 * Math.sqrt(0.75 / N));
  }

  @Test
  void gammaSamplerHasShapeMeanAndVariance() {
    for (double shape : new double[] {0.7, 1.0, 4.5}) {
      SplittableRandom rng = new SplittableRandom(5);
      double m1 = 0;
      double m2 = 0;
      for (int i = 0; i < N; i++) {
        double g = NoiseModel.gamma(shape, rng);
        assertTrue(g > 0);
        m1 += g / N;
        m2 += g * g / N;
      }
      // Gamma(k, 1): mean k, variance k; Var of the sample mean k/N
      assertEquals(shape, m1, 5 * Math.sqrt(shape / N), "shape " + shape);
      assertEquals(shape, m2 - m1 * m1, 0.05 * shape, "shape " + shape);
    }
  }

  @Test
  void badParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new NoiseModel.Gaussian(0));
    assertThrows(IllegalArgumentException.class, () -> new NoiseModel.StudentT(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new NoiseModel.StudentT(3, -1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NoiseModel.Pareto(1.0, 1));
    assertTrue(e.getMessage().contains("alpha = 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NoiseModel.Pareto(2, Double.NaN));
  }
}
