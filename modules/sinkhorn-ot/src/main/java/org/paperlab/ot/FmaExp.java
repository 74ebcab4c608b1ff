package org.paperlab.ot;

/**
 * The exactly rounded {@code exp} of {@link VectorExp} one value at a time, in plain Java (no
 * Vector API class is loaded): {@code exp(y) = 2^k p(r)} with {@code k = round(y / ln 2)} by the
 * {@code 1.5 * 2^52} trick, {@code r = y - k ln 2} in two parts (Cody and Waite 1980) and {@code p}
 * the degree-13 Taylor polynomial of {@code e^r} in Horner form, every step a fused multiply-add,
 * multiply, add or bit operation, so every JIT tier and every SIMD lane computes the same bits. See
 * {@link VectorExp} for the derivation and the accuracy (within 2 ulp of {@code Math.exp}); the
 * loop tails of the SIMD kernels and {@link LaneRowKernels} use this method.
 */
final class FmaExp {
  static final double LO = -708.0;
  static final double HI = 709.782712893384; // ln(Double.MAX_VALUE)
  static final double LOG2E = 1.4426950408889634;
  static final double LN2_HI = 6.93147180369123816490e-01;
  static final double LN2_LO = 1.90821492927058770002e-10;
  static final double ROUND = 6755399441055744.0; // 1.5 * 2^52
  static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  /** {@code 1 / n!} for n = 13 down to 2. */
  static final double C13 = 1.6059043836821613e-10;
  static final double C12 = 2.08767569878681e-09;
  static final double C11 = 2.505210838544172e-08;
  static final double C10 = 2.755731922398589e-07;
  static final double C9 = 2.7557319223985893e-06;
  static final double C8 = 2.48015873015873e-05;
  static final double C7 = 1.984126984126984e-04;
  static final double C6 = 1.388888888888889e-03;
  static final double C5 = 8.333333333333333e-03;
  static final double C4 = 4.1666666666666664e-02;
  static final double C3 = 1.6666666666666666e-01;
  static final double C2 = 0.5;

  private FmaExp() {}

  /** One lane of {@link VectorExp#expInPlace}, operation for operation (the same bits). */
  static double exp(double y) {
    if (y < LO) {
      return 0.0;
    }
    if (y > HI) {
      return Double.POSITIVE_INFINITY;
    }
    double shifted = Math.fma(y, LOG2E, ROUND);
    double kf = shifted - ROUND;
    long kBits = Double.doubleToRawLongBits(shifted);
    double r = Math.fma(kf, -LN2_HI, y);
    r = Math.fma(kf, -LN2_LO, r);
    double p = Math.fma(r, C13, C12);
    p = Math.fma(p, r, C11);
    p = Math.fma(p, r, C10);
    p = Math.fma(p, r, C9);
    p = Math.fma(p, r, C8);
    p = Math.fma(p, r, C7);
    p = Math.fma(p, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    return Double.longBitsToDouble(Double.doubleToRawLongBits(p) + ((kBits - ROUND_BITS) << 52));
  }
}
