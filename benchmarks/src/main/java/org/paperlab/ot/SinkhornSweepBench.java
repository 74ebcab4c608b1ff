package org.paperlab.ot;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fused Sinkhorn iteration (paperlab-sinkhorn-ot's own code path) on an {@code n x n} problem:
 * the kernel-domain sweep (reads the stored kernel once) and the log-domain sweep (reads the cost
 * once, one exponential per entry), float and double storage, 1 and 2 threads, SIMD and scalar
 * row kernels. Divide {@code 4 n^2} (float) or {@code 8 n^2} (double) bytes by the time for the
 * kernel's effective bandwidth; compare with {@code org.paperlab.bench.ot.MemoryBandwidthBench}.
 *
 * <p>It lives in package {@code org.paperlab.ot} of the benchmarks module because the sweep it
 * times, {@code KernelSweep}, is package-private in paperlab-sinkhorn-ot (a benchmark hook, not
 * API): on the class path, the same package in another jar reaches it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SinkhornSweepBench -p n=5000 -p method=KERNEL
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
public class SinkhornSweepBench {
  @Param({"1000", "2000", "5000"})
  int n;

  @Param({"FLOAT", "DOUBLE"})
  Precision precision;

  @Param({"1", "2"})
  int threads;

  @Param({"KERNEL", "LOG"})
  Method method;

  @Param({"true"})
  boolean vectorized;

  private KernelSweep sweep;

  @Setup(Level.Trial)
  public void setup() {
    sweep = KernelSweep.random(n, n, precision, threads, vectorized, 42, method);
    sweep.iterate(3);
  }

  @Benchmark
  public double iteration() {
    sweep.iterate(1);
    return sweep.error();
  }
}
