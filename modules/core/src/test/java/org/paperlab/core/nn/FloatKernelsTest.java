package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperlab.core.nn.FloatKernels.Epilogue;

/**
 * The float product kernels of the fused MLP passes against a straightforward double-precision
 * loop (the reference), and the SIMD implementation against the scalar one bit for bit.
 */
class FloatKernelsTest {
  /** The test JVM runs with the Vector API (surefire's argLine), so the SIMD kernels exist. */
  @Test
  void simdKernelsAreActiveInTests() {
    assertNotNull(FloatKernels.vector(), "run the tests with --add-modules jdk.incubator.vector");
    assertTrue(FloatKernels.best().simd());
    assertTrue(!FloatKernels.scalar().simd());
  }

  /**
   * One product with all its addressing: P either with contiguous rows ({@code ts = 1}, the
   * forward and delta products) or transposed ({@code rs = 1}, the gradient products) or with two
   * general strides; column counts covering 1 to 4 vectors per panel and several panels; reduction
   * lengths below, at and above a chunk (128); row counts below and above the in-place-Q limit.
   */
  @ParameterizedTest
  @CsvSource({
    // rows, cols, kt, mode (0: ts = 1, 1: rs = 1, 2: general), accumulate, epilogue
    "6, 16, 1, 0, false, NONE",
    "12, 32, 7, 0, false, TANH",
    "30, 48, 101, 0, true, NONE",
    "36, 112, 101, 0, false, TANH",
    "24, 112, 100, 0, false, TANH_BACKWARD",
    "6, 112, 300, 1, false, NONE",
    "102, 112, 1024, 1, false, NONE",
    "60, 80, 257, 1, true, NONE",
    "18, 256, 130, 2, false, NONE",
    "48, 64, 129, 2, true, TANH"
  })
  void matchesADoublePrecisionReference(int rows, int cols, int kt, int mode, boolean accumulate, Epilogue epilogue) {
    Case c = new Case(rows, cols, kt, mode, 97);
    for (FloatKernels k : new FloatKernels[] {FloatKernels.scalar(), FloatKernels.vector()}) {
      float[] out = c.run(k, accumulate, epilogue);
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
          double sum = accumulate ? c.c0[r * c.ldc + j] : 0;
          double abs = Math.abs(sum);
          for (int t = 0; t < kt; t++) {
            double term = (double) c.p(r, t) * c.q[t * c.ldq + j];
            sum += term;
            abs += Math.abs(term);
          }
          // recursive summation with one rounding per term: |error| <= (kt + 1) u sum |terms|,
          // u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, 2002, sec. 4.2)
          double tol = (kt + 2) * 0x1p-24 * abs + 1e-30;
          double ref = sum;
          double got = out[r * c.ldc + j];
          switch (epilogue) {
            case NONE -> {}
            case TANH -> {
              ref = Math.tanh(sum);
              tol += 3e-7;
            }
            case TANH_BACKWARD -> {
              double a = c.aux[r * c.ldc + j];
              ref = sum * (1 - a * a);
              // plus the float rounding of a^2 (at most 2^-25 absolute) carried by the sum, and of
              // the two products
              tol = tol * Math.abs(1 - a * a) + 0x1p-25 * Math.abs(sum) + 2 * Math.ulp((float) ref);
            }
            default -> throw new AssertionError(epilogue);
          }
          assertEquals(ref, got, tol, (k.simd() ? "simd" : "scalar") + " C[" + r + ", " + j + "]");
        }
      }
    }
  }

  /** The SIMD kernels give the scalar kernels' bits (the same chain of exact operations). */
  @ParameterizedTest
  @CsvSource({
    "6, 16, 3, 0, NONE", "36, 112, 101, 0, TANH", "24, 112, 100, 0, TANH_BACKWARD",
    "102, 112, 1024, 1, NONE", "6, 112, 1024, 1, NONE", "18, 256, 130, 2, TANH", "60, 48, 129, 1, NONE"
  })
  void simdEqualsScalarBitForBit(int rows, int cols, int kt, int mode, Epilogue epilogue) {
    Case c = new Case(rows, cols, kt, mode, 5);
    for (boolean accumulate : new boolean[] {false, true}) {
      float[] s = c.run(FloatKernels.scalar(), accumulate, epilogue);
      float[] v = c.run(FloatKernels.vector(), accumulate, epilogue);
      for (int i = 0; i < s.length; i++) {
        assertEquals(Float.floatToRawIntBits(s[i]), Float.floatToRawIntBits(v[i]), "entry " + i);
      }
    }
  }

  /**
   * The first call (interpreted or from the first JIT tier) and calls after the JIT compiled the
   * loops give the same bits (the kernels use no operation whose result depends on the tier).
   */
  @Test
  void sameBitsBeforeAndAfterTheJitCompilesTheKernels() {
    Case c = new Case(36, 112, 101, 0, 17);
    float[] cold = c.run(FloatKernels.vector(), false, Epilogue.TANH);
    float[] warm = null;
    for (int rep = 0; rep < 3000; rep++) {
      warm = c.run(FloatKernels.vector(), false, Epilogue.TANH);
    }
    for (int i = 0; i < cold.length; i++) {
      assertEquals(Float.floatToRawIntBits(cold[i]), Float.floatToRawIntBits(warm[i]), "entry " + i);
    }
  }

  @Test
  void badShapesAreRejected() {
    Case c = new Case(6, 16, 3, 0, 1);
    for (FloatKernels k : new FloatKernels[] {FloatKernels.scalar(), FloatKernels.vector()}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> k.gemm(c.p, 0, c.rs, c.ts, c.q, 0, c.ldq, 3, new float[6 * 20], 0, 20, 5, 16, false,
              Epilogue.NONE, null, 0, new FloatKernels.Work()));
      assertTrue(e.getMessage().contains("multiples of 6 / 16"), e.getMessage());
    }
  }

  /** Random operands of one product; {@code C}'s initial values for accumulation. */
  private static final class Case {
    final int rows;
    final int cols;
    final int kt;
    final int rs;
    final int ts;
    final int ldq;
    final int ldc;
    final float[] p;
    final float[] q;
    final float[] c0;
    final float[] aux;

    Case(int rows, int cols, int kt, int mode, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      this.rows = rows;
      this.cols = cols;
      this.kt = kt;
      switch (mode) {
        case 0 -> {
          rs = kt + 3;
          ts = 1;
        }
        case 1 -> {
          rs = 1;
          ts = rows + 5;
        }
        default -> {
          rs = 2;
          ts = 2 * rows + 1;
        }
      }
      ldq = cols + 7;
      ldc = cols + 16;
      p = fill(rng, (rows - 1) * rs + (kt - 1) * ts + 1, 1.0);
      q = fill(rng, kt * ldq, 1.0 / Math.sqrt(kt));
      c0 = fill(rng, rows * ldc, 0.5);
      aux = fill(rng, rows * ldc, 1.0);
    }

    float p(int r, int t) {
      return p[r * rs + t * ts];
    }

    float[] run(FloatKernels k, boolean accumulate, Epilogue epilogue) {
      float[] c = c0.clone();
      k.gemm(p, 0, rs, ts, q, 0, ldq, kt, c, 0, ldc, rows, cols, accumulate, epilogue, aux, 0,
          new FloatKernels.Work());
      return c;
    }

    private static float[] fill(SplittableRandom rng, int n, double scale) {
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = (float) (scale * (2 * rng.nextDouble() - 1));
      }
      return a;
    }
  }
}
