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
 * <pre>{@code
 * double[] a = GaussianMaps.bures(s1, s2, d);
 * double[] tx = GaussianMaps.apply(a, m1, m2, x, n);   // T*(x_i) for n points
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
