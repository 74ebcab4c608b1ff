package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soft-bin memberships of every (numeric column, resolution) pair that a relaxed range
 * query reads, computed once per Adam step and shared by all blocks that read the pair.
 *
 * <p>For resolution {@code R} and value {@code x}, bin {@code q} has membership
 * {@code m_q = u_q - u_{q+1}} with {@code u_q = s(b(x - q/R))} for {@code 0 < q < R},
 * {@code u_0 = 1} and {@code u_R = 0} (outer edges at minus/plus infinity, so the memberships of a
 * row sum to one), {@code s} the logistic sigmoid and {@code b} the current slope. Memberships
 * below {@link #EPS} are set to exactly 0 and the window {@code [lo, hi)} of the others is kept
 * per row, so the factor evaluation skips the rest; the {@code u_q} are kept for the backward
 * pass ({@code dm_q/dx = b (u_q (1 - u_q) - u_{q+1} (1 - u_{q+1}))}).
 */
final class SoftBins {
  /**
   * Soft-bin memberships below this are set to exactly 0 and skipped (at the slopes used the
   * neglected mass per row is below {@code rows * 1e-6}; the gradients they would carry are
   * multiplied by sigmoid derivatives of the same size).
   */
  static final float EPS = 1e-6f;

  private final int n;
  private final int[] cols;
  private final int[] resolutions;
  /** Memberships of table {@code k}: {@code n x R}, row-major. */
  final float[][] vals;
  /** The {@code u_q} of table {@code k}: {@code n x (R + 1)}, row-major. */
  final float[][] aux;
  /** Per row, the first bin of table {@code k} with membership at least {@link #EPS}. */
  final int[][] lo;
  /** Per row, one past the last bin of table {@code k} with membership at least {@link #EPS}. */
  final int[][] hi;

  private SoftBins(int n, List<int[]> keys) {
    this.n = n;
    int count = keys.size();
    this.cols = new int[count];
    this.resolutions = new int[count];
    this.vals = new float[count][];
    this.aux = new float[count][];
    this.lo = new int[count][];
    this.hi = new int[count][];
    for (int k = 0; k < count; k++) {
      cols[k] = keys.get(k)[0];
      int rr = keys.get(k)[1];
      resolutions[k] = rr;
      vals[k] = new float[n * rr];
      aux[k] = new float[n * (rr + 1)];
      lo[k] = new int[n];
      hi[k] = new int[n];
    }
  }

  /** Numbers the (column, resolution) pairs in first-request order, then allocates the tables. */
  static final class Registry {
    private final Map<Integer, Integer> index = new LinkedHashMap<>();
    private final List<int[]> keys = new ArrayList<>();

    /** The table of numeric column {@code col} at resolution {@code r}, numbered on first request. */
    int table(int col, int r) {
      int key = col * 65536 + r;
      Integer k = index.get(key);
      if (k == null) {
        k = keys.size();
        index.put(key, k);
        keys.add(new int[] {col, r});
      }
      return k;
    }

    /** The tables registered so far, for {@code n} rows. */
    SoftBins allocate(int n) {
      return new SoftBins(n, keys);
    }
  }

  /** Recomputes every table from the numeric values of {@code t} at slope {@code b}. */
  void compute(RelaxedTable t, float b) {
    float[] x = t.x;
    int dn = t.dn;
    for (int k = 0; k < cols.length; k++) {
      int col = cols[k];
      int rr = resolutions[k];
      float[] out = vals[k];
      float[] u = aux[k];
      for (int r = 0; r < n; r++) {
        float xv = x[r * dn + col];
        int uo = r * (rr + 1);
        u[uo] = 1f;
        u[uo + rr] = 0f;
        for (int q = 1; q < rr; q++) {
          u[uo + q] = RelaxedFactor.sigmoid(b * (xv - (float) q / rr));
        }
        int l = rr;
        int h = 0;
        for (int q = 0; q < rr; q++) {
          float m = u[uo + q] - u[uo + q + 1];
          if (m >= EPS) {
            l = Math.min(l, q);
            h = q + 1;
          }
          out[r * rr + q] = m;
        }
        if (h == 0) { // cannot happen (memberships sum to 1), but keep the window valid
          l = 0;
          h = rr;
        }
        for (int q = 0; q < l; q++) {
          out[r * rr + q] = 0f;
        }
        for (int q = h; q < rr; q++) {
          out[r * rr + q] = 0f;
        }
        lo[k][r] = l;
        hi[k][r] = h;
      }
    }
  }
}
