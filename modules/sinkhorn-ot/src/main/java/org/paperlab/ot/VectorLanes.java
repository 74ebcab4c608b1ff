package org.paperlab.ot;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes every SIMD row kernel shares: the widest double vectors of the CPU ({@link #D},
 * 8 lanes with AVX-512) and float vectors of half that width ({@link #F}), so that a float row is
 * loaded {@code L} elements at a time and widened to double ({@link #loadF}), or narrowed back
 * ({@link #storeF}). All arithmetic is on double lanes.
 */
final class VectorLanes {
  static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  static final int L = D.length();
  static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  static final double FLOAT_MIN_NORMAL = Float.MIN_NORMAL;

  private VectorLanes() {}

  /** {@code L} floats from {@code a[off]}, widened to double. */
  static DoubleVector loadF(float[] a, int off) {
    return (DoubleVector) FloatVector.fromArray(F, a, off).convertShape(VectorOperators.F2D, D, 0);
  }

  /**
   * The lanes of {@code x} added to {@code 0.0} in lane order: {@code ((0.0 + x0) + x1) + ...}.
   * Not {@code reduceLanes(ADD)}, whose order the Vector API leaves open for floating point: JDK 17
   * adds in lane order on every tier, JDK 25 does not (neither its C2 code nor its Java fallback), so
   * the same solve gave other last bits on another JDK, and a cold solve (plain-Java twins) other
   * bits than a warm one there. Once per row, not in the inner loops: costs nothing measurable.
   */
  static double sumInOrder(DoubleVector x) {
    double s = 0.0;
    for (int l = 0; l < L; l++) {
      s += x.lane(l);
    }
    return s;
  }

  /** {@code x} rounded to float into {@code a[off, off + L)}. */
  static void storeF(DoubleVector x, float[] a, int off) {
    ((FloatVector) x.convertShape(VectorOperators.D2F, F, 0)).intoArray(a, off);
  }
}
