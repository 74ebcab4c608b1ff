package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain-Java paths of Adam and Ema against closed forms and against each other. */
class OptimizerPathsTest {

  /**
   * Kingma and Ba's Algorithm 1 written out in double for float parameters, one rounding to float
   * per step: the reference for both the float INDArray path and the array path of Adam, which
   * must also agree with each other bit for bit.
   */
  @Test
  void adamFloatPathsFollowAlgorithm1AndAgreeBitForBit() {
    int n = 1000;
    SplittableRandom rng = new SplittableRandom(3);
    float[] p0 = new float[n];
    for (int i = 0; i < n; i++) {
      p0[i] = (float) rng.nextGaussian();
    }
    INDArray pa = Nd4j.createFromArray(p0.clone());
    float[] pb = p0.clone();
    double[] pr = new double[n];
    for (int i = 0; i < n; i++) {
      pr[i] = p0[i];
    }
    double[] m = new double[n];
    double[] v = new double[n];
    Adam a = new Adam(0.01);
    Adam b = new Adam(0.01);
    for (int t = 1; t <= 7; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) (rng.nextGaussian() * Math.pow(10, -rng.nextInt(6)));
      }
      g[0] = 0f;
      a.step(pa, Nd4j.createFromArray(g.clone()));
      b.step(pb, g.clone(), n);
      for (int i = 0; i < n; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * (double) g[i];
        double mhat = m[i] / (1 - Math.pow(0.9, t));
        double vhat = v[i] / (1 - Math.pow(0.999, t));
        pr[i] = (float) (pr[i] - 0.01 * mhat / (Math.sqrt(vhat) + 1e-8));
      }
    }
    float[] fa = pa.toFloatVector();
    for (int i = 0; i < n; i++) {
      assertEquals(Float.floatToRawIntBits(fa[i]), Float.floatToRawIntBits(pb[i]), "entry " + i);
      // the reference groups the bias corrections differently: a few ulps apart at most
      assertEquals(pr[i], fa[i], 4 * Math.ulp((float) pr[i]), "entry " + i);
    }
    assertEquals(7, a.steps());
    assertEquals(7, b.steps());
  }

  @Test
  void adamArrayStepRejectsAnotherSize() {
    Adam a = new Adam(0.1);
    a.step(new float[4], new float[4], 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.step(new float[5], new float[5], 5));
    assertTrue(e.getMessage().contains("used on 4 parameters, not 5"), e.getMessage());
  }

  /** After k updates with constant parameters p, the average is d^k s0 + (1 - d^k) p. */
  @Test
  void emaMatchesItsClosedFormInFloatAndDouble() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray s0 = Nd4j.createFromArray(1.0, -2.0, 0.5, 3.0).castTo(type);
      Ema ema = new Ema(s0, 0.9);
      INDArray p = Nd4j.createFromArray(0.25, 4.0, -1.0, 3.0).castTo(type);
      for (int k = 0; k < 20; k++) {
        ema.update(p);
      }
      double dk = Math.pow(0.9, 20);
      double tol = type == DataType.FLOAT ? 1e-6 : 1e-13;
      for (int i = 0; i < 4; i++) {
        assertEquals(dk * s0.getDouble(i) + (1 - dk) * p.getDouble(i), ema.average().getDouble(i), tol, type + " " + i);
      }
    }
  }

  /**
   * Strided parameters (a matrix column) take the ND4J-op path {@code s.muli(d).addi(p.mul(1 - d))}:
   * the Java path of contiguous vectors must give its bits, in float and in double, over many
   * updates with changing parameters (the reference is ND4J's own arithmetic).
   */
  @Test
  void emaStridedAndContiguousPathsAgreeBitForBit() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 257;
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (double decay : new double[] {0.8, 0.99, 0.999}) {
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
          start[i] = rng.nextGaussian();
        }
        INDArray s0 = Nd4j.createFromArray(start).castTo(type);
        Ema a = new Ema(s0, decay);
        Ema b = new Ema(s0, decay);
        for (int k = 0; k < 50; k++) {
          double[][] m = new double[n][2];
          for (int i = 0; i < n; i++) {
            m[i][0] = rng.nextGaussian();
            m[i][1] = 9;
          }
          INDArray strided = Nd4j.createFromArray(m).castTo(type).getColumn(0);
          assertTrue(strided.elementWiseStride() != 1, "the column must be strided");
          a.update(strided);
          b.update(strided.dup());
        }
        for (int i = 0; i < n; i++) {
          if (type == DataType.FLOAT) {
            assertEquals(Float.floatToRawIntBits(a.average().getFloat(i)),
                Float.floatToRawIntBits(b.average().getFloat(i)), type + " decay " + decay + " entry " + i);
          } else {
            assertEquals(Double.doubleToRawLongBits(a.average().getDouble(i)),
                Double.doubleToRawLongBits(b.average().getDouble(i)), type + " decay " + decay + " entry " + i);
          }
        }
      }
    }
  }
}
