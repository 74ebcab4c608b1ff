package org.paperlab.ot;

import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;

/**
 * A ready-to-run Sinkhorn iteration on a random {@code n x m} problem, for measuring the speed of
 * the fused sweeps one iteration at a time. It runs the solver's own code path: a kernel-domain
 * iteration reads the stored kernel once ({@code n m} floats or doubles) and updates both
 * scalings; a log-domain iteration reads the stored cost once and takes one exponential per entry.
 *
 * <p>Not API: a benchmark hook, package-private. Its JMH benchmark
 * ({@code benchmarks/src/main/java/org/paperlab/ot/SinkhornSweepBench.java}) sits in this package
 * in the benchmarks module (a split package on the class path reaches package-private members);
 * the {@code ot-sinkhorn} experiment measures the same sweep through {@link Sinkhorn#solve} instead.
 */
final class KernelSweep {
  private final SinkhornState state;
  private final Iteration iteration;
  private final int n;
  private final int m;
  private final Precision precision;

  private KernelSweep(SinkhornState state, Iteration iteration, int n, int m, Precision precision) {
    this.state = state;
    this.iteration = iteration;
    this.n = n;
    this.m = m;
    this.precision = precision;
  }

  /**
   * A kernel {@code exp(-C)} with {@code C_ij ~ U[0, 1)} drawn from {@code seed}, uniform
   * marginals, eps = 1 (no underflow, so every iteration does the same work).
   */
  static KernelSweep random(int n, int m, Precision precision, int threads, boolean vectorized, long seed) {
    return random(n, m, precision, threads, vectorized, seed, Method.KERNEL);
  }

  /** As {@link #random(int, int, Precision, int, boolean, long)}, for {@code KERNEL} or {@code LOG}. */
  static KernelSweep random(
      int n, int m, Precision precision, int threads, boolean vectorized, long seed, Method method) {
    Checks.require(method == Method.KERNEL || method == Method.LOG, "method = %s must be KERNEL or LOG", method);
    Checks.positive("n", n);
    Checks.positive("m", m);
    Checks.notNull("precision", precision);
    SplittableRandom rng = new SplittableRandom(seed);
    SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(1.0).withMethod(Method.KERNEL)
        .withPrecision(precision).withThreads(threads).withVectorized(vectorized)
        .withAdaptiveMomentum(false);
    CostRows rows;
    if (precision == Precision.FLOAT) {
      float[] c = new float[n * m];
      for (int q = 0; q < c.length; q++) {
        c[q] = (float) rng.nextDouble();
      }
      rows = CostRows.stored(c, n, m);
    } else {
      double[] c = new double[n * m];
      for (int q = 0; q < c.length; q++) {
        c[q] = rng.nextDouble();
      }
      rows = CostRows.stored(c, n, m);
    }
    double[] a = new double[n];
    double[] b = new double[m];
    java.util.Arrays.fill(a, 1.0 / n);
    java.util.Arrays.fill(b, 1.0 / m);
    SinkhornState state = new SinkhornState(cfg, Parallel.threads(threads), a, b, Storage.of(rows, Sinkhorn.kernels(cfg)),
        null);
    state.setEpsilon(1.0);
    Iteration iteration;
    if (method == Method.KERNEL) {
      iteration = new KernelIteration(state, false);
      iteration.start(null); // the plain kernel exp(-C)
    } else {
      iteration = new LogIteration(state, "log"); // from f = g = 0, no exact first steps
    }
    return new KernelSweep(state, iteration, n, m, precision);
  }

  /** Runs {@code iterations} full Sinkhorn iterations (no early stop). */
  void iterate(int iterations) {
    iteration.run(0.0, iterations);
  }

  /** The last L1 marginal error (to sink results in benchmarks). */
  double error() {
    return state.progress.errorL1();
  }

  /** Bytes of kernel (or cost) read per iteration ({@code n m} times 4 or 8). */
  long kernelBytesPerIteration() {
    return (long) n * m * (precision == Precision.FLOAT ? 4 : 8);
  }

  /** The row kernels in use. */
  String kernels() {
    return state.storage.kernels().name();
  }
}
