package org.paperlab.ot;

import org.paperlab.core.Checks;

/**
 * A STREAM-style measurement of this machine's memory bandwidth (McCalpin 1995, "Memory
 * bandwidth and machine balance": the triad {@code a_i = b_i + s c_i} over arrays much larger than
 * the caches, counted as 3 arrays moved per pass) and a read-only pass (a sum), run over row blocks
 * on {@code threads} threads. It is the yardstick for the kernel iteration, which reads one matrix.
 */
public final class MemoryBandwidth {
  private MemoryBandwidth() {}

  /** Best triad bandwidth in GB/s (10^9 bytes) over {@code reps} passes of three double arrays of {@code mib} MiB. */
  public static double triadGBs(int mib, int threads, int reps) {
    Checks.positive("mib", mib);
    Checks.positive("reps", reps);
    int n = mib * (1 << 20) / 8;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    java.util.Arrays.fill(b, 1.0);
    java.util.Arrays.fill(c, 2.0);
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      Parallel.run(threads, n, (blk, lo, hi) -> {
        for (int i = lo; i < hi; i++) {
          a[i] = b[i] + 3.0 * c[i];
        }
      });
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    if (a[n / 2] != 7.0) {
      throw new IllegalStateException("triad result is wrong");
    }
    return 3.0 * 8 * n / best / 1e9;
  }

  /**
   * Best read bandwidth in GB/s: the array of {@code mib} MiB is read once per pass in rows of 2048
   * doubles, each dotted with one small cache-resident vector, the access pattern of the kernel
   * sweep.
   */
  public static double readGBs(int mib, int threads, int reps) {
    Checks.positive("mib", mib);
    Checks.positive("reps", reps);
    int row = 2048;
    int rows = mib * (1 << 20) / 8 / row;
    double[] big = new double[rows * row];
    java.util.Arrays.fill(big, 1.0);
    double[] v = new double[row];
    java.util.Arrays.fill(v, 1.0);
    RowKernels k = RowKernels.best();
    double[] sink = new double[Parallel.blocks(threads, rows)];
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      Parallel.run(threads, rows, (blk, lo, hi) -> {
        double s = 0;
        for (int i = lo; i < hi; i++) {
          s += k.dot(big, i * row, v, row);
        }
        sink[blk] = s;
      });
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    double total = 0;
    for (double s : sink) {
      total += s;
    }
    if (total != (double) rows * row) {
      throw new IllegalStateException("read pass result is wrong");
    }
    return 8.0 * rows * row / best / 1e9;
  }
}
