package org.paperlab.ot.experiments;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The read pass of {@link MemoryBandwidth} on the JDK's incubating Vector API, as the library's
 * SIMD row kernels read a kernel row: only loaded when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code paperlab} launcher and surefire do).
 * Plain Java reaches about half the bandwidth here (a dot product of 2,048 doubles in eight
 * scalar sums: 11 GB/s against 20 GB/s on 2 threads of the 2-core VM, measured in one session),
 * so without SIMD the read figure would be a compute bound, not the memory's.
 */
final class VectorRead {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorRead() {}

  /** {@code sum_j a[off + j] v[j]} for {@code j < len}, {@code len} a multiple of the vector length. */
  static double dot(double[] a, int off, double[] v, int len) {
    DoubleVector acc = DoubleVector.zero(S);
    for (int j = 0; j < len; j += S.length()) {
      acc = DoubleVector.fromArray(S, a, off + j).fma(DoubleVector.fromArray(S, v, j), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
