package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

class MlpTest {

  /** L(theta) = sum(output * R) for a fixed random R: dL/doutput = R. */
  private static double loss(Mlp net, INDArray x, INDArray r) {
    return net.forward(x).output().mul(r).sumNumber().doubleValue();
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientsMatchCentralFiniteDifferences(Activation act) {
    SplittableRandom rng = Seeds.of(11).child(act.name()).random();
    MlpConfig cfg = MlpConfig.of(3, 2, 5, 4).withActivation(act).withTimeInput(true).withDataType(DataType.DOUBLE);
    Mlp net = new Mlp(cfg, rng);
    INDArray x = net.withTime(Tensors.randn(rng, DataType.DOUBLE, 7, 3), Tensors.uniform(rng, DataType.DOUBLE, 7, 1, 0, 1));
    INDArray r = Tensors.randn(rng, DataType.DOUBLE, 7, 2);

    INDArray grad = net.newGradient();
    INDArray inputGrad = net.backward(net.forward(x), r, grad, true);

    double h = 1e-6;
    INDArray p = net.params();
    for (int i = 0; i < p.length(); i++) {
      double orig = p.getDouble(i);
      p.putScalar(i, orig + h);
      double up = loss(net, x, r);
      p.putScalar(i, orig - h);
      double down = loss(net, x, r);
      p.putScalar(i, orig);
      double fd = (up - down) / (2 * h);
      // RELU has kinks; with random inputs none sits within h of zero (prob ~ 1e-5).
      assertEquals(fd, grad.getDouble(i), 1e-6 * Math.max(1, Math.abs(fd)), act + " param " + i);
    }
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.columns(); j++) {
        double orig = x.getDouble(i, j);
        x.putScalar(i, j, orig + h);
        double up = loss(net, x, r);
        x.putScalar(i, j, orig - h);
        double down = loss(net, x, r);
        x.putScalar(i, j, orig);
        assertEquals((up - down) / (2 * h), inputGrad.getDouble(i, j), 1e-6, act + " input " + i + "," + j);
      }
    }
  }

  @Test
  void paramsAreLiveViews() {
    Mlp net = new Mlp(MlpConfig.of(2, 1).withDataType(DataType.DOUBLE), Seeds.of(1).random());
    net.params().assign(0.0);
    net.params().putScalar(0, 2.0); // W[0,0]
    net.params().putScalar(2, 0.5); // b[0]
    INDArray out = net.predict(Nd4j.createFromArray(new double[][] {{3, 7}}));
    assertEquals(2 * 3 + 0.5, out.getDouble(0), 0.0);
  }

  @Test
  void adamFirstStepMatchesClosedForm() {
    // After one step, mhat = g and vhat = g^2, so p1 = p0 - lr * g / (|g| + eps) (Kingma and Ba 2015).
    INDArray p = Nd4j.createFromArray(1.0, -2.0, 0.5);
    INDArray g = Nd4j.createFromArray(0.3, -4.0, 0.0);
    new Adam(0.1).step(p, g.dup());
    assertEquals(1.0 - 0.1 * 0.3 / (0.3 + 1e-8), p.getDouble(0), 1e-12);
    assertEquals(-2.0 + 0.1 * 4.0 / (4.0 + 1e-8), p.getDouble(1), 1e-12);
    assertEquals(0.5, p.getDouble(2), 1e-12);
  }

  @Test
  void adamStridedAndContiguousPathsAgree() {
    // A column of a row-major matrix is strided, so it takes the ND4J-op path; its contiguous copy
    // takes the plain-Java loop. Both implement Kingma and Ba's Algorithm 1 and must agree.
    INDArray matrix = Nd4j.createFromArray(new double[][] {{1.0, 9}, {-2.0, 9}, {0.5, 9}});
    INDArray strided = matrix.getColumn(0);
    INDArray contiguous = strided.dup();
    Adam a = new Adam(0.05);
    Adam b = new Adam(0.05);
    for (int step = 1; step <= 5; step++) {
      INDArray g = Nd4j.createFromArray(0.3 * step, -4.0 / step, 1e-3);
      a.step(strided, g.dup());
      b.step(contiguous, g.dup());
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(contiguous.getDouble(i), matrix.getDouble(i, 0), 1e-12);
    }
    assertEquals(9.0, matrix.getDouble(0, 1), 0.0, "the other column is untouched");
  }

  @Test
  void clippingAndEma() {
    INDArray g = Nd4j.createFromArray(3.0, 4.0);
    assertEquals(5.0, Optimizer.clipGlobalNorm(g, 1.0), 1e-12);
    assertEquals(0.6, g.getDouble(0), 1e-12);
    assertEquals(0.8, g.getDouble(1), 1e-12);
    INDArray p = Nd4j.createFromArray(0.0, 0.0);
    Ema ema = new Ema(p, 0.9);
    p.assign(1.0);
    ema.update(p);
    ema.update(p);
    // s2 = 1 - 0.9^2
    assertEquals(0.19, ema.average().getDouble(0), 1e-12);
  }

  @Test
  void adamTrainingFitsASmoothFunction() {
    // y = sin(3x) on [-1, 1]: a 1-32-32-1 tanh MLP reaches MSE < 1e-3 (variance of y is ~0.5).
    SplittableRandom rng = Seeds.of(5).random();
    Mlp net = new Mlp(MlpConfig.of(1, 1, 32, 32), rng);
    Adam adam = new Adam(1e-2);
    INDArray grad = net.newGradient();
    INDArray x = Tensors.uniform(rng, DataType.FLOAT, 256, 1, -1, 1);
    INDArray y = org.nd4j.linalg.ops.transforms.Transforms.sin(x.mul(3), true);
    double loss = Double.NaN;
    for (int step = 0; step < 1500; step++) {
      Mlp.Trace tr = net.forward(x);
      Losses.LossAndGradient lg = Losses.mse(tr.output(), y);
      loss = lg.loss();
      net.backward(tr, lg.gradient(), grad, false);
      adam.step(net.params(), grad);
    }
    assertTrue(loss < 1e-3, "final MSE " + loss);
  }

  @Test
  void staleTraceIsRejectedAndPredictLeavesTracesValid() {
    Mlp net = new Mlp(MlpConfig.of(2, 1, 3), Seeds.of(9).random());
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
    Mlp.Trace first = net.forward(x);
    INDArray out = first.output().dup();
    net.predict(Nd4j.rand(DataType.FLOAT, 4, 2)); // separate buffers
    assertEquals(out, first.output());
    net.backward(first, Nd4j.ones(DataType.FLOAT, 4, 1), net.newGradient(), false);
    net.forward(Nd4j.rand(DataType.FLOAT, 4, 2));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> net.backward(first, Nd4j.ones(DataType.FLOAT, 4, 1), net.newGradient(), false));
    assertTrue(e.getMessage().contains("trace is stale"), e.getMessage());
  }

  @Test
  void badShapesAreReported() {
    Mlp net = new Mlp(MlpConfig.of(3, 1, 4), Seeds.of(1).random());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.predict(Nd4j.zeros(DataType.FLOAT, 2, 2)));
    assertTrue(e.getMessage().contains("columns of x (2) must equal network input width (3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MlpConfig.of(3, 1, 4, 0));
    assertTrue(e.getMessage().contains("hidden[1] = 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    assertTrue(e.getMessage().contains("swish"), e.getMessage());
  }
}
