package org.paperlab.sgd;

import java.util.Arrays;
import org.paperlab.core.Checks;

/**
 * Euclidean projections onto the feasible sets of {@link Domain}, in place on flat {@code double[]}
 * vectors: the L2 ball, a box, the simplex and the L1 ball.
 *
 * <p>The simplex and L1-ball projections follow Duchi, Shalev-Shwartz, Singer and Chandra (2008),
 * "Efficient projections onto the l1-ball for learning in high dimensions" (ICML): the projection
 * is {@code w_i = max(v_i - theta, 0)} with, for {@code mu} the entries of {@code v} sorted in
 * decreasing order, {@code rho = max{j : mu_j - (sum_{r<=j} mu_r - z)/j > 0}} and
 * {@code theta = (sum_{r<=rho} mu_r - z)/rho} (their Figure 1, O(d log d): {@link #simplexSorted});
 * {@link #simplex} finds the same theta with their Figure 2, a quickselect-like pivoting search in
 * expected O(d) (pivots from a fixed-seed generator, so the result is deterministic). The L1-ball
 * projection is {@code sign(v) * Proj_simplex(|v|)} when {@code ||v||_1 > z} (their Section 4).
 */
public final class Projections {
  private Projections() {}

  /** Projects {@code x} onto {@code {||x||_2 <= radius}}: {@code x * min(1, radius/||x||_2)}. */
  public static void l2Ball(double[] x, double radius) {
    double n2 = 0;
    for (double v : x) {
      n2 += v * v;
    }
    if (n2 > radius * radius) {
      double s = radius / Math.sqrt(n2);
      for (int i = 0; i < x.length; i++) {
        x[i] *= s;
      }
    }
  }

  /** Projects {@code x} onto the box {@code [lo, hi]^d}: coordinate-wise clamping. */
  public static void box(double[] x, double lo, double hi) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(hi, Math.max(lo, x[i]));
    }
  }

  /**
   * Projects {@code x} onto the simplex {@code {x >= 0, sum x = z}} (Duchi et al. 2008, Fig. 1).
   *
   * @param scratch a work array of length {@code >= x.length} (overwritten), or null to allocate
   */
  public static void simplex(double[] x, double z, double[] scratch) {
    double theta = pivotThreshold(x, z, scratch, false);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(x[i] - theta, 0);
    }
  }

  /** As {@link #simplex}, with the sort-based threshold of Duchi et al.'s Figure 1 (reference). */
  public static void simplexSorted(double[] x, double z, double[] scratch) {
    double theta = simplexThreshold(x, z, scratch, false);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(x[i] - theta, 0);
    }
  }

  /**
   * Projects {@code x} onto the L1 ball {@code {||x||_1 <= z}} (Duchi et al. 2008, Section 4).
   *
   * @param scratch a work array of length {@code >= x.length} (overwritten), or null to allocate
   */
  public static void l1Ball(double[] x, double z, double[] scratch) {
    double n1 = 0;
    for (double v : x) {
      n1 += Math.abs(v);
    }
    if (n1 <= z) {
      return;
    }
    double theta = pivotThreshold(x, z, scratch, true);
    for (int i = 0; i < x.length; i++) {
      double a = Math.abs(x[i]) - theta;
      x[i] = a > 0 ? Math.copySign(a, x[i]) : 0.0;
    }
  }

  /** The threshold theta of Duchi et al.'s Figure 1 for {@code v} (or {@code |v|}) and radius z. */
  private static double simplexThreshold(double[] v, double z, double[] scratch, boolean abs) {
    int d = v.length;
    double[] mu = scratch != null && scratch.length >= d ? scratch : new double[d];
    for (int i = 0; i < d; i++) {
      mu[i] = abs ? Math.abs(v[i]) : v[i];
    }
    Arrays.sort(mu, 0, d); // ascending: mu[d-1] is the largest
    double cum = 0;
    double theta = 0;
    for (int j = 1; j <= d; j++) {
      double m = mu[d - j];
      cum += m;
      double t = (cum - z) / j;
      if (m - t > 0) {
        theta = t; // rho = j so far; the condition holds on a prefix of j
      }
    }
    return theta;
  }

  /**
   * Duchi et al.'s Figure 2: maintain the candidate set U as a range of a work array; pick a pivot
   * v_k in U, split U into G = {v >= v_k} and L; if {@code (s + sum G) - (rho + |G|) v_k < z} all of
   * G is in the support (s, rho absorb it, continue in L), otherwise continue in G minus the pivot.
   */
  private static double pivotThreshold(double[] v, double z, double[] scratch, boolean abs) {
    int n = v.length;
    double[] w = scratch != null && scratch.length >= n ? scratch : new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = abs ? Math.abs(v[i]) : v[i];
    }
    int lo = 0;
    int hi = n;
    double s = 0;
    int rho = 0;
    long state = 0x9E3779B97F4A7C15L;
    while (lo < hi) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      int k = lo + (int) ((state >>> 33) % (hi - lo));
      double pivot = w[k];
      w[k] = w[lo];
      w[lo] = pivot;
      int g = lo + 1;
      double ds = pivot;
      for (int i = lo + 1; i < hi; i++) {
        double wi = w[i];
        if (wi >= pivot) {
          ds += wi;
          w[i] = w[g];
          w[g] = wi;
          g++;
        }
      }
      int drho = g - lo;
      if ((s + ds) - (rho + drho) * pivot < z) {
        s += ds;
        rho += drho;
        lo = g;
      } else {
        lo = lo + 1;
        hi = g;
      }
    }
    return (s - z) / rho;
  }

  /** Checks a radius argument: positive and finite. */
  static double radius(String name, double r) {
    return Checks.positive(name, r);
  }
}
