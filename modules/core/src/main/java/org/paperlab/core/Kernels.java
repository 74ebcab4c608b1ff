package org.paperlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Numerically stable kernels that every method shares.
 *
 * <p>Log-sum-exp is computed with the max-shift identity
 * {@code LSE(x) = m + log sum_j exp(x_j - m)}, {@code m = max_j x_j}, so no term overflows and the
 * largest term is exactly {@code exp(0) = 1}: rows of large negative values such as
 * {@code [-1000, -1000]} give {@code -1000 + ln 2}, where ND4J 1.0.0-M2.1's own
 * {@code logSumExp} underflows to {@code -inf}. A row that is entirely {@code -inf} gives
 * {@code -inf} (an empty sum), not NaN.
 *
 * <p>The soft-min with temperature {@code eps} is
 * {@code softmin_eps(x) = -eps * LSE(-x / eps)} (Cuturi 2013; Peyre and Cuturi 2019,
 * "Computational Optimal Transport", Eq. 4.43), which tends to {@code min_j x_j} as
 * {@code eps -> 0}.
 *
 * <p>Array kernels work on rank-1 vectors (axis 0) and on matrices along axis 0 (per column) or
 * axis 1 (per row), in the array's own data type (float or double). The {@code float[]}/
 * {@code double[]} overloads are allocation-free kernels for per-row work in plain Java loops,
 * where an ND4J call per row would cost more than the arithmetic.
 */
public final class Kernels {
  private Kernels() {}

  /**
   * Stable log-sum-exp along {@code axis}: a rank-1 result with one entry per row (axis 1) or per
   * column (axis 0); for a rank-1 input, a scalar array.
   */
  public static INDArray logSumExp(INDArray x, int axis) {
    checkAxis(x, axis);
    INDArray m = x.max(true, axis);
    // A row of -inf (or +inf) has an infinite max; shifting by it would give NaN.
    BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
    INDArray shifted = x.rank() == 1 ? x.sub(m.getDouble(0)) : broadcastSub(x, m, axis);
    Transforms.exp(shifted, false);
    INDArray s = shifted.sum(axis);
    Transforms.log(s, false);
    return s.addi(m.reshape(s.shape()));
  }

  /** Stable softmax along {@code axis}: {@code exp(x - LSE(x))}. */
  public static INDArray softmax(INDArray x, int axis) {
    checkAxis(x, axis);
    INDArray lse = logSumExp(x, axis);
    INDArray out =
        x.rank() == 1
            ? x.sub(lse.getDouble(0))
            : broadcastSub(x, lse.reshape(axis == 1 ? new long[] {x.rows(), 1} : new long[] {1, x.columns()}), axis);
    return Transforms.exp(out, false);
  }

  /** Soft-min along {@code axis}: {@code -eps * LSE(-x / eps)}; {@code eps > 0}. */
  public static INDArray softMin(INDArray x, int axis, double eps) {
    Checks.positive("eps", eps);
    return logSumExp(x.div(-eps), axis).muli(-eps);
  }

  /**
   * Pairwise squared Euclidean distances {@code D_ij = |x_i - y_j|^2} between the rows of
   * {@code x} (n x d) and {@code y} (m x d), by {@code |x|^2 + |y|^2 - 2 x y^T} with one GEMM;
   * round-off below zero is clamped to 0.
   */
  public static INDArray pairwiseSquaredDistances(INDArray x, INDArray y) {
    Checks.matrix("x", x);
    Checks.matrix("y", y);
    Checks.sameSize("columns of x", x.columns(), "columns of y", y.columns());
    Checks.require(
        x.dataType() == y.dataType(),
        "x and y must have the same data type, got %s and %s", x.dataType(), y.dataType());
    INDArray xx = x.mul(x).sum(true, 1); // n x 1
    INDArray yy = y.mul(y).sum(true, 1).reshape(1, y.rows()); // 1 x m
    INDArray d = x.mmul(y.transpose()).muli(-2.0);
    d.addiColumnVector(xx).addiRowVector(yy);
    return Transforms.max(d, 0.0, false);
  }

  /** Stable log-sum-exp of {@code v[off .. off+len)}; {@code -inf} for an empty or all--inf slice. */
  public static double logSumExp(double[] v, int off, int len) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = off; i < off + len; i++) {
      if (v[i] > m) {
        m = v[i];
      }
    }
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int i = off; i < off + len; i++) {
      s += Math.exp(v[i] - m);
    }
    return m + Math.log(s);
  }

  /** Stable log-sum-exp of a float slice, accumulated in double. */
  public static double logSumExp(float[] v, int off, int len) {
    float m = Float.NEGATIVE_INFINITY;
    for (int i = off; i < off + len; i++) {
      if (v[i] > m) {
        m = v[i];
      }
    }
    if (m == Float.NEGATIVE_INFINITY || m == Float.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int i = off; i < off + len; i++) {
      s += Math.exp(v[i] - m);
    }
    return m + Math.log(s);
  }

  private static INDArray broadcastSub(INDArray x, INDArray keepDims, int axis) {
    return axis == 1 ? x.subColumnVector(keepDims) : x.subRowVector(keepDims);
  }

  private static void checkAxis(INDArray x, int axis) {
    Checks.notNull("x", x);
    if (x.rank() == 1) {
      Checks.require(axis == 0, "axis = %d is invalid for a vector; use 0", axis);
    } else {
      Checks.require(x.rank() == 2, "x must be a vector or a matrix, got rank %d", x.rank());
      Checks.require(axis == 0 || axis == 1, "axis = %d must be 0 or 1 for a matrix", axis);
    }
    Checks.require(x.length() > 0, "x must not be empty");
  }
}
