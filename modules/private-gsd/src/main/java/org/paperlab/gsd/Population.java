package org.paperlab.gsd;

/**
 * One generation's candidates in {@link Gsd}: candidate {@code i} is the best dataset with row
 * {@code row[i]} replaced by {@code cat[i*dc .. (i+1)*dc)} and {@code num[i*dn .. (i+1)*dn)},
 * which differs from the old row only in column {@code col[i]} (categorical {@code 0..dc-1},
 * numeric {@code dc..}); {@code fit[i]} is its fitness once scored. The arrays are reused from
 * generation to generation.
 */
final class Population {
  final int size;
  final int dc;
  final int dn;
  final int[] row;
  final int[] col;
  final int[] cat;
  final float[] num;
  final double[] fit;

  Population(int size, int dc, int dn) {
    this.size = size;
    this.dc = dc;
    this.dn = dn;
    this.row = new int[size];
    this.col = new int[size];
    this.cat = new int[size * dc];
    this.num = new float[size * dn];
    this.fit = new double[size];
  }

  /** The index of the fittest candidate (the first on ties). */
  int fittest() {
    int b = 0;
    for (int i = 1; i < size; i++) {
      if (fit[i] < fit[b]) {
        b = i;
      }
    }
    return b;
  }
}
