package org.paperlab.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * Exponential moving average of parameters, {@code s <- d s + (1 - d) p} (Polyak and Juditsky
 * 1992; as used for sampling in Lee et al. 2024, "Improving the Training of Rectified Flows").
 *
 * <p>On contiguous float or double vectors (the flat parameters of an {@link Mlp}) the update is
 * one Java loop over bulk copies with the operations of the ND4J form
 * {@code shadow.muli(d).addi(params.mul(1 - d))}, in the vectors' type (for float: {@code d} and
 * {@code 1 - d} rounded to float, each product and the sum rounded to float), so both give the
 * same bits (tested); other layouts use the ND4J ops.
 */
public final class Ema {
  private final double decay;
  private final INDArray shadow;
  private double[] sj;
  private double[] pj;
  private float[] sf;
  private float[] pf;

  /** Starts the average at the current parameters. */
  public Ema(INDArray params, double decay) {
    this.decay = Checks.inClosed("decay", decay, 0.0, 1.0);
    this.shadow = params.dup();
  }

  /** Folds the current parameters into the average. */
  public void update(INDArray params) {
    Checks.sameSize("params length", params.length(), "average length", shadow.length());
    if (plain(shadow) && plain(params) && params.dataType() == shadow.dataType()) {
      updateInJava(params);
      return;
    }
    shadow.muli(decay).addi(params.mul(1 - decay));
  }

  private void updateInJava(INDArray params) {
    int n = Math.toIntExact(shadow.length());
    int so = Math.toIntExact(shadow.offset());
    int po = Math.toIntExact(params.offset());
    double d = decay;
    double c = 1 - decay;
    if (shadow.dataType() == DataType.FLOAT) {
      if (sf == null) {
        sf = new float[n];
        pf = new float[n];
      }
      java.nio.FloatBuffer sb = shadow.data().asNioFloat();
      sb.get(so, sf, 0, n);
      params.data().asNioFloat().get(po, pf, 0, n);
      float fd = (float) d;
      float fc = (float) c;
      for (int i = 0; i < n; i++) {
        sf[i] = sf[i] * fd + pf[i] * fc;
      }
      sb.put(so, sf, 0, n);
    } else {
      if (sj == null) {
        sj = new double[n];
        pj = new double[n];
      }
      java.nio.DoubleBuffer sb = shadow.data().asNioDouble();
      sb.get(so, sj, 0, n);
      params.data().asNioDouble().get(po, pj, 0, n);
      for (int i = 0; i < n; i++) {
        sj[i] = sj[i] * d + pj[i] * c;
      }
      sb.put(so, sj, 0, n);
    }
    java.lang.ref.Reference.reachabilityFence(params);
  }

  private static boolean plain(INDArray a) {
    return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
        && a.ordering() == 'c' && a.elementWiseStride() == 1;
  }

  /** The averaged parameters (live; copy before modifying). */
  public INDArray average() {
    return shadow;
  }

  /** A network with the averaged parameters. */
  public Mlp toMlp(MlpConfig config) {
    return Mlp.withParams(config, shadow);
  }
}
