package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

class FusedTanhTest {
  /** The test JVM runs with the Vector API (surefire's argLine), so the fused path is exercised. */
  @Test
  void fusedPathIsActiveInTests() {
    assertTrue(FusedTanh.available(), "run the tests with --add-modules jdk.incubator.vector");
  }

  /**
   * A float tanh network (fused passes) against the same parameters in double (ND4J-op path, whose
   * gradient MlpTest checks against finite differences): outputs, loss and every parameter
   * gradient agree to float precision. Widths 5 and 37 leave SIMD remainders; 100 is the
   * benchmark's width.
   */
  @ParameterizedTest
  @ValueSource(ints = {5, 37, 100})
  void floatFusedEqualsDoubleReference(int width) {
    SplittableRandom rng = Seeds.of(31).random();
    MlpConfig cfg = MlpConfig.of(3, 2, width, width);
    Mlp net = new Mlp(cfg, rng);
    Mlp ref = Mlp.withParams(cfg.withDataType(DataType.DOUBLE), net.params());
    INDArray x = Tensors.randn(rng, DataType.DOUBLE, 257, 3).muli(2);
    INDArray y = Tensors.randn(rng, DataType.DOUBLE, 257, 2);

    Mlp.Trace tr = ref.forward(x);
    Losses.LossAndGradient lr = Losses.mse(tr.output(), y);
    INDArray gRef = ref.newGradient();
    ref.backward(tr, lr.gradient(), gRef, false);

    INDArray xf = x.castTo(DataType.FLOAT);
    Mlp.Trace tf = net.forward(xf);
    Losses.LossAndGradient lf = Losses.mse(tf.output(), y.castTo(DataType.FLOAT));
    INDArray gF = net.newGradient();
    net.backward(tf, lf.gradient(), gF, false);

    assertArrayEquals(tr.output().ravel().toDoubleVector(), tf.output().castTo(DataType.DOUBLE).ravel().toDoubleVector(), 2e-5);
    assertEquals(lr.loss(), lf.loss(), 1e-5 * lr.loss());
    double[] a = gRef.toDoubleVector();
    double[] b = gF.castTo(DataType.DOUBLE).toDoubleVector();
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-4 * scale, "gradient entry " + i);
    }
  }

  /**
   * The SIMD tanh against Math.tanh (the reference) on a fine grid over [-10, 10], at tiny
   * arguments, at the boundaries of its two branches, and for NaN and infinities; and the same
   * bits when computed twice (before and after the JIT compiles the loop: it uses no vendor math).
   */
  @Test
  void tanhMatchesMathTanh() {
    int n = 200_001;
    float[] x = new float[n + 8];
    for (int i = 0; i < n; i++) {
      x[i] = -10f + 20f * i / (n - 1);
    }
    float[] extra = {1e-30f, -1e-7f, 0.0625f, -0.0625f, 0.06249f, 9f, Float.NaN, Float.POSITIVE_INFINITY};
    System.arraycopy(extra, 0, x, n, extra.length);
    float[] zero = new float[x.length];
    float[] z = x.clone();
    float[] a = new float[x.length];
    FusedTanh.get().biasTanh(z, a, zero, 1, x.length);
    double worst = 0;
    for (int i = 0; i < x.length - 2; i++) {
      double ref = Math.tanh(x[i]);
      worst = Math.max(worst, Math.abs(a[i] - ref));
      if (Math.abs(x[i]) < 0.0625f && x[i] != 0) {
        assertEquals(ref, a[i], 2e-7 * Math.abs(ref), "relative error at " + x[i]);
      }
    }
    assertTrue(worst < 3e-7, "largest absolute error " + worst);
    assertTrue(Float.isNaN(a[x.length - 2]));
    assertEquals(1f, a[x.length - 1]);
    assertEquals(-1f, -a[x.length - 1]);
    float[] again = new float[x.length];
    for (int rep = 0; rep < 200; rep++) {
      FusedTanh.get().biasTanh(x.clone(), again, zero, 1, x.length);
    }
    assertArrayEquals(a, again, 0f);
    // the row tail runs the scalar twin of the vector code: the same bits for every input
    for (int i = 0; i < x.length; i += 7) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(VectorTanh.scalarTanh(x[i])), "x = " + x[i]);
    }
  }
}
