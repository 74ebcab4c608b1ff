package org.paperlab.core.nn;

/**
 * The float kernels of {@link FusedMlpPass}: one small matrix product with an element-wise
 * epilogue, on plain row-major Java arrays, in two implementations that give the same bits: a
 * scalar one ({@link #scalar()}) and, when the JVM has the incubating Vector API, a SIMD one
 * ({@code VectorFloatKernels}).
 *
 * <p>The product is {@code C[r, c] = sum_t P[r, t] Q[t, c]} with {@code P} addressed through two
 * strides ({@code P[r, t] = p[pOff + r rs + t ts]}), so that {@code A B}, {@code A^T B} and
 * {@code A B^T}-with-{@code B^T}-stored are one kernel. Every entry is the chain
 * {@code acc = fma(P[r, t], Q[t, c], acc)} over {@code t = 0, 1, ..., kt - 1} in this order,
 * starting from {@code +0} (or from the value already in {@code C} when accumulating). Fused
 * multiply-add, add, subtract and multiply are exactly rounded IEEE operations in both Java and
 * the SIMD instructions, so the result of an entry does not depend on the implementation, the
 * vector length, the blocking or the JIT tier; only on {@code kt} and the data.
 *
 * <p>Shapes: {@code rows} is a multiple of {@link #ROW_BLOCK} and {@code cols} of
 * {@link #COL_BLOCK}; {@code P}, {@code Q} and {@code C} must hold that many (padded) rows and
 * columns; the reduction length {@code kt} is arbitrary. Callers pad with zeros; padded rows and
 * columns of {@code C} get values that the real entries never depend on.
 */
abstract class FloatKernels {
  /** Rows of {@code C} come in blocks of this many. */
  static final int ROW_BLOCK = 6;
  /** Columns of {@code C} come in blocks of this many (a multiple of every SIMD width used). */
  static final int COL_BLOCK = 16;

  /** What happens to an entry of {@code C} after its sum is complete. */
  enum Epilogue {
    /** {@code C = sum}. */
    NONE,
    /** {@code C = tanh(sum)} with the tanh of {@link FusedTanh#tanh(float)}. */
    TANH,
    /** {@code C = sum * (1 - aux^2)}: back through a tanh whose output is {@code aux}. */
    TANH_BACKWARD
  }

  /**
   * {@code C[r, c] = epilogue(init + sum_t P[r, t] Q[t, c])} for {@code r < rows},
   * {@code c < cols}; {@code init} is {@code C}'s own value when {@code accumulate}, else 0.
   * {@code aux} (read by {@link Epilogue#TANH_BACKWARD} only) is addressed like {@code C}:
   * {@code aux[auxOff + r ldc + c]}. {@code work} is scratch owned by the calling thread.
   */
  abstract void gemm(float[] p, int pOff, int rs, int ts, float[] q, int qOff, int ldq, int kt,
      float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate, Epilogue epilogue,
      float[] aux, int auxOff, Work work);

  /** Reduction terms per chunk of the SIMD kernels (their packed panels hold this many rows). */
  static final int T_CHUNK = 128;

  /** Per-thread scratch of {@link #gemm}: packed panels of {@code Q} and a packed block of {@code P}. */
  static final class Work {
    private float[] panel = new float[0];
    private float[] block = new float[0];

    float[] panel(int size) {
      if (panel.length < size) {
        panel = new float[size];
      }
      return panel;
    }

    float[] block(int size) {
      if (block.length < size) {
        block = new float[size];
      }
      return block;
    }
  }

  /** Whether this is the SIMD implementation. */
  abstract boolean simd();

  /** The SIMD kernels when the Vector API is present (and usable), else the scalar ones. */
  static FloatKernels best() {
    FloatKernels v = Holder.VECTOR;
    return v != null ? v : SCALAR;
  }

  /** The scalar kernels (always available). */
  static FloatKernels scalar() {
    return SCALAR;
  }

  /** The SIMD kernels, or null without the Vector API. */
  static FloatKernels vector() {
    return Holder.VECTOR;
  }

  static void checkShape(int rows, int cols) {
    if (rows % ROW_BLOCK != 0 || cols % COL_BLOCK != 0) {
      throw new IllegalArgumentException(
          "rows " + rows + " / cols " + cols + " must be multiples of " + ROW_BLOCK + " / " + COL_BLOCK);
    }
  }

  private static final FloatKernels SCALAR = new Scalar();

  /** The reference implementation: the definition above, loop for loop. */
  private static final class Scalar extends FloatKernels {
    @Override
    void gemm(float[] p, int pOff, int rs, int ts, float[] q, int qOff, int ldq, int kt,
        float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate, Epilogue epilogue,
        float[] aux, int auxOff, Work work) {
      checkShape(rows, cols);
      for (int r = 0; r < rows; r++) {
        int co = cOff + r * ldc;
        if (!accumulate) {
          java.util.Arrays.fill(c, co, co + cols, 0f);
        }
        // t outermost within the row: each entry still sees its terms in the order t = 0, 1, ...
        for (int t = 0; t < kt; t++) {
          float pv = p[pOff + r * rs + t * ts];
          int qo = qOff + t * ldq;
          for (int j = 0; j < cols; j++) {
            c[co + j] = Math.fma(pv, q[qo + j], c[co + j]);
          }
        }
        switch (epilogue) {
          case NONE -> {}
          case TANH -> {
            for (int j = 0; j < cols; j++) {
              c[co + j] = FusedTanh.tanh(c[co + j]);
            }
          }
          case TANH_BACKWARD -> {
            int ao = auxOff + r * ldc;
            for (int j = 0; j < cols; j++) {
              float a = aux[ao + j];
              c[co + j] = c[co + j] * (1f - a * a);
            }
          }
          default -> throw new AssertionError(epilogue);
        }
      }
    }

    @Override
    boolean simd() {
      return false;
    }
  }

  private static final class Holder {
    static final FloatKernels VECTOR = load();

    private static FloatKernels load() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return null;
      }
      try {
        FloatKernels k = (FloatKernels) Class.forName("org.paperlab.core.nn.VectorFloatKernels")
            .getDeclaredConstructor().newInstance();
        return k.simd() ? k : null;
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  }
}
