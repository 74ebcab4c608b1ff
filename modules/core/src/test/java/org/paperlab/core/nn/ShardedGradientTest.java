package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Nd4jThreads;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

class ShardedGradientTest {
  /**
   * Reference: one pass of Losses.mse + Mlp.backward on the whole batch (that gradient is checked
   * against finite differences in MlpTest). Shards of unequal size (1000 rows over 3 shards) must
   * be weighted by their row counts; 100 rows over 2 shards falls back to one shard.
   */
  @ParameterizedTest
  @CsvSource({"2048, 2", "1000, 3", "100, 2", "300, 1"})
  void equalsTheSinglePassGradient(int rows, int shards) {
    SplittableRandom rng = Seeds.of(21).random();
    MlpConfig cfg = MlpConfig.of(3, 2, 16, 16).withDataType(DataType.DOUBLE);
    Mlp net = new Mlp(cfg, rng);
    INDArray x = Tensors.randn(rng, DataType.DOUBLE, rows, 3);
    INDArray y = Tensors.randn(rng, DataType.DOUBLE, rows, 2);
    Mlp.Trace t = net.forward(x);
    Losses.LossAndGradient lg = Losses.mse(t.output(), y);
    INDArray expected = net.newGradient();
    net.backward(t, lg.gradient(), expected, false);

    INDArray grad = net.newGradient();
    try (ShardedGradient sg = new ShardedGradient(net, shards)) {
      double loss = sg.mse(x, y, grad);
      assertEquals(lg.loss(), loss, 1e-12 * Math.max(1, lg.loss()));
      assertArrayEquals(expected.toDoubleVector(), grad.toDoubleVector(), 1e-12);
      // a second call (buffers reused) gives the same again
      grad.assign(0);
      sg.mse(x, y, grad);
      assertArrayEquals(expected.toDoubleVector(), grad.toDoubleVector(), 1e-12);
    }
  }

  @Test
  void replicasSeeParameterUpdates() {
    Mlp net = new Mlp(MlpConfig.of(2, 1, 4), Seeds.of(2).random());
    Mlp replica = net.replica();
    INDArray x = Nd4j.createFromArray(new float[][] {{0.5f, -1f}});
    net.params().addi(0.25);
    assertArrayEquals(net.predict(x).toFloatVector(), replica.predict(x).toFloatVector(), 0f);
  }

  @Test
  void restoresNd4jThreadCounts() throws Exception {
    int before = Nd4j.getEnvironment().maxThreads();
    int blasBefore = Nd4j.factory().blas().getMaxThreads();
    Nd4jThreads.single(() -> {
      assertEquals(1, Nd4j.factory().blas().getMaxThreads());
      Nd4jThreads.single(() -> assertEquals(1, Nd4j.factory().blas().getMaxThreads()));
      // the inner block's exit must not restore while the outer one still runs
      assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    });
    assertEquals(before, Nd4j.getEnvironment().maxThreads());
    assertEquals(blasBefore, Nd4j.factory().blas().getMaxThreads());
  }

  @Test
  void badArguments() {
    Mlp net = new Mlp(MlpConfig.of(3, 2, 4), Seeds.of(3).random());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardedGradient(net, 0));
    assertEquals(true, e.getMessage().contains("shards"), e.getMessage());
    try (ShardedGradient sg = new ShardedGradient(net, 2)) {
      INDArray x = Nd4j.zeros(DataType.FLOAT, 10, 3);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 9, 2);
      e = assertThrows(IllegalArgumentException.class, () -> sg.mse(x, y, net.newGradient()));
      assertEquals(true, e.getMessage().contains("rows of y"), e.getMessage());
    }
  }
}
