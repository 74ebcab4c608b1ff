package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SampleDistancesTest {
  @Test
  void energyDistanceOnHandComputedClouds() {
    // x = {0, 1}, y = {3} on a line: E|X-Y| = (3 + 2)/2 = 2.5, E|X-X'| = (0+1+1+0)/4 = 0.5, E|Y-Y'| = 0
    INDArray x = Nd4j.createFromArray(new double[][] {{0}, {1}});
    INDArray y = Nd4j.createFromArray(new double[][] {{3}});
    assertEquals(2 * 2.5 - 0.5 - 0, SampleDistances.energyDistance(x, y), 1e-12);
    assertEquals(0.0, SampleDistances.energyDistance(x, x), 1e-12);
  }

  @Test
  void mmdOnHandComputedClouds() {
    // single points 0 and 1, bandwidths 1 and 2: k(0,1) = e^{-1/2} + e^{-1/8}, k(x,x) = 2
    INDArray x = Nd4j.createFromArray(new double[][] {{0.0}});
    INDArray y = Nd4j.createFromArray(new double[][] {{1.0}});
    double expected = 2 + 2 - 2 * (Math.exp(-0.5) + Math.exp(-0.125));
    assertEquals(expected, SampleDistances.mmd2Biased(x, y, 1.0, 2.0), 1e-12);
    assertEquals(0.0, SampleDistances.mmd2Biased(x, x, 1.0), 1e-12);
  }

  @Test
  void unbiasedMmdSeparatesShiftedClouds() {
    var rng = Seeds.of(3).random();
    INDArray a = Tensors.randn(rng, DataType.DOUBLE, 300, 2);
    INDArray b = Tensors.randn(rng, DataType.DOUBLE, 300, 2);
    INDArray c = Tensors.randn(rng, DataType.DOUBLE, 300, 2).addi(2.0);
    double same = SampleDistances.mmd2Unbiased(a, b, 1.0);
    double shifted = SampleDistances.mmd2Unbiased(a, c, 1.0);
    // Closed form for N(0,I) vs N(mu,I) in d=2, bandwidth 1: E k(x,x') = 1/3 and
    // E k(x,y) = (1/3) exp(-|mu|^2/6), so mu = (2,2) gives MMD^2 = 2/3 - (2/3) e^{-4/3} = 0.491.
    // The estimate's sd at n = 300 is about 0.01, so these bounds fail by chance < 1e-6.
    assertTrue(Math.abs(same) < 0.02, "same-distribution MMD^2 = " + same);
    assertTrue(shifted > 0.35, "shifted MMD^2 = " + shifted);
  }
}
