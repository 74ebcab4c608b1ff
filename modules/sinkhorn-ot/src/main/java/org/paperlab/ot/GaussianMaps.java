package org.paperlab.ot;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.paperlab.core.Checks;

/**
 * The optimal transport map between two Gaussians in closed form. For {@code mu = N(m1, S1)} and
 * {@code nu = N(m2, S2)} with {@code S1} positive definite, the squared-Euclidean (Brenier) map is
 * linear (Peyre and Cuturi 2019, "Computational Optimal Transport", Remark 2.31; the map behind the
 * Bures-Wasserstein distance):
 *
 * <pre>
 *   T*(x) = m2 + A (x - m1),   A = S1^{-1/2} (S1^{1/2} S2 S1^{1/2})^{1/2} S1^{-1/2}
 * </pre>
 *
 * {@code A} is symmetric positive definite (the Hessian of a convex potential) and pushes
 * {@code S1} to {@code S2}: {@code A S1 A = S2}. Matrices are {@code d x d}, row-major; square
 * roots are the symmetric ones, by an eigendecomposition (Commons Math).
 *
 * <p>A fitted map {@code T} is scored against {@code T*} by the L2 unexplained variance
 * percentage (Korotin et al. 2021, "Do Neural Optimal Transport Solvers Work?", Section 4.2):
 *
 * <pre>
 *   L2-UVP(T) = 100 E_{x ~ mu} |T(x) - T*(x)|^2 / tr(S2)
 * </pre>
 *
 * estimated on samples by {@link #l2Uvp}, and in closed form for an affine {@code T} by
 * {@link #l2UvpAffine}. The constant map {@code T(x) = m2} scores 100%.
 *
 * <pre>{@code
 * double[] a = GaussianMaps.bures(s1, s2, d);
 * double[] tx = GaussianMaps.apply(a, m1, m2, x, n);   // T*(x_i) for n points
 * double uvp = GaussianMaps.l2Uvp(fitted, tx, n, d, traceS2);
 * }</pre>
 */
public final class GaussianMaps {
  private GaussianMaps() {}

  /** The matrix {@code A} of the OT map from {@code N(., s1)} to {@code N(., s2)}. */
  public static double[] bures(double[] s1, double[] s2, int d) {
    RealMatrix r = sqrt(matrix("s1", s1, d));
    RealMatrix rInv = MatrixUtils.inverse(r);
    RealMatrix mid = sqrt(r.multiply(matrix("s2", s2, d)).multiply(r));
    return flat(rInv.multiply(mid).multiply(rInv));
  }

  /**
   * The symmetric square root of a symmetric positive semi-definite {@code d x d} matrix (its
   * symmetric part is used; eigenvalues below 0 by rounding count as 0).
   */
  public static double[] sqrt(double[] s, int d) {
    return flat(sqrt(matrix("s", s, d)));
  }

  /**
   * {@code T*(x_i) = m2 + A (x_i - m1)} for the {@code n} points of row-major {@code x}
   * ({@code n x d}, {@code d} the length of {@code m1}); a new array.
   */
  public static double[] apply(double[] a, double[] m1, double[] m2, double[] x, int n) {
    Checks.notNull("m1", m1);
    int d = m1.length;
    Checks.sameSize("length of m2", Checks.notNull("m2", m2).length, "length of m1", d);
    Checks.sameSize("length of a", Checks.notNull("a", a).length, "d * d", (long) d * d);
    Checks.require(Checks.notNull("x", x).length == (long) n * d, "x has %d values, expected n*d = %d*%d", x.length, n, d);
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < d; r++) {
        double s = m2[r];
        for (int k = 0; k < d; k++) {
          s += a[r * d + k] * (x[i * d + k] - m1[k]);
        }
        out[i * d + r] = s;
      }
    }
    return out;
  }

  /**
   * The sample L2-UVP, {@code 100 (1/n) sum_i |mapped_i - optimal_i|^2 / targetTrace}, of a map's
   * images {@code mapped} against the optimal map's images {@code optimal} at the same {@code n}
   * points (both row-major {@code n x d}); {@code targetTrace} is {@code tr(S2)}.
   */
  public static double l2Uvp(double[] mapped, double[] optimal, int n, int d, double targetTrace) {
    Checks.positive("n", n);
    Checks.positive("d", d);
    Checks.require(Checks.notNull("mapped", mapped).length == (long) n * d,
        "mapped has %d values, expected n*d = %d*%d", mapped.length, n, d);
    Checks.require(Checks.notNull("optimal", optimal).length == (long) n * d,
        "optimal has %d values, expected n*d = %d*%d", optimal.length, n, d);
    Checks.require(targetTrace > 0, "targetTrace = %s must be > 0", targetTrace);
    double se = 0;
    for (int q = 0; q < mapped.length; q++) {
      double e = mapped[q] - optimal[q];
      se += e * e;
    }
    return 100 * se / n / targetTrace;
  }

  /**
   * The exact L2-UVP of the affine map {@code T(x) = c + B x} for {@code x ~ N(m1, s1)} against
   * the OT map to {@code N(m2, s2)}: with {@code T(x) - T*(x) = (c + B m1 - m2) + (B - A)(x - m1)},
   *
   * <pre>
   *   E |T(x) - T*(x)|^2 = |c + B m1 - m2|^2 + tr((B - A) S1 (B - A)^T)
   * </pre>
   *
   * divided by {@code tr(S2)}, times 100. {@code b}, {@code s1}, {@code s2} are {@code d x d}
   * row-major. The identity is {@code b = I}, {@code c = 0}.
   */
  public static double l2UvpAffine(double[] b, double[] c, double[] m1, double[] s1, double[] m2, double[] s2) {
    Checks.notNull("m1", m1);
    int d = m1.length;
    Checks.sameSize("length of c", Checks.notNull("c", c).length, "d", d);
    Checks.sameSize("length of m2", Checks.notNull("m2", m2).length, "d", d);
    RealMatrix bm = matrix("b", b, d);
    RealMatrix s1m = matrix("s1", s1, d);
    RealMatrix s2m = matrix("s2", s2, d);
    RealMatrix a = matrix("a", bures(s1, s2, d), d);
    double[] bm1 = bm.operate(m1);
    double bias = 0;
    for (int k = 0; k < d; k++) {
      double e = c[k] + bm1[k] - m2[k];
      bias += e * e;
    }
    RealMatrix diff = bm.subtract(a);
    double spread = diff.multiply(s1m).multiply(diff.transpose()).getTrace();
    return 100 * (bias + spread) / s2m.getTrace();
  }

  private static RealMatrix sqrt(RealMatrix s) {
    RealMatrix sym = s.add(s.transpose()).scalarMultiply(0.5);
    EigenDecomposition e = new EigenDecomposition(sym);
    RealMatrix v = e.getV();
    double[] l = e.getRealEigenvalues();
    RealMatrix dm = MatrixUtils.createRealMatrix(l.length, l.length);
    for (int i = 0; i < l.length; i++) {
      dm.setEntry(i, i, Math.sqrt(Math.max(l[i], 0)));
    }
    return v.multiply(dm).multiply(v.transpose());
  }

  private static RealMatrix matrix(String name, double[] m, int d) {
    Checks.positive("d", d);
    Checks.allFinite(name, m);
    Checks.sameSize("length of " + name, m.length, "d * d", (long) d * d);
    RealMatrix out = MatrixUtils.createRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out.setEntry(i, j, m[i * d + j]);
      }
    }
    return out;
  }

  private static double[] flat(RealMatrix a) {
    int d = a.getRowDimension();
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = a.getEntry(i, j);
      }
    }
    return out;
  }
}
