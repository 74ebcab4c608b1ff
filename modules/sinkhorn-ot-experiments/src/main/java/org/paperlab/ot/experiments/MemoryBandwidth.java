package org.paperlab.ot.experiments;

import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;

/**
 * A STREAM-style measurement of this machine's memory bandwidth (McCalpin 1995, "Memory
 * bandwidth and machine balance": the triad {@code a_i = b_i + s c_i} over arrays much larger than
 * the caches, counted as 3 arrays moved per pass) and a read-only pass, run over row blocks on
 * {@code threads} threads (core's {@link Parallel}). It is the yardstick of {@code ot-sinkhorn}'s
 * kernel bandwidth: a kernel-domain Sinkhorn iteration reads one matrix. Nothing in it is about
 * OT, so it lives with the experiment, not in the library (the JMH twin is the benchmarks'
 * {@code MemoryBandwidthBench}).
 */
final class MemoryBandwidth {
  /** Doubles per row of the read pass: a kernel row of a few thousand entries. */
  static final int ROW = 2048;

  /** Whether the read pass runs on SIMD ({@link VectorRead}): the JVM has {@code jdk.incubator.vector}. */
  static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private MemoryBandwidth() {}

  /** Best triad bandwidth in GB/s (10^9 bytes) over {@code reps} passes of three double arrays of {@code mib} MiB. */
  static double triadGBs(int mib, int threads, int reps) {
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
      Parallel.blocks(threads, n, (blk, lo, hi) -> {
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
   * Best read bandwidth in GB/s: the array of {@code mib} MiB is read once per pass in rows of
   * {@link #ROW} doubles, each dotted with one small cache-resident vector (the access pattern of
   * the kernel sweep): on SIMD ({@link VectorRead}) when the JVM has the Vector API, else with
   * eight independent scalar sums (a lower figure: then the loop is partly bound by arithmetic).
   */
  static double readGBs(int mib, int threads, int reps) {
    Checks.positive("mib", mib);
    Checks.positive("reps", reps);
    int rows = mib * (1 << 20) / 8 / ROW;
    double[] big = new double[rows * ROW];
    java.util.Arrays.fill(big, 1.0);
    double[] v = new double[ROW];
    java.util.Arrays.fill(v, 1.0);
    double[] sink = new double[Parallel.blockCount(threads, rows)];
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      Parallel.blocks(threads, rows, (blk, lo, hi) -> {
        double s = 0;
        for (int i = lo; i < hi; i++) {
          s += SIMD ? VectorRead.dot(big, i * ROW, v, ROW) : dot(big, i * ROW, v);
        }
        sink[blk] = s;
      });
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    double total = 0;
    for (double s : sink) {
      total += s;
    }
    if (total != (double) rows * ROW) {
      throw new IllegalStateException("read pass result is wrong");
    }
    return 8.0 * rows * ROW / best / 1e9;
  }

  /** {@code sum_j a[off + j] v[j]} over one row, in eight interleaved sums. */
  private static double dot(double[] a, int off, double[] v) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (int j = 0; j < ROW; j += 8) {
      int q = off + j;
      s0 += a[q] * v[j];
      s1 += a[q + 1] * v[j + 1];
      s2 += a[q + 2] * v[j + 2];
      s3 += a[q + 3] * v[j + 3];
      s4 += a[q + 4] * v[j + 4];
      s5 += a[q + 5] * v[j + 5];
      s6 += a[q + 6] * v[j + 6];
      s7 += a[q + 7] * v[j + 7];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
