package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.custom.LogSumExp;
import org.nd4j.linalg.factory.Nd4j;

class KernelsTest {
  private static final double LN2 = Math.log(2);

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
  void logSumExpIsStableForLargeMagnitudes(DataType type) {
    // Hand calculation: LSE(c, c) = c + ln 2 for any c.
    INDArray x = Nd4j.createFromArray(new double[][] {{1000, 1000}, {-1000, -1000}, {0, 0}}).castTo(type);
    INDArray lse = Kernels.logSumExp(x, 1);
    double tol = type == DataType.FLOAT ? 1e-4 : 1e-12;
    assertEquals(type, lse.dataType());
    assertEquals(1000 + LN2, lse.getDouble(0), tol * 1000);
    assertEquals(-1000 + LN2, lse.getDouble(1), tol * 1000);
    assertEquals(LN2, lse.getDouble(2), tol);
  }

  @Test
  void nd4jOwnLogSumExpFailsWhereOursDoesNot() {
    // Documents why the kernel exists: ND4J 1.0.0-M2.1's logSumExp shifts by one max for the whole
    // array, so a row far below the largest row underflows to -inf.
    INDArray x = Nd4j.createFromArray(new double[][] {{1000, 1000}, {-1000, -1000}});
    INDArray theirs = Nd4j.exec(new LogSumExp(x, 1))[0];
    INDArray ours = Kernels.logSumExp(x, 1);
    System.out.println("ND4J logSumExp: " + theirs + ", paperlab: " + ours);
    assertEquals(Double.NEGATIVE_INFINITY, theirs.getDouble(1));
    assertEquals(-1000 + LN2, ours.getDouble(1), 1e-9);
  }

  @Test
  void logSumExpAlongColumnsAndVectorsAndInfinities() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0, Double.NEGATIVE_INFINITY}, {0, Double.NEGATIVE_INFINITY}});
    INDArray col = Kernels.logSumExp(x, 0);
    assertEquals(LN2, col.getDouble(0), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, col.getDouble(1)); // empty sum, not NaN
    INDArray v = Nd4j.createFromArray(1.0, 2.0, 3.0);
    double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertEquals(expected, Kernels.logSumExp(v, 0).getDouble(0), 1e-12);
  }

  @Test
  void primitiveLogSumExpMatchesClosedForm() {
    double[] d = {-1000, -1000, 5, -1000, -1000};
    assertEquals(-1000 + LN2, Kernels.logSumExp(d, 0, 2), 1e-12);
    assertEquals(-1000 + LN2, Kernels.logSumExp(d, 3, 2), 1e-12);
    float[] f = {1000f, 1000f};
    assertEquals(1000 + LN2, Kernels.logSumExp(f, 0, 2), 1e-9);
    assertEquals(Double.NEGATIVE_INFINITY, Kernels.logSumExp(d, 0, 0));
  }

  @Test
  void softmaxRowsSumToOneAndMatchHandValues() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0, Math.log(3)}, {-2000, -2000}});
    INDArray p = Kernels.softmax(x, 1);
    assertArrayEquals(new double[] {0.25, 0.75}, p.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5}, p.getRow(1).toDoubleVector(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.1, 0.01})
  void softMinApproachesMinFromBelow(double eps) {
    // softmin_eps(1, 2) = -eps ln(e^{-1/eps} + e^{-2/eps}) = 1 - eps ln(1 + e^{-1/eps})
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}});
    double expected = 1 - eps * Math.log1p(Math.exp(-1 / eps));
    assertEquals(expected, Kernels.softMin(x, 1, eps).getDouble(0), 1e-12);
    assertTrue(Kernels.softMin(x, 1, eps).getDouble(0) <= 1.0);
  }

  @Test
  void pairwiseSquaredDistancesMatchBruteForce() {
    SplittableRandom rng = Seeds.of(7).random();
    INDArray x = Tensors.randn(rng, DataType.DOUBLE, 5, 3);
    INDArray y = Tensors.randn(rng, DataType.DOUBLE, 4, 3);
    INDArray d = Kernels.pairwiseSquaredDistances(x, y);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          double t = x.getDouble(i, k) - y.getDouble(j, k);
          s += t * t;
        }
        assertEquals(s, d.getDouble(i, j), 1e-12);
      }
    }
    // identical points give exactly zero, never a tiny negative
    INDArray self = Kernels.pairwiseSquaredDistances(x, x);
    for (int i = 0; i < 5; i++) {
      assertTrue(self.getDouble(i, i) >= 0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 20})
  void bothDistancePathsMatchBruteForce(int d) {
    // d <= 16 takes the fused loop, larger d the GEMM formula
    SplittableRandom rng = Seeds.of(d).random();
    INDArray x = Tensors.randn(rng, DataType.FLOAT, 40, d);
    INDArray y = Tensors.randn(rng, DataType.FLOAT, 30, d);
    INDArray dist = Kernels.pairwiseSquaredDistances(x, y);
    assertEquals(DataType.FLOAT, dist.dataType());
    for (int i = 0; i < 40; i += 7) {
      for (int j = 0; j < 30; j += 5) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double t = x.getDouble(i, k) - y.getDouble(j, k);
          s += t * t;
        }
        assertEquals(s, dist.getDouble(i, j), 1e-4 * Math.max(1, s));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 20, 64})
  void selfDistancesAreExactlyZeroOnBothPaths(int d) {
    // d = 3 takes the fused loop (the difference of a point with itself is 0.0 term by term);
    // d = 20 and 64 take the GEMM formula |x|^2 + |y|^2 - 2 x.y, whose rounding must not leave a
    // tiny positive or negative value on the diagonal
    SplittableRandom rng = Seeds.of(7 + d).random();
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray x = Tensors.randn(rng, type, 50, d).muli(3.0);
      INDArray self = Kernels.pairwiseSquaredDistances(x, x);
      INDArray copy = Kernels.pairwiseSquaredDistances(x, x.dup());
      for (int i = 0; i < 50; i++) {
        assertEquals(0.0, self.getDouble(i, i), type + " d=" + d + " row " + i);
        assertEquals(0.0, copy.getDouble(i, i), type + " d=" + d + " row " + i + " (a copy)");
      }
      // near-duplicates: shifting coordinate 0 by h = 2^-8 (exact in float and double) gives
      // D_ii = h^2 = 2^-16, which the plain GEMM formula loses entirely at |x|^2 ~ 9 d
      INDArray shifted = x.dup();
      shifted.getColumn(0).addi(1.0 / 256);
      INDArray near = Kernels.pairwiseSquaredDistances(x, shifted);
      for (int i = 0; i < 50; i++) {
        assertEquals(Math.scalb(1.0, -16), near.getDouble(i, i), 1e-3 * Math.scalb(1.0, -16), type + " d=" + d);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void largeMatricesTakeTheParallelPathAndAgreeWithDirectSums(int axis) {
    // 300 x 250 = 75,000 entries: above the parallel threshold. Entries in [-5, 5], so the naive
    // log(sum(exp)) in double is exact enough to serve as the reference.
    SplittableRandom rng = Seeds.of(99).random();
    INDArray x = Tensors.uniform(rng, DataType.DOUBLE, 300, 250, -5, 5);
    INDArray lse = Kernels.logSumExp(x, axis);
    INDArray sm = Kernels.softMin(x, axis, 0.5);
    double[][] v = Tensors.toRows(x);
    int outer = axis == 1 ? 300 : 250;
    int inner = axis == 1 ? 250 : 300;
    for (int o = 0; o < outer; o += 17) {
      double s = 0;
      double t = 0;
      for (int k = 0; k < inner; k++) {
        double e = axis == 1 ? v[o][k] : v[k][o];
        s += Math.exp(e);
        t += Math.exp(-e / 0.5);
      }
      assertEquals(Math.log(s), lse.getDouble(o), 1e-12);
      assertEquals(-0.5 * Math.log(t), sm.getDouble(o), 1e-12);
    }
  }

  @Test
  void badInputsNameTheProblem() {
    INDArray m = Nd4j.zeros(2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.logSumExp(m, 2));
    assertTrue(e.getMessage().contains("axis = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Kernels.softMin(m, 1, 0.0));
    assertTrue(e.getMessage().contains("eps = 0.0"), e.getMessage());
    e = assertThrows(
        IllegalArgumentException.class,
        () -> Kernels.pairwiseSquaredDistances(Nd4j.zeros(2, 3), Nd4j.zeros(2, 2)));
    assertTrue(e.getMessage().contains("columns of x (3)"), e.getMessage());
  }

  /**
   * Log-sum-exp of views (a reshape of a fresh array is a view, so the kernel reads a temporary
   * copy) under GC pressure: the temporary must stay alive while its native memory is read. Before
   * the fix this returned wrong values or crashed the JVM (SIGSEGV) in some runs. Reference: the
   * same rows reduced by a plain double loop with the max shift.
   */
  @Test
  void logSumExpOfTemporaryCopiesUnderGcPressure() {
    SplittableRandom rng = Seeds.of(11).random();
    int n = 300;
    double[] v = new double[n * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 * rng.nextGaussian();
    }
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        m = Math.max(m, v[i * n + j]);
      }
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += Math.exp(v[i * n + j] - m);
      }
      expected[i] = m + Math.log(s);
    }
    for (int rep = 0; rep < 60; rep++) {
      INDArray view = Nd4j.createFromArray(v).reshape('c', n, n);
      double[] got = Kernels.logSumExp(view, 1).toDoubleVector();
      assertArrayEquals(expected, got, 1e-9, "repetition " + rep);
      if (rep % 10 == 0) {
        System.gc();
      }
    }
  }

  /**
   * Views are read in place when their elements are contiguous (a block of whole rows, at an
   * offset into the parent) and copied otherwise (a block of columns): both must give what the
   * same values give as a fresh array (reference: the fresh array's result, itself checked by the
   * tests above).
   */
  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
  void viewsAtAnOffsetAndStridedViews(DataType type) {
    INDArray parent = Tensors.randn(Seeds.of(12).random(), type, 40, 30).muli(5);
    INDArray rowsView = parent.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 19),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray colsView = parent.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 17));
    for (INDArray v : new INDArray[] {rowsView, colsView}) {
      INDArray fresh = v.dup('c');
      for (int axis = 0; axis <= 1; axis++) {
        assertArrayEquals(Kernels.logSumExp(fresh, axis).toDoubleVector(),
            Kernels.logSumExp(v, axis).toDoubleVector(), 0.0, "axis " + axis + " of " + v.shapeInfoToString());
      }
    }
  }
}
