package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MapFitterTest {
  /** {@code N((mx, my), s^2 I)}. */
  static Sampler gaussian(double mx, double my, double s) {
    return Sampler.gaussian(new double[] {mx, my}, new double[] {s, 0, 0, s});
  }

  /**
   * Fitting a shift N(0, I) -> N((3, -2), I): the divergence falls by more than 10x within 150 steps
   * and the Monge gap of the fitted map stays close to its floor. Deterministic (fixed seeds).
   */
  @Test
  void fitsAShiftAndIsReproducible() {
    MapFitConfig cfg = MapFitConfig.defaults().withSteps(150).withBatchSize(64).withHidden(List.of(16, 16))
        .withLearningRate(1e-2).withLambda(0.5).withLogEvery(25).withSeed(1);
    MapFitter.Result a = MapFitter.fit(cfg, gaussian(0, 0, 1), gaussian(3, -2, 1));
    double first = a.divergence()[0];
    double last = a.divergence()[a.divergence().length - 1];
    assertTrue(last < first / 10, first + " -> " + last);
    double[] x = gaussian(0, 0, 1).sample(200, new SplittableRandom(9));
    double[] tx = a.apply(x, 200);
    double meanShiftX = 0;
    double meanShiftY = 0;
    for (int i = 0; i < 200; i++) {
      meanShiftX += (tx[2 * i] - x[2 * i]) / 200;
      meanShiftY += (tx[2 * i + 1] - x[2 * i + 1]) / 200;
    }
    assertTrue(Math.abs(meanShiftX - 3) < 0.5 && Math.abs(meanShiftY + 2) < 0.5, meanShiftX + ", " + meanShiftY);
    // same seeds, same losses: up to ND4J's multi-threaded BLAS, which may round the last bit differently
    MapFitter.Result b = MapFitter.fit(cfg, gaussian(0, 0, 1), gaussian(3, -2, 1));
    assertArrayEquals(a.loss(), b.loss(), 1e-9);
  }

  /**
   * With the identity skip the map is {@code x + MLP(x)}: {@code apply} adds {@code x} to the
   * network's output, and the shift N(0, I) -> N((3, -2), I), whose OT map is {@code x + (3, -2)}
   * (a translation; closed form), is recovered point by point, not only on average.
   */
  @Test
  void theIdentitySkipLearnsTheDisplacement() {
    MapFitConfig cfg = MapFitConfig.defaults().withSteps(150).withBatchSize(64).withHidden(List.of(16, 16))
        .withLearningRate(1e-2).withLambda(0.5).withLogEvery(25).withResidual(true).withSeed(1);
    MapFitter.Result fit = MapFitter.fit(cfg, gaussian(0, 0, 1), gaussian(3, -2, 1));
    assertTrue(fit.residual());
    int n = 200;
    double[] x = gaussian(0, 0, 1).sample(n, new SplittableRandom(9));
    double[] tx = fit.apply(x, n);
    double[] net = MapFitter.apply(fit.map(), false, x, n);
    double se = 0;
    for (int i = 0; i < 2 * n; i++) {
      assertEquals(x[i] + net[i], tx[i], 0.0);
      double e = tx[i] - x[i] - (i % 2 == 0 ? 3 : -2);
      se += e * e;
    }
    // mean squared error per point against the exact map, next to |m|^2 = 13
    assertTrue(se / n < 0.1, "mean squared error " + se / n);
  }
}
