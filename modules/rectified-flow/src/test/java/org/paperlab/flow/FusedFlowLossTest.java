package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.nn.Adam;
import org.paperlab.core.nn.Mlp;
import org.paperlab.core.nn.MlpConfig;
import org.paperlab.core.nn.MlpTrainer;

/**
 * The flow losses as the loss hook of core's fused trainer: the same output gradient bits as
 * {@link FlowLoss#lossAndGradient}, and a parameter gradient that matches the double-precision
 * reference (the loss's gradient by {@code lossAndGradient}, checked against finite differences
 * in {@link FlowLossTest}, chained by {@link Mlp#backward} in double, checked against finite
 * differences in core's MlpTest).
 */
class FusedFlowLossTest {
  private static final FlowLoss[] LOSSES = {
    new FlowLoss.SquaredL2(FlowLoss.Reduction.SUM), new FlowLoss.SquaredL2(FlowLoss.Reduction.MEAN),
    new FlowLoss.PseudoHuber(0.3), new FlowLoss.PseudoHuber(0)
  };

  /** Rows with a padded stride, in blocks, give lossAndGradient's gradient bits and loss. */
  @Test
  void rowBlocksGiveTheGradientBitsOfLossAndGradient() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 50;
    int d = 3;
    int ld = 16;
    for (FlowLoss loss : LOSSES) {
      float[] r = new float[n * d];
      for (int q = 0; q < r.length; q++) {
        r[q] = (float) rng.nextGaussian();
      }
      float[] g = new float[n * d];
      double expected = loss.lossAndGradient(r, n, d, g);
      float[] padded = new float[n * ld];
      for (int i = 0; i < n; i++) {
        System.arraycopy(r, i * d, padded, i * ld, d);
      }
      FusedFlowLoss hook = new FusedFlowLoss(loss);
      // two blocks of rows, the running sum passed along
      double sum = hook.backward(padded, ld, 20, d, n, 0);
      float[] rest = java.util.Arrays.copyOfRange(padded, 20 * ld, n * ld);
      sum = hook.backward(rest, ld, n - 20, d, n, sum);
      System.arraycopy(rest, 0, padded, 20 * ld, rest.length);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) {
          assertEquals(Float.floatToRawIntBits(g[i * d + k]), Float.floatToRawIntBits(padded[i * ld + k]),
              loss + " entry " + i + ", " + k);
        }
      }
      assertEquals(expected, hook.loss(sum, n, d), 1e-15 * Math.abs(expected), loss.toString());
    }
  }

  /** The fused trainer's parameter gradient on each loss against the double ND4J reference. */
  @Test
  void parameterGradientMatchesTheDoubleReference() {
    int n = 700;
    int d = 2;
    for (FlowLoss loss : LOSSES) {
      SplittableRandom rng = new SplittableRandom(9);
      MlpConfig cfg = new MlpConfig(d, java.util.List.of(37, 37), d, org.paperlab.core.nn.Activation.TANH,
          true, DataType.FLOAT);
      Mlp net = new Mlp(cfg, rng);
      float[] x = new float[n * (d + 1)];
      float[] y = new float[n * d];
      for (int q = 0; q < x.length; q++) {
        x[q] = (float) rng.nextGaussian();
      }
      for (int q = 0; q < y.length; q++) {
        y[q] = (float) (2 * rng.nextGaussian());
      }
      Mlp ref = Mlp.withParams(cfg.withDataType(DataType.DOUBLE), net.params());
      Mlp.Trace tr = ref.forward(Nd4j.createFromArray(x).reshape(n, d + 1).castTo(DataType.DOUBLE));
      double[] out = tr.output().dup().ravel().toDoubleVector();
      float[] r = new float[n * d];
      for (int q = 0; q < r.length; q++) {
        r[q] = (float) (out[q] - y[q]);
      }
      float[] go = new float[n * d];
      double expectedLoss = loss.lossAndGradient(r, n, d, go);
      INDArray gRef = ref.newGradient();
      ref.backward(tr, Nd4j.createFromArray(go).reshape(n, d).castTo(DataType.DOUBLE), gRef, false);

      MlpTrainer t = new MlpTrainer(net, new Adam(1e-3), 2, 0, new FusedFlowLoss(loss));
      float[] g = new float[(int) cfg.parameterCount()];
      double got = t.gradient(x, y, n, g);
      assertEquals(expectedLoss, got, 1e-5 * expectedLoss, loss.toString());
      double[] a = gRef.toDoubleVector();
      double scale = 0;
      for (double v : a) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], g[i], 1e-4 * scale, loss + " gradient entry " + i);
      }
    }
  }
}
