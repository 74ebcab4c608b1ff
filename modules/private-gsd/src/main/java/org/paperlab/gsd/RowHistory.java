package org.paperlab.gsd;

import java.util.Arrays;

/**
 * The best dataset's past rows in {@link Gsd}: for every accepted replacement, the row index, the
 * version it created, and the row's previous values, chained per row so that "row s at version
 * v" is a short walk back from the row's latest change. With it an elite dataset can be stored as
 * "the best dataset at version v with one row replaced" instead of a copy of {@code N} rows
 * ({@link EliteArchive}).
 */
final class RowHistory {
  private final int dc;
  private final int dn;
  private final int[] last;
  private int size;
  private int[] prev = new int[1024];
  private long[] versions = new long[1024];
  private int[] oldCat;
  private float[] oldNum;

  RowHistory(int n, int dc, int dn) {
    this.dc = dc;
    this.dn = dn;
    this.last = new int[n];
    Arrays.fill(last, -1);
    this.oldCat = new int[1024 * dc];
    this.oldNum = new float[1024 * dn];
  }

  /** Records that row {@code r} of {@code best} is about to change, creating {@code newVersion}. */
  void record(int r, IncrementalAnswers best, long newVersion) {
    if (size == prev.length) {
      int cap = size * 2;
      prev = Arrays.copyOf(prev, cap);
      versions = Arrays.copyOf(versions, cap);
      oldCat = Arrays.copyOf(oldCat, cap * dc);
      oldNum = Arrays.copyOf(oldNum, cap * dn);
    }
    best.copyRow(r, oldCat, size * dc, oldNum, size * dn);
    versions[size] = newVersion;
    prev[size] = last[r];
    last[r] = size;
    size++;
  }

  /** The log entry holding row {@code s} as it was at {@code version}, or -1 if unchanged since. */
  int find(long version, int s) {
    int found = -1;
    for (int k = last[s]; k >= 0 && versions[k] > version; k = prev[k]) {
      found = k;
    }
    return found;
  }

  /** Old categorical value {@code j} of log entry {@code k}. */
  int oldCat(int k, int j) {
    return oldCat[k * dc + j];
  }

  /** Old numeric value {@code j} of log entry {@code k}. */
  float oldNum(int k, int j) {
    return oldNum[k * dn + j];
  }
}
