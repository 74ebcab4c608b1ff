package org.paperlab.gsd;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The continuous synthetic table that {@link RelaxedProjection} optimises, and its Adam state:
 * every categorical cell is a vector of logits {@code theta} with the distribution
 * {@code p = softmax(theta)} over its categories, every numeric cell a value {@code x in [0, 1]}.
 *
 * <p>Row {@code r}'s logits (and probabilities) of categorical column {@code j} are
 * {@code theta[r * width + catOff[j] .. + catSize[j])}; its numeric values are
 * {@code x[r * dn .. r * dn + dn)}. The arrays are read directly by the factor evaluation
 * ({@link BlockWorker}) and written only here.
 *
 * <p>{@link #adamStep} is Adam (Kingma and Ba 2015) with {@code beta1 = 0.9},
 * {@code beta2 = 0.999}, {@code eps = 1e-8}, bias-corrected as
 * {@code param -= (lr / (1 - beta1^t)) m / (sqrt(v / (1 - beta2^t)) + eps)}, with separate step
 * sizes for the logits and the numeric values, which are then projected back to {@code [0, 1]}.
 */
final class RelaxedTable {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  /** Relaxed rows {@code N'}. */
  final int n;
  final int dc;
  final int dn;
  /** Category count of each categorical column. */
  final int[] catSize;
  /** Offset of each categorical column's block within a row of {@link #theta} and {@link #p}. */
  final int[] catOff;
  /** Logits per row: the sum of the category counts. */
  final int width;
  /** Logits, {@code n x width}. */
  final float[] theta;
  /** Numeric values in {@code [0, 1]}, {@code n x dn}. */
  final float[] x;
  /** {@code softmax(theta)} per categorical cell, as of the last {@link #softmax()}. */
  final float[] p;
  private final float[] mTheta;
  private final float[] vTheta;
  private final float[] mX;
  private final float[] vX;

  private RelaxedTable(Schema s, int n) {
    this.n = n;
    this.dc = s.dc();
    this.dn = s.dn();
    this.catSize = s.catSizes();
    this.catOff = new int[dc];
    int w = 0;
    for (int j = 0; j < dc; j++) {
      catOff[j] = w;
      w += catSize[j];
    }
    this.width = w;
    this.theta = new float[n * width];
    this.x = new float[n * dn];
    this.p = new float[n * width];
    this.mTheta = new float[theta.length];
    this.vTheta = new float[theta.length];
    this.mX = new float[x.length];
    this.vX = new float[x.length];
  }

  /**
   * A table of {@code n} rows: from {@code warm} (resized to {@code n} rows; logit 2 on every
   * cell's value, the numeric values as they are), else random (logits {@code N(0, 0.1^2)}, then
   * numeric values uniform in {@code [0, 1)}, drawn in that order from {@code rng}).
   */
  static RelaxedTable start(Schema s, int n, Optional<Table> warm, SplittableRandom rng) {
    RelaxedTable t = new RelaxedTable(s, n);
    if (warm.isPresent()) {
      t.copyFrom(Gsd.resize(warm.get(), n));
    } else {
      t.randomize(rng);
    }
    return t;
  }

  private void copyFrom(Table t) {
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < dc; j++) {
        theta[r * width + catOff[j] + t.cat(r, j)] = 2f;
      }
      for (int j = 0; j < dn; j++) {
        x[r * dn + j] = t.num(r, j);
      }
    }
  }

  private void randomize(SplittableRandom rng) {
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) (0.1 * rng.nextGaussian());
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
  }

  /** Sets {@link #p} to the softmax of every categorical cell's logits (max-shifted). */
  void softmax() {
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < dc; j++) {
        int o = r * width + catOff[j];
        float mx = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < catSize[j]; k++) {
          mx = Math.max(mx, theta[o + k]);
        }
        float sum = 0;
        for (int k = 0; k < catSize[j]; k++) {
          float e = (float) Math.exp(theta[o + k] - mx);
          p[o + k] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int k = 0; k < catSize[j]; k++) {
          p[o + k] *= inv;
        }
      }
    }
  }

  /**
   * The softmax backward pass: from {@code gp = dL/dp} (laid out as {@link #p}), writes
   * {@code dL/dtheta = p * (gp - <p, gp>)} per cell into {@code gTheta}.
   */
  void softmaxBackward(float[] gp, float[] gTheta) {
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < dc; j++) {
        int o = r * width + catOff[j];
        float dot = 0;
        for (int k = 0; k < catSize[j]; k++) {
          dot += p[o + k] * gp[o + k];
        }
        for (int k = 0; k < catSize[j]; k++) {
          gTheta[o + k] = p[o + k] * (gp[o + k] - dot);
        }
      }
    }
  }

  /**
   * Adam step {@code t} (from 1) on the logits with step size {@code lr} and on the numeric
   * values with {@code lrX}, then clips the numeric values to {@code [0, 1]}.
   */
  void adamStep(float[] gTheta, float[] gX, int t, double lr, double lrX) {
    double bc1 = 1 - Math.pow(BETA1, t);
    double bc2 = 1 - Math.pow(BETA2, t);
    float step = (float) (lr / bc1);
    float stepX = (float) (lrX / bc1);
    float c2 = (float) (1 / bc2);
    adam(theta, gTheta, mTheta, vTheta, (float) BETA1, (float) BETA2, step, c2, (float) EPS);
    adam(x, gX, mX, vX, (float) BETA1, (float) BETA2, stepX, c2, (float) EPS);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(1f, Math.max(0f, x[i]));
    }
  }

  private static void adam(float[] param, float[] g, float[] m, float[] v, float b1, float b2, float step, float c2, float eps) {
    for (int i = 0; i < param.length; i++) {
      float gi = g[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      param[i] -= step * m[i] / ((float) Math.sqrt(v[i] * c2) + eps);
    }
  }
}
