package org.paperlab.ot;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A SIMD {@code exp} for the row kernels that gives the same bits on every run.
 *
 * <p>Why not the Vector API's own {@code lanewise(EXP)}: once C2 compiles a loop it replaces that
 * operation by its own SIMD code, while the interpreter and C1 call {@code Math.exp} lane by lane;
 * about 4% of lanes differ in the last bit between the two (measured on JDK 17). When a loop gets
 * compiled depends on timing, so seeded runs of the log-domain solver differed around 1e-15 from
 * run to run. This {@code exp} is built from exactly rounded operations only (fused multiply-add,
 * multiply, add, bit operations), which every tier computes identically:
 *
 * <pre>
 *   exp(y) = 2^k p(r),  k = round(y / ln 2),  r = y - k ln 2,  |r| <= ln(2) / 2
 * </pre>
 *
 * with {@code k} rounded by adding {@code 1.5 * 2^52} (no double-to-long conversion, which JDK 17
 * does not vectorize), {@code r} reduced in two parts (Cody and Waite 1980; the split of ln 2 is
 * fdlibm's), {@code p} the degree-13 Taylor polynomial of {@code e^r} in Horner form (truncation
 * below {@code 0.35^14 / 14! = 4e-18} relative) and {@code 2^k} added to {@code p}'s exponent bits.
 * Accuracy: within 2 ulp of {@code Math.exp} (tested). Below {@code y = -708} it returns 0 instead
 * of values under {@code 3.3e-308}; above {@code ln(Double.MAX_VALUE)} it returns infinity; NaN
 * stays NaN.
 *
 * <p>The vectors never cross a method boundary: {@link #expInPlace} loops inside, so C2 needs to
 * inline nothing to keep them in registers (a vector-to-vector helper was not inlined at JDK 17's
 * default limits and ran 3x slower). {@link #exp(double)} is the same computation one lane at a
 * time, bit for bit, for loop tails; it lives in {@link FmaExp} (plain Java, usable before the
 * Vector API is loaded), which also holds the constants.
 */
final class VectorExp {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  static final double LO = FmaExp.LO;
  static final double HI = FmaExp.HI;
  private static final double LOG2E = FmaExp.LOG2E;
  private static final double LN2_HI = FmaExp.LN2_HI;
  private static final double LN2_LO = FmaExp.LN2_LO;
  private static final double ROUND = FmaExp.ROUND;
  private static final long ROUND_BITS = FmaExp.ROUND_BITS;
  private static final double C13 = FmaExp.C13;
  private static final double C12 = FmaExp.C12;
  private static final double C11 = FmaExp.C11;
  private static final double C10 = FmaExp.C10;
  private static final double C9 = FmaExp.C9;
  private static final double C8 = FmaExp.C8;
  private static final double C7 = FmaExp.C7;
  private static final double C6 = FmaExp.C6;
  private static final double C5 = FmaExp.C5;
  private static final double C4 = FmaExp.C4;
  private static final double C3 = FmaExp.C3;
  private static final double C2 = FmaExp.C2;

  private VectorExp() {}

  /** {@code a[from, from + len) = exp(a[from, from + len))}. */
  static void expInPlace(double[] a, int from, int len) {
    int end = from + len;
    int j = from;
    for (; j + L <= end; j += L) {
      DoubleVector y = DoubleVector.fromArray(D, a, j);
      // no clamping: lanes outside [LO, HI] are replaced below, and NaN propagates by itself
      DoubleVector shifted = y.lanewise(VectorOperators.FMA, LOG2E, ROUND);
      DoubleVector kf = shifted.sub(ROUND);
      LongVector kBits = (LongVector) shifted.reinterpretAsLongs();
      DoubleVector r = kf.lanewise(VectorOperators.FMA, -LN2_HI, y);
      r = kf.lanewise(VectorOperators.FMA, -LN2_LO, r);
      DoubleVector p = r.lanewise(VectorOperators.FMA, C13, C12);
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C11));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C10));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C9));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C8));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C7));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C6));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C5));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C4));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C3));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, C2));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, 1.0));
      p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(D, 1.0));
      // 2^k p: add k to p's exponent bits (p in [0.70, 1.42], k in [-1021, 1024] for y in
      // [LO, HI]: the result is a normal number, and at k = 1024, p < 1)
      DoubleVector e = ((LongVector) p.reinterpretAsLongs())
          .add(kBits.sub(ROUND_BITS).lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
      e = e.blend(0.0, y.lt(LO)).blend(Double.POSITIVE_INFINITY, y.compare(VectorOperators.GT, HI));
      e.intoArray(a, j);
    }
    for (; j < end; j++) {
      a[j] = exp(a[j]);
    }
  }

  /** One lane of {@link #expInPlace}, operation for operation (the same bits): {@link FmaExp#exp}. */
  static double exp(double y) {
    return FmaExp.exp(y);
  }
}
