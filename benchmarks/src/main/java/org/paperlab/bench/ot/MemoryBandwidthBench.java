package org.paperlab.bench.ot;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's memory bandwidth, STREAM style (McCalpin 1995): the triad
 * {@code a_i = b_i + s c_i} (24 bytes moved per element) and a sum (8 bytes read per element) over
 * double arrays of 256 MiB each, far beyond the caches, split over 1 or 2 threads. GB/s =
 * bytes / time; the Sinkhorn kernel sweep ({@link org.paperlab.ot.SinkhornSweepBench}) reads its matrix once per
 * iteration, so the sum is its ceiling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class MemoryBandwidthBench {
  static final int N = 256 * 1024 * 1024 / 8;

  @Param({"1", "2"})
  int threads;

  double[] a;
  double[] b;
  double[] c;
  ForkJoinPool pool;

  @Setup(Level.Trial)
  public void setup() {
    a = new double[N];
    b = new double[N];
    c = new double[N];
    Arrays.fill(b, 1.0);
    Arrays.fill(c, 2.0);
    pool = new ForkJoinPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  private double[] split(Part part) {
    double[] out = new double[threads];
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads];
    for (int t = 0; t < threads; t++) {
      final int q = t;
      final int lo = (int) ((long) N * t / threads);
      final int hi = (int) ((long) N * (t + 1) / threads);
      tasks[t] = pool.submit(() -> out[q] = part.run(lo, hi));
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
    return out;
  }

  interface Part {
    double run(int lo, int hi);
  }

  /** 24 bytes per element. */
  @Benchmark
  public double triad() {
    return split((lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        a[i] = b[i] + 3.0 * c[i];
      }
      return a[lo];
    })[0];
  }

  /** 8 bytes per element (four independent sums so the loop is not latency-bound). */
  @Benchmark
  public double read() {
    double[] parts = split((lo, hi) -> {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int i = lo;
      for (; i + 4 <= hi; i += 4) {
        s0 += b[i];
        s1 += b[i + 1];
        s2 += b[i + 2];
        s3 += b[i + 3];
      }
      for (; i < hi; i++) {
        s0 += b[i];
      }
      return (s0 + s1) + (s2 + s3);
    });
    double s = 0;
    for (double p : parts) {
      s += p;
    }
    return s;
  }
}
