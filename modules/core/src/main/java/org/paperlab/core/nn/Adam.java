package org.paperlab.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.paperlab.core.Checks;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): {@code m <- b1 m + (1-b1) g},
 * {@code v <- b2 v + (1-b2) g^2}, {@code p <- p - lr mhat / (sqrt(vhat) + eps)} with the bias
 * corrections {@code mhat = m/(1-b1^t)}, {@code vhat = v/(1-b2^t)}; the same update as PyTorch's
 * {@code torch.optim.Adam} without weight decay.
 */
public final class Adam implements Optimizer {
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private INDArray m;
  private INDArray v;
  private double[] mj;
  private double[] vj;
  private float[] pf;
  private float[] gf;
  private double[] gd;
  private double[] dd;
  private long steps;

  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    this.learningRate = Checks.positive("learningRate", learningRate);
    this.beta1 = Checks.inClosed("beta1", beta1, 0.0, 0.999999);
    this.beta2 = Checks.inClosed("beta2", beta2, 0.0, 0.999999999);
    this.epsilon = Checks.positive("epsilon", epsilon);
  }

  /** Adam with PyTorch's defaults {@code b1 = 0.9, b2 = 0.999, eps = 1e-8}. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8);
  }

  public double learningRate() {
    return learningRate;
  }

  @Override
  public void step(INDArray params, INDArray grad) {
    Checks.sameSize("grad length", grad.length(), "params length", params.length());
    steps++;
    double bc1 = 1 - Math.pow(beta1, steps);
    double bc2 = 1 - Math.pow(beta2, steps);
    if (contiguous(params) && contiguous(grad) && params.dataType() == grad.dataType()) {
      stepInJava(params, grad, learningRate / bc1, 1.0 / bc2);
      return;
    }
    if (m == null) {
      m = grad.ulike();
      v = grad.ulike();
    }
    m.muli(beta1).addi(grad.mul(1 - beta1));
    v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
    // p -= (lr / bc1) m / (sqrt(v / bc2) + eps)
    INDArray denom = Transforms.sqrt(v.mul(1.0 / bc2), false).addi(epsilon);
    params.subi(denom.rdivi(m).muli(learningRate / bc1));
  }

  /**
   * The same update as one Java loop over copies of the flat vectors (moments kept in double): on
   * a parameter vector of a few thousand entries this costs less than ten ND4J calls.
   */
  private void stepInJava(INDArray params, INDArray grad, double stepSize, double invBc2) {
    int n = Math.toIntExact(params.length());
    ensureMoments(n);
    if (params.dataType() == DataType.FLOAT) {
      // bulk copies of the native memory (the same values as getDoublesAt, without boxing
      // through double arrays)
      java.nio.FloatBuffer pb = params.data().asNioFloat();
      java.nio.FloatBuffer gb = grad.data().asNioFloat();
      int po = Math.toIntExact(params.offset());
      int go = Math.toIntExact(grad.offset());
      if (pf == null || pf.length != n) {
        pf = new float[n];
        gf = new float[n];
      }
      pb.get(po, pf, 0, n);
      gb.get(go, gf, 0, n);
      update(pf, gf, n, stepSize, invBc2);
      pb.put(po, pf, 0, n);
      java.lang.ref.Reference.reachabilityFence(params);
      java.lang.ref.Reference.reachabilityFence(grad);
      return;
    }
    double[] p = params.data().getDoublesAt(params.offset(), n);
    double[] g = grad.data().getDoublesAt(grad.offset(), n);
    for (int i = 0; i < n; i++) {
      mj[i] = beta1 * mj[i] + (1 - beta1) * g[i];
      vj[i] = beta2 * vj[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= stepSize * mj[i] / (Math.sqrt(vj[i] * invBc2) + epsilon);
    }
    params.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(p).reshape(params.shape()));
  }

  /**
   * One step on float parameters held in a Java array ({@code n} entries, updated in place) with
   * the gradient {@code grad}: the same arithmetic, and so the same bits, as {@link #step} on a
   * float {@code INDArray}, and the same moments and step count (the two may be mixed).
   */
  void step(float[] params, float[] grad, int n) {
    Checks.require(params.length >= n && grad.length >= n, "arrays shorter than %d", n);
    Checks.require(mj == null || mj.length == n, "this optimizer was used on %d parameters, not %d",
        mj == null ? 0 : mj.length, n);
    steps++;
    double bc1 = 1 - Math.pow(beta1, steps);
    double bc2 = 1 - Math.pow(beta2, steps);
    ensureMoments(n);
    update(params, grad, n, learningRate / bc1, 1.0 / bc2);
  }

  /**
   * The update of {@link #stepInJava} on float arrays: moments and step in double, rounded once.
   * Three loops (widen the gradient, update the moments and the step, apply it) rather than one:
   * each is a plain loop over one type that the JIT compiles to SIMD code (the mixed one ran
   * 3x slower, bound by the latency of its scalar square roots). The operations and their order
   * per entry are the one-loop ones, so the bits are too.
   */
  private void update(float[] p, float[] g, int n, double stepSize, double invBc2) {
    double[] m = mj;
    double[] v = vj;
    if (gd == null || gd.length < n) {
      gd = new double[n];
      dd = new double[n];
    }
    double[] gw = gd;
    double[] d = dd;
    for (int i = 0; i < n; i++) {
      gw[i] = g[i];
    }
    double b1 = beta1;
    double b2 = beta2;
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    double eps = epsilon;
    for (int i = 0; i < n; i++) {
      double gi = gw[i];
      double mi = b1 * m[i] + c1 * gi;
      double vi = b2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      d[i] = stepSize * mi / (Math.sqrt(vi * invBc2) + eps);
    }
    for (int i = 0; i < n; i++) {
      p[i] = (float) (p[i] - d[i]);
    }
  }

  private void ensureMoments(int n) {
    if (mj == null) {
      mj = new double[n];
      vj = new double[n];
    }
  }

  private static boolean contiguous(INDArray a) {
    return a.ordering() == 'c' && a.elementWiseStride() == 1
        && (a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
            || a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE);
  }

  @Override
  public long steps() {
    return steps;
  }
}
