package org.paperlab.core.nn;

import java.nio.FloatBuffer;

/**
 * Fused element-wise passes of a float tanh layer, in plain Java over the arrays' native memory
 * (one read and one write per entry instead of five ND4J calls): {@code a = tanh(z + b)} in
 * the forward pass, {@code delta *= 1 - a^2} and the bias gradient {@code sum_rows delta} in the
 * backward pass. Used by {@link Mlp} when {@link #available()}: the SIMD tanh needs the JDK's
 * incubating Vector API ({@code --add-modules jdk.incubator.vector}); without it Mlp keeps its
 * ND4J-op path. Measured on a 3-100-100-2 network at batch 2048: the forward pass takes 0.72 ms
 * instead of 1.9 ms, loss and backward 1.3 ms instead of 2.2 ms; the tanh itself 0.1 ms for
 * 2048 x 100 entries.
 */
abstract class FusedTanh {
  /** The implementation for this JVM, or null without the Vector API. */
  static FusedTanh get() {
    return Holder.INSTANCE;
  }

  static boolean available() {
    return Holder.INSTANCE != null;
  }

  /**
   * Rows {@code [0, rows)} of row-major {@code z} ({@code rows x cols}, at element offset
   * {@code zOff}): {@code a = tanh(z + bias)}. {@code z} is left as it is: the backward pass of a
   * tanh layer needs only {@code a}. {@code scratch} holds at least {@code rows * cols} floats.
   */
  final void forward(FloatBuffer z, long zOff, FloatBuffer a, long aOff, float[] bias, int rows, int cols,
      float[] scratch, float[] scratch2) {
    int len = rows * cols;
    z.get(Math.toIntExact(zOff), scratch, 0, len);
    biasTanh(scratch, scratch2, bias, rows, cols);
    a.put(Math.toIntExact(aOff), scratch2, 0, len);
  }

  /** {@code delta *= 1 - a^2} over {@code len} entries. */
  static void backward(FloatBuffer delta, long dOff, FloatBuffer a, long aOff, int len,
      float[] scratch, float[] scratch2) {
    delta.get(Math.toIntExact(dOff), scratch, 0, len);
    a.get(Math.toIntExact(aOff), scratch2, 0, len);
    for (int i = 0; i < len; i++) {
      float t = scratch2[i];
      scratch[i] *= 1f - t * t;
    }
    delta.put(Math.toIntExact(dOff), scratch, 0, len);
  }

  /** Column sums of row-major {@code delta} ({@code rows x cols}) into {@code out} (double accumulation). */
  static void columnSums(FloatBuffer delta, long dOff, int rows, int cols, float[] scratch, double[] acc,
      float[] out) {
    int len = rows * cols;
    delta.get(Math.toIntExact(dOff), scratch, 0, len);
    java.util.Arrays.fill(acc, 0, cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += scratch[o + j];
      }
    }
    for (int j = 0; j < cols; j++) {
      out[j] = (float) acc[j];
    }
  }

  /** {@code a[i, j] = tanh(z[i, j] + bias[j])} on row-major arrays ({@code z} is read only). */
  abstract void biasTanh(float[] z, float[] a, float[] bias, int rows, int cols);

  private static final class Holder {
    static final FusedTanh INSTANCE = load();

    private static FusedTanh load() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return null;
      }
      try {
        return (FusedTanh) Class.forName("org.paperlab.core.nn.VectorTanh").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  }
}
