package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Test
  void type7ByHand() {
    // {1, 2, 3, 4}: h = 3p; p = 0.5 -> 2.5, p = 0.9 -> h = 2.7 -> 3 + 0.7 = 3.7
    double[] x = {4, 1, 3, 2};
    assertEquals(2.5, Quantiles.type7(x, 0.5), 1e-15);
    assertEquals(3.7, Quantiles.type7(x, 0.9), 1e-15);
    assertEquals(1, Quantiles.type7(x, 0), 0);
    assertEquals(4, Quantiles.type7(x, 1), 0);
    assertArrayEquals(new double[] {4, 1, 3, 2}, x, 0); // input untouched
    assertEquals(7, Quantiles.type7(new double[] {7}, 0.3), 0);
  }

  @Test
  void type7MatchesNumpy() {
    // Reference: /usr/bin/python3, NumPy 1.24.2, np.quantile(x, p) (default method 'linear' = type 7)
    double[] x = {0.3, -1.2, 4.5, 2.2, 0.0, 7.7, 3.3};
    double[] p = {0, 0.1, 0.5, 0.9, 0.99, 0.999, 1};
    double[] numpy = {-1.2, -0.47999999999999987, 2.2, 5.780000000000001, 7.507999999999998, 7.6808, 7.7};
    assertArrayEquals(numpy, Quantiles.type7(x, p), 1e-12);
    // with ties: np.quantile([5, 1, 1, 2], [0.25, 0.5, 0.75]) = [1.0, 1.5, 2.75]
    assertArrayEquals(new double[] {1.0, 1.5, 2.75}, Quantiles.type7(new double[] {5, 1, 1, 2},
        new double[] {0.25, 0.5, 0.75}), 1e-15);
  }

  @Test
  void badInput() {
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[0], 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1}, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1, Double.NaN}, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(null, 0.5));
  }
}
