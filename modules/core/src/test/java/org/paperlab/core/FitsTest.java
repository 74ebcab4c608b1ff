package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FitsTest {
  @Test
  void olsOnHandComputedPoints() {
    // (0,1), (1,3), (2,5) lie on y = 1 + 2x exactly; (0,0),(1,1),(2,1): slope 1/2, intercept 1/6.
    Fits.Line exact = Fits.ols(new double[] {0, 1, 2}, new double[] {1, 3, 5});
    assertEquals(2.0, exact.slope(), 1e-15);
    assertEquals(1.0, exact.intercept(), 1e-15);
    assertEquals(1.0, exact.r2(), 1e-15);
    Fits.Line noisy = Fits.ols(new double[] {0, 1, 2}, new double[] {0, 1, 1});
    assertEquals(0.5, noisy.slope(), 1e-15);
    assertEquals(1.0 / 6, noisy.intercept(), 1e-15);
    assertEquals(0.75, noisy.r2(), 1e-15); // sxy^2/(sxx syy) = 1/(2 * 2/3)
  }

  @Test
  void logLogRecoversPowerLaw() {
    double[] x = {1, 10, 100, 1000};
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      y[i] = 3 / Math.sqrt(x[i]);
    }
    assertEquals(-0.5, Fits.logLog(x, y).slope(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Fits.ols(new double[] {1, 1}, new double[] {0, 1}));
  }
}
