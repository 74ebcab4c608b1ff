package org.paperlab.gsd;

import java.util.SplittableRandom;

/**
 * RAP's randomized rounding (Aydore et al. 2021): the relaxed table becomes an
 * ordinary one by sampling {@code k} rows from every relaxed row, each categorical cell drawn
 * from its softmax by inversion ({@code c = min{c : p_0 + ... + p_c >= u}}, {@code u} uniform)
 * and the numeric values copied. Rows are sampled in order (relaxed row, then sample, then
 * column), one uniform draw per categorical cell.
 */
final class RandomizedRounding {
  private RandomizedRounding() {}

  /** The {@code n * k}-row table sampled from {@code t}, whose {@link RelaxedTable#p} is current. */
  static Table sample(RelaxedTable t, int k, Schema schema, SplittableRandom rng) {
    int n = t.n;
    int dc = t.dc;
    int dn = t.dn;
    int m = n * k;
    int[] cat = new int[m * dc];
    float[] num = new float[m * dn];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < k; s++) {
        int row = r * k + s;
        for (int j = 0; j < dc; j++) {
          int o = r * t.width + t.catOff[j];
          double u = rng.nextDouble();
          int c = 0;
          double acc = t.p[o];
          while (acc < u && c < t.catSize[j] - 1) {
            c++;
            acc += t.p[o + c];
          }
          cat[row * dc + j] = c;
        }
        System.arraycopy(t.x, r * dn, num, row * dn, dn);
      }
    }
    return new Table(schema, m, cat, num);
  }
}
