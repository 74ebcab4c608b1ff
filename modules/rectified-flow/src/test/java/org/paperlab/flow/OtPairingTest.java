package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OtPairingTest {
  @Test
  void farApartPointsAreMatchedToTheirNearestPartner() {
    // sources on a grid 10 apart, targets = the sources shuffled and moved by 0.1: the optimal
    // pairing (and, at a small epsilon, the entropic plan's mass) is the identity up to the shuffle
    int b = 16;
    int d = 2;
    float[] x0 = new float[b * d];
    float[] x1 = new float[b * d];
    SplittableRandom rng = new SplittableRandom(1);
    int[] shuffle = {3, 0, 9, 12, 5, 1, 15, 7, 2, 14, 6, 11, 4, 8, 13, 10};
    for (int i = 0; i < b; i++) {
      x0[2 * i] = 10 * (i % 4);
      x0[2 * i + 1] = 10 * (i / 4);
    }
    for (int i = 0; i < b; i++) {
      x1[2 * i] = x0[2 * shuffle[i]] + 0.1f;
      x1[2 * i + 1] = x0[2 * shuffle[i] + 1] - 0.1f;
    }
    new OtPairing(new Coupling.MinibatchOt(0.001, b)).pair(x0, x1, 0, b, d, rng);
    for (int i = 0; i < b; i++) {
      assertEquals(x0[2 * i] + 0.1f, x1[2 * i], 1e-6);
      assertEquals(x0[2 * i + 1] - 0.1f, x1[2 * i + 1], 1e-6);
    }
  }

  @Test
  void everyTargetIsUsedOnce() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 300;
    float[] x0 = new float[n];
    float[] x1 = new float[n];
    for (int i = 0; i < n; i++) {
      x0[i] = (float) rng.nextGaussian();
      x1[i] = i; // distinct, so the multiset check below is exact
    }
    float[] before = x1.clone();
    // two blocks, a large epsilon (a spread-out plan): still a permutation within each block
    OtPairing p = new OtPairing(new Coupling.MinibatchOt(1.0, 150));
    p.pair(x0, x1, 0, 150, 1, rng);
    p.pair(x0, x1, 150, 150, 1, rng);
    float[] a = Arrays.copyOfRange(x1, 0, 150);
    float[] b = Arrays.copyOfRange(x1, 150, 300);
    Arrays.sort(a);
    Arrays.sort(b);
    assertArrayEquals(Arrays.copyOfRange(before, 0, 150), a);
    assertArrayEquals(Arrays.copyOfRange(before, 150, 300), b);
    assertTrue(!Arrays.equals(before, x1), "the pairing should move something");
  }

  @Test
  void minibatchOtLowersTheBatchTransportCost() {
    // in 1-D the OT pairing is the sorted one; the entropic pairing at a small epsilon must be
    // far cheaper than the independent one
    SplittableRandom rng = new SplittableRandom(3);
    int n = 256;
    float[] x0 = new float[n];
    float[] x1 = new float[n];
    for (int i = 0; i < n; i++) {
      x0[i] = (float) rng.nextGaussian();
      x1[i] = (float) (5 + rng.nextGaussian());
    }
    double before = cost(x0, x1);
    new OtPairing(new Coupling.MinibatchOt(0.001, n)).pair(x0, x1, 0, n, 1, rng);
    double after = cost(x0, x1);
    float[] s0 = x0.clone();
    float[] s1 = x1.clone();
    Arrays.sort(s0);
    Arrays.sort(s1);
    double sorted = cost(s0, s1);
    assertTrue(after < before - 1.0, "independent " + before + " vs OT " + after);
    assertTrue(after < sorted * 1.05 + 1e-3, "OT pairing " + after + " vs the exact 1-D optimum " + sorted);
  }

  private static double cost(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s / a.length;
  }
}
