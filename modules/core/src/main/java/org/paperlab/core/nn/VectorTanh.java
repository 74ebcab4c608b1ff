package org.paperlab.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FusedTanh} on the Vector API (loaded only when the module is present).
 *
 * <p>The tanh is built from exactly rounded operations only (add, multiply, fused multiply-add,
 * divide, conversions), not from the API's {@code TANH} lanewise operation: that one runs a
 * vendor math library once the JIT has compiled the loop and a Java fallback before, and the two
 * differ in the last bit, which made seeded training runs depend on JIT timing. Here
 * {@code tanh|x| = (1 - t) / (1 + t)} with {@code t = exp(-2|x|)}, {@code |x|} clamped to 9
 * ({@code tanh 9 = 1 - 3e-8}); {@code exp(y) = 2^k p(r)}, {@code k = round(y / ln 2)} by the
 * add-and-subtract-1.5*2^23 rounding,
 * {@code r = y - k ln 2} in two parts (Cody and Waite 1980), {@code p} the degree-6 Taylor
 * polynomial ({@code |r| <= ln 2 / 2}: truncation below 1.2e-7 relative); for {@code |x| < 1/16}
 * the series {@code x - x^3/3 + 2x^5/15} avoids the cancellation in {@code 1 - t}. Largest error
 * against {@code Math.tanh} over [-10, 10]: tested below 3e-7 absolute.
 */
final class VectorTanh extends FusedTanh {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Override
  void biasTanh(float[] z, float[] a, float[] bias, int rows, int cols) {
    int bound = S.loopBound(cols);
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      int j = 0;
      for (; j < bound; j += S.length()) {
        tanh(FloatVector.fromArray(S, z, o + j).add(FloatVector.fromArray(S, bias, j))).intoArray(a, o + j);
      }
      // the rest of the row: the same operations one lane at a time (the same bits; masked
      // vector loads are slow in JDK 17)
      for (; j < cols; j++) {
        a[o + j] = scalarTanh(z[o + j] + bias[j]);
      }
    }
  }

  /**
   * The tanh of every lane (see the class comment), from exactly rounded operations only. Small
   * enough for the JIT to inline into the loops that call it (the loops then keep their vectors
   * in registers).
   */
  static FloatVector tanh(FloatVector x) {
    FloatVector ax = x.abs().min(9f);
    // t = exp(-2|x|) = 2^k p(r), k = round(-2|x| / ln 2): adding 1.5 * 2^23 rounds to an
    // integer (to nearest even) and leaves k in the low bits, without float-int conversions
    // (not compiled to SIMD code by JDK 17)
    FloatVector y = ax.mul(-2f);
    FloatVector shifted = y.lanewise(VectorOperators.FMA, LOG2E, ROUND);
    FloatVector kf = shifted.sub(ROUND);
    IntVector kBits = (IntVector) shifted.reinterpretAsInts();
    FloatVector r = kf.lanewise(VectorOperators.FMA, -LN2_HI, y);
    r = kf.lanewise(VectorOperators.FMA, -LN2_LO, r);
    FloatVector p = r.lanewise(VectorOperators.FMA, 1f / 720, 1f / 120);
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f / 24));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f / 6));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 0.5f));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f));
    FloatVector two = kBits.sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector t = p.mul(two);
    FloatVector big = FloatVector.broadcast(S, 1f).sub(t).div(t.add(1f));
    // small |x|: x - x^3/3 + 2 x^5/15 (the next term, 17 x^7 / 315, is below 3e-10 x here)
    FloatVector x2 = ax.mul(ax);
    FloatVector small = x2.lanewise(VectorOperators.FMA, 2f / 15, -1f / 3)
        .lanewise(VectorOperators.FMA, x2, FloatVector.broadcast(S, 1f)).mul(ax);
    FloatVector mag = big.blend(small, ax.lt(0.0625f));
    // tanh is odd; a NaN input stays NaN (abs and min keep it)
    return mag.blend(mag.neg(), x.lt(0f));
  }

  /** One lane of the vector computation above, operation for operation (see {@link FusedTanh#tanh}). */
  static float scalarTanh(float x) {
    return FusedTanh.tanh(x);
  }
}
