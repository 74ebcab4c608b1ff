package org.paperlab.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

  /** Below this many entries a kernel runs on the calling thread only. */
  private static final long PARALLEL_THRESHOLD = 1 << 15;

  /** Dimensions up to which pairwise distances use the fused loop instead of a GEMM. */
  private static final int FUSED_DISTANCE_MAX_DIM = 16;

  /**
   * Stable log-sum-exp along {@code axis}: a rank-1 result with one entry per row (axis 1) or per
   * column (axis 0); for a rank-1 input, a 1-element vector. Same data type as {@code x}.
   *
   * <p>Runs as a plain-Java loop straight over the array's native buffer (two reads per entry,
   * no temporaries), split over the cores by rows: JMH {@code LogSumExpBench} measured it faster
   * than both ND4J's {@code LogSumExp} op and the same max-shift formula written with ND4J ops.
   */
  public static INDArray logSumExp(INDArray x, int axis) {
    return reduceLse(x, axis, 1.0);
  }

  /** Stable softmax along {@code axis}: {@code exp(x - LSE(x))}, a new array. */
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
    return reduceLse(x, axis, -1.0 / eps).muli(-eps);
  }

  /**
   * Pairwise squared Euclidean distances {@code D_ij = |x_i - y_j|^2} between the rows of
   * {@code x} (n x d) and {@code y} (m x d). For {@code d <= 16} a fused loop computes each entry
   * directly (exact, one write per entry); for larger {@code d}, {@code |x|^2 + |y|^2 - 2 x y^T}
   * with one GEMM. That formula's rounding error is about {@code d u (|x_i|^2 + |y_j|^2)} (unit
   * round-off {@code u}), so an entry below {@code 4 d u (|x_i|^2 + |y_j|^2)} (near-duplicate
   * points, and every self-distance) carries no correct digit: such entries are recomputed
   * directly in double, which gives exactly 0 for identical points and full accuracy for close
   * ones; the rest is clamped at 0.
   */
  public static INDArray pairwiseSquaredDistances(INDArray x, INDArray y) {
    Checks.matrix("x", x);
    Checks.matrix("y", y);
    Checks.sameSize("columns of x", x.columns(), "columns of y", y.columns());
    Checks.require(
        x.dataType() == y.dataType(),
        "x and y must have the same data type, got %s and %s", x.dataType(), y.dataType());
    if (x.columns() <= FUSED_DISTANCE_MAX_DIM) {
      return fusedSquaredDistances(x, y);
    }
    INDArray xx = x.mul(x).sum(true, 1); // n x 1
    INDArray yy = y.mul(y).sum(true, 1).reshape(1, y.rows()); // 1 x m
    INDArray d = x.mmul(y.transpose()).muli(-2.0);
    d.addiColumnVector(xx).addiRowVector(yy);
    refineCancelled(d, x, y, xx.data().asDouble(), yy.data().asDouble());
    return Transforms.max(d, 0.0, false);
  }

  /** Recomputes directly the GEMM-path entries lost to cancellation (see above). */
  private static void refineCancelled(INDArray out, INDArray x, INDArray y, double[] xx, double[] yy) {
    int n = Math.toIntExact(x.rows());
    int m = Math.toIntExact(y.rows());
    int dim = Math.toIntExact(x.columns());
    boolean isFloat = out.dataType() == DataType.FLOAT;
    double u = isFloat ? Math.ulp(1.0f) / 2 : Math.ulp(1.0) / 2;
    double rel = 4.0 * dim * u;
    double[] xs = x.dup('c').data().asDouble();
    double[] ys = y.dup('c').data().asDouble();
    java.nio.Buffer buf = isFloat ? out.data().asNioFloat() : out.data().asNioDouble();
    rows(n, (long) n * m, i -> {
      long base = (long) i * m;
      for (int j = 0; j < m; j++) {
        int q = (int) (base + j);
        double v = isFloat ? ((java.nio.FloatBuffer) buf).get(q) : ((java.nio.DoubleBuffer) buf).get(q);
        if (v > rel * (xx[i] + yy[j])) {
          continue;
        }
        double s = 0;
        for (int k = 0, xo = i * dim, yo = j * dim; k < dim; k++) {
          double t = xs[xo + k] - ys[yo + k];
          s += t * t;
        }
        if (isFloat) {
          ((java.nio.FloatBuffer) buf).put(q, (float) s);
        } else {
          ((java.nio.DoubleBuffer) buf).put(q, s);
        }
      }
    });
  }

  private static INDArray fusedSquaredDistances(INDArray x, INDArray y) {
    int n = Math.toIntExact(x.rows());
    int m = Math.toIntExact(y.rows());
    int d = Math.toIntExact(x.columns());
    double[] xs = x.dup('c').data().asDouble();
    double[] ys = y.dup('c').data().asDouble();
    INDArray out = Nd4j.createUninitialized(x.dataType(), n, m);
    boolean isFloat = x.dataType() == DataType.FLOAT;
    java.nio.Buffer buf = isFloat ? out.data().asNioFloat() : out.data().asNioDouble();
    rows(n, (long) n * m * d, i -> {
      int xo = i * d;
      long base = (long) i * m;
      for (int j = 0; j < m; j++) {
        int yo = j * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
          double t = xs[xo + k] - ys[yo + k];
          s += t * t;
        }
        if (isFloat) {
          ((java.nio.FloatBuffer) buf).put((int) (base + j), (float) s);
        } else {
          ((java.nio.DoubleBuffer) buf).put((int) (base + j), s);
        }
      }
    });
    return out;
  }

  /**
   * {@code LSE(scale * x)} along {@code axis} in one pass over the native buffer; with
   * {@code scale = -1/eps} this is the soft-min kernel without a temporary for {@code -x/eps}.
   */
  private static INDArray reduceLse(INDArray x, int axis, double scale) {
    checkAxis(x, axis);
    // a c-ordered array whose elements are contiguous (also a view such as a reshape or a block
    // of whole rows) is read in place from its offset; anything else is copied once
    boolean inPlace = x.ordering() == 'c' && (!x.isView() || x.elementWiseStride() == 1);
    INDArray c = inPlace ? x : x.dup('c');
    long base = c.offset();
    int rows = x.rank() == 1 ? 1 : Math.toIntExact(c.rows());
    int cols = x.rank() == 1 ? Math.toIntExact(c.length()) : Math.toIntExact(c.columns());
    boolean isFloat = c.dataType() == DataType.FLOAT;
    Checks.require(
        isFloat || c.dataType() == DataType.DOUBLE,
        "x must be FLOAT or DOUBLE, got %s", c.dataType());
    // The NIO views below read c's native memory but do not keep c alive: without the
    // reachabilityFence at the end, a temporary c (the dup of a view) can be collected and its
    // memory freed by JavaCPP's deallocator while the rows are still being read (seen here as
    // garbage reads and a SIGSEGV in the bulk copy).
    java.nio.FloatBuffer fb = isFloat ? c.data().asNioFloat() : null;
    java.nio.DoubleBuffer db = isFloat ? null : c.data().asNioDouble();
    try {
      return reduceLse(fb, db, base, isFloat, rows, cols, axis == 1 || x.rank() == 1, scale);
    } finally {
      java.lang.ref.Reference.reachabilityFence(c);
    }
  }

  private static INDArray reduceLse(java.nio.FloatBuffer fb, java.nio.DoubleBuffer db, long base,
      boolean isFloat, int rows, int cols, boolean alongRows, double scale) {
    int outLen = alongRows ? rows : cols;
    double[] out = new double[outLen];
    if (alongRows) {
      // each row is copied in bulk into a per-thread array, then reduced in plain Java
      ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[cols]);
      ThreadLocal<float[]> fscratch = ThreadLocal.withInitial(() -> isFloat ? new float[cols] : null);
      rows(rows, (long) rows * cols, i -> {
        double[] r = scratch.get();
        readRow(fb, db, fscratch.get(), r, Math.toIntExact(base + (long) i * cols), cols, scale);
        out[i] = lseOfRow(r, cols);
      });
    } else {
      // per column: blocks of columns in parallel, rows streamed in order (cache friendly)
      int block = 256;
      int blocks = (cols + block - 1) / block;
      rows(blocks, (long) rows * cols, b -> {
        int j0 = b * block;
        int w = Math.min(cols, j0 + block) - j0;
        double[] row = new double[w];
        float[] frow = isFloat ? new float[w] : null;
        double[] m = new double[w];
        java.util.Arrays.fill(m, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++) {
          readRow(fb, db, frow, row, Math.toIntExact(base + (long) i * cols + j0), w, scale);
          for (int j = 0; j < w; j++) {
            if (row[j] > m[j] || Double.isNaN(row[j])) {
              m[j] = row[j];
            }
          }
        }
        double[] sum = new double[w];
        for (int i = 0; i < rows; i++) {
          readRow(fb, db, frow, row, Math.toIntExact(base + (long) i * cols + j0), w, scale);
          for (int j = 0; j < w; j++) {
            sum[j] += Math.exp(row[j] - m[j]);
          }
        }
        for (int j = 0; j < w; j++) {
          out[j0 + j] = Double.isFinite(m[j]) ? m[j] + Math.log(sum[j]) : m[j];
        }
      });
    }
    INDArray result = Nd4j.createFromArray(out);
    return isFloat ? result.castTo(DataType.FLOAT) : result;
  }

  private static void readRow(
      java.nio.FloatBuffer fb, java.nio.DoubleBuffer db, float[] frow, double[] row, int off, int w, double scale) {
    if (fb != null) {
      fb.get(off, frow, 0, w);
      for (int j = 0; j < w; j++) {
        row[j] = scale * frow[j];
      }
    } else {
      db.get(off, row, 0, w);
      if (scale != 1.0) {
        for (int j = 0; j < w; j++) {
          row[j] *= scale;
        }
      }
    }
  }

  /** LSE of {@code v[0..len)}: NaN if any entry is NaN, the max itself if it is infinite. */
  private static double lseOfRow(double[] v, int len) {
    double m = Double.NEGATIVE_INFINITY;
    boolean nan = false;
    for (int j = 0; j < len; j++) {
      m = Math.max(m, v[j]);
      nan |= v[j] != v[j];
    }
    if (nan) {
      return Double.NaN;
    }
    if (Double.isInfinite(m)) {
      return m;
    }
    double s = 0;
    for (int j = 0; j < len; j++) {
      s += Math.exp(v[j] - m);
    }
    return m + Math.log(s);
  }

  /**
   * Runs {@code body} for {@code 0..count-1}, in contiguous blocks over the cores when the work is
   * large ({@link Parallel}); each index writes only its own outputs.
   */
  private static void rows(int count, long work, java.util.function.IntConsumer body) {
    if (work < PARALLEL_THRESHOLD || count < 2) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    } else {
      Parallel.blocks(0, count, (b, lo, hi) -> {
        for (int i = lo; i < hi; i++) {
          body.accept(i);
        }
      });
    }
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
