package org.paperlab.gsd;

import java.util.Arrays;

/**
 * A block of relaxed queries: all products {@code f1[r, i] f2[r, j] f3[r, l]} of one value of each
 * of three factors, answered as {@code A[i, j, l] = (1/N') sum_r f1[r, i] f2[r, j] f3[r, l]}. The
 * factors are padded with {@link RelaxedFactor.One} and ordered by size, the largest last, so the
 * innermost loop of the evaluation ({@link BlockWorker}) is the longest; the answer of cell
 * {@code c} (row-major over the ordered factors) is query {@code offset + map[c]} of the workload
 * set ({@code map == null}: identity).
 *
 * @param f the three factors, ordered by size (stable)
 * @param offset global index of the block's first query
 * @param cells number of queries, the product of the factor sizes
 * @param cost estimated work per step ({@code (cells + 16) N'}), for balancing threads
 * @param map cell to query position within the block, or null when the order is unchanged
 */
record QueryBlock(RelaxedFactor[] f, int offset, int cells, long cost, int[] map) {
  /** The block of the product of {@code f} (1 to 3 factors, in query order) for {@code n} relaxed rows. */
  static QueryBlock of(RelaxedFactor[] f, int offset, int n) {
    RelaxedFactor[] g = new RelaxedFactor[3];
    int pad = 3 - f.length;
    for (int i = 0; i < 3; i++) {
      g[i] = i < pad ? RelaxedFactor.One.INSTANCE : f[i - pad];
    }
    // order by size, largest last (stable); remember where each cell goes
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (u, v) -> Integer.compare(g[u].size(), g[v].size()));
    RelaxedFactor[] h = {g[order[0]], g[order[1]], g[order[2]]};
    int cells = g[0].size() * g[1].size() * g[2].size();
    int[] map = null;
    if (order[0] != 0 || order[1] != 1 || order[2] != 2) {
      map = new int[cells];
      int[] sz = {g[0].size(), g[1].size(), g[2].size()};
      int[] idx = new int[3];
      int c = 0;
      for (int i = 0; i < h[0].size(); i++) {
        for (int j = 0; j < h[1].size(); j++) {
          for (int l = 0; l < h[2].size(); l++) {
            idx[order[0]] = i;
            idx[order[1]] = j;
            idx[order[2]] = l;
            map[c++] = (idx[0] * sz[1] + idx[1]) * sz[2] + idx[2];
          }
        }
      }
    }
    return new QueryBlock(h, offset, cells, (long) cells * n + 16L * n, map);
  }
}
