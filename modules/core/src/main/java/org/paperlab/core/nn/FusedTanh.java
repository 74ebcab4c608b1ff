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
  static final float LOG2E = 1.44269504f;
  static final float LN2_HI = 0.693145751953125f;
  static final float LN2_LO = 1.42860677e-6f;
  static final float ROUND = 12582912f; // 1.5 * 2^23
  static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

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

  /**
   * The tanh of {@code VectorTanh}, one lane, operation for operation (the same bits as the SIMD
   * loop; the scalar kernels and the row tails use it).
   */
  static float tanh(float x) {
    float ax = Math.min(Math.abs(x), 9f);
    float y = ax * -2f;
    float shifted = Math.fma(y, LOG2E, ROUND);
    float kf = shifted - ROUND;
    int kBits = Float.floatToRawIntBits(shifted);
    float r = Math.fma(kf, -LN2_HI, y);
    r = Math.fma(kf, -LN2_LO, r);
    float p = Math.fma(r, 1f / 720, 1f / 120);
    p = Math.fma(p, r, 1f / 24);
    p = Math.fma(p, r, 1f / 6);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    float two = Float.intBitsToFloat((kBits - (ROUND_BITS - 127)) << 23);
    float t = p * two;
    float big = (1f - t) / (t + 1f);
    float x2 = ax * ax;
    float small = Math.fma(Math.fma(x2, 2f / 15, -1f / 3), x2, 1f) * ax;
    float mag = ax < 0.0625f ? small : big;
    return x < 0f ? -mag : mag;
  }

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
