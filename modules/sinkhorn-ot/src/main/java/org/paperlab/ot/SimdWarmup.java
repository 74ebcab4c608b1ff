package org.paperlab.ot;

import java.util.concurrent.locks.LockSupport;

/**
 * When {@link VectorRowKernels} may run its SIMD code: only once the JIT has compiled it. Until
 * then it runs {@link LaneRowKernels} (the same bits in plain loops), and a daemon thread warms
 * the SIMD kernels up on small arrays, off the caller's path.
 *
 * <p>Why: Vector API code that C2 has not compiled yet runs about 100x slower than plain loops
 * (every vector is an object), so the first solve in a JVM used to spend 1.5-2.5 s in code that a
 * warm JVM runs in 0.1 s. Plain loops are fast from the first C1 compile.
 *
 * <p>The kernels come in families (one per precision and use: cost rows, kernel-domain products,
 * log-domain exponent kernels). The first call of a family asks for its warm-up; the thread starts
 * {@value #DEFAULT_DELAY_MILLIS} ms after the first request ({@code -Dpaperlab.ot.simdWarmup.delayMillis}),
 * so that a short first solve runs on the lanes alone (on 2 cores the warm-up and the C2 compiles
 * it sets off made a 2000 x 2000 first solve 1.3 s instead of 0.6 s), then warms
 * the pending family of highest priority (the float kernel-domain sweep first, the solver's default), in
 * batches of rounds, each round calling every kernel of the family once on SIMD and once on lanes.
 * A family switches to SIMD after three batches in a row in which SIMD was faster than the lanes
 * (and at least {@value #MIN_ROUNDS} rounds), sleeping after each batch as long as it ran (so it
 * takes at most half a core from the solve and the JIT's compiler threads): a kernel still interpreted or C1-compiled is 20x or
 * more slower than the lanes, so this only passes once C2 has compiled every kernel of the family.
 * A family that does not pass within {@value #GIVE_UP_SECONDS} s of warm-up (the JIT is off, or
 * stops at C1) stays on the lanes, which are then the faster choice. Either way the answers are
 * the same bits ({@code LaneRowKernelsTest}); only the speed changes.
 *
 * <p>{@code -Dpaperlab.ot.simdWarmup=false} turns this off: SIMD from the first call (the old
 * behaviour, for measuring it); {@code -Dpaperlab.ot.simdWarmup=lanes} runs the lanes always (no
 * warm-up thread; for a JVM without C2).
 */
final class SimdWarmup {
  /** Cost rows from point clouds (once per solve). */
  static final int COST_F = 0;
  static final int COST_D = 1;
  /** The kernel-domain sweep: dot4, axpy4 (and dot, axpy for the last rows of a block). */
  static final int SWEEP_F = 2;
  static final int SWEEP_D = 3;
  /** Kernel rows: expInto, scaleInto (build, rebuild on absorption), dot3 (the transport cost). */
  static final int EXP_F = 6;
  static final int EXP_D = 7;
  /** The log-domain exponent kernels (and the kernel domain's exact first row update). */
  static final int LOG_F = 4;
  static final int LOG_D = 5;
  private static final int FAMILIES = 8;
  /** Warm-up order among pending families: the iterations' kernels before the one-off ones. */
  private static final int[] PRIORITY = {SWEEP_F, LOG_F, EXP_F, SWEEP_D, LOG_D, EXP_D, COST_F, COST_D};
  private static final int ALL = (1 << FAMILIES) - 1;
  static final int MIN_ROUNDS = 512;
  static final int GIVE_UP_SECONDS = 20;
  private static final int BATCH = 16;

  private static final String MODE = System.getProperty("paperlab.ot.simdWarmup", "true");
  private static final boolean ENABLED = !"false".equals(MODE) && !"lanes".equals(MODE);
  /** {@code -Dpaperlab.ot.simdWarmup.log=true}: one line on stderr when a family switches or is given up. */
  private static final boolean LOG = Boolean.getBoolean("paperlab.ot.simdWarmup.log");
  private static final long T0 = System.nanoTime();
  /** {@code -Dpaperlab.ot.simdWarmup.delayMillis}: how long after the first request the warm-up starts. */
  static final long DEFAULT_DELAY_MILLIS = 500;
  static final long DELAY_MILLIS = Long.getLong(Sinkhorn.SIMD_WARMUP_DELAY_PROPERTY, DEFAULT_DELAY_MILLIS);
  private static final boolean THROTTLE = Boolean.getBoolean("paperlab.ot.simdWarmup.throttle");
  /** Bit f: family f runs SIMD. */
  private static volatile int ready = ENABLED ? 0 : ALL;
  /** Bit f: family f was asked for (warmed, being warmed or given up). */
  private static volatile int requested = ENABLED ? 0 : ALL;
  /** Bit f: family f was given up (stays on the lanes). */
  private static volatile int given;
  private static Thread thread;

  private SimdWarmup() {}

  /** For tests: {@code TRUE} SIMD always, {@code FALSE} lanes always, null adaptive (the default). */
  static volatile Boolean override = "lanes".equals(MODE) ? Boolean.FALSE : null;

  /** Whether family {@code f} runs SIMD now; the first call that finds it cold asks for its warm-up. */
  static boolean ready(int f) {
    Boolean o = override;
    if (o != null) {
      return o;
    }
    int bit = 1 << f;
    if ((ready & bit) != 0) {
      return true;
    }
    if ((requested & bit) == 0) {
      request(bit);
    }
    return false;
  }

  /** Whether family {@code f} runs SIMD now, without asking for anything. */
  static boolean isReady(int f) {
    Boolean o = override;
    return o != null ? o : (ready & (1 << f)) != 0;
  }

  /** Asks for the families a solve in {@code single} or double precision, kernel or log domain, uses. */
  static void prewarm(boolean single, boolean logDomain) {
    int kernel = (1 << (single ? SWEEP_F : SWEEP_D)) | (1 << (single ? EXP_F : EXP_D));
    int log = 1 << (single ? LOG_F : LOG_D);
    int cost = 1 << (single ? COST_F : COST_D);
    request((logDomain ? 0 : kernel) | log | cost);
  }

  /** Asks for the warm-up of the families in {@code mask} (bits {@code 1 << f}). */
  static synchronized void request(int mask) {
    int add = mask & ~requested;
    if (add == 0) {
      return;
    }
    requested |= add;
    if (thread == null) {
      thread = new Thread(SimdWarmup::run, "paperlab-simd-warmup");
      thread.setDaemon(true);
      thread.start();
    } else {
      LockSupport.unpark(thread);
    }
  }

  /** Blocks until the families in {@code mask} run SIMD or were given up, or {@code millis} passed; for tests and benchmarks. */
  static boolean await(int mask, long millis) throws InterruptedException {
    request(mask);
    long end = System.currentTimeMillis() + millis;
    while ((ready & mask) != mask && (given & mask) != mask && System.currentTimeMillis() < end) {
      Thread.sleep(5);
    }
    return (ready & mask) == mask;
  }

  private static void run() {
    // Not at once: on a small machine the warm-up (and the C2 compiles it sets off, about a second
    // of CPU) would slow a short first solve that the twins finish alone; a long solve, or the
    // next one, gets the SIMD kernels a fraction of a second later.
    long begin = System.nanoTime() + DELAY_MILLIS * 1_000_000L;
    for (long left; (left = begin - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    Rounds rounds = new Rounds();
    int[] done = new int[FAMILIES];
    int[] good = new int[FAMILIES];
    long[] start = new long[FAMILIES];
    while (true) {
      int f = next();
      if (f < 0) {
        LockSupport.park();
        continue;
      }
      if (start[f] == 0) {
        start[f] = System.nanoTime();
      }
      long t0 = System.nanoTime();
      for (int r = 0; r < BATCH; r++) {
        rounds.run(f, true);
      }
      long t1 = System.nanoTime();
      for (int r = 0; r < BATCH; r++) {
        rounds.run(f, false);
      }
      long t2 = System.nanoTime();
      done[f] += BATCH;
      if (THROTTLE) {
        LockSupport.parkNanos(Math.max(500_000L, t2 - t0));
      }
      good[f] = done[f] >= MIN_ROUNDS && t1 - t0 < t2 - t1 ? good[f] + 1 : 0;
      if (good[f] >= 3) {
        mark(1 << f, true, done[f]);
      } else if (System.nanoTime() - start[f] > GIVE_UP_SECONDS * 1_000_000_000L) {
        mark(1 << f, false, done[f]);
      }
    }
  }

  private static synchronized void mark(int bit, boolean simd, int rounds) {
    if (LOG) {
      System.err.printf("paperlab simd warm-up: family %d %s after %d rounds, %.3f s after class init%n",
          Integer.numberOfTrailingZeros(bit), simd ? "switched to SIMD" : "given up (stays on lanes)", rounds,
          (System.nanoTime() - T0) / 1e9);
    }
    if (simd) {
      ready |= bit;
    } else {
      given |= bit;
    }
  }

  /** The pending family of highest priority, or -1. */
  private static int next() {
    int pending = requested & ~ready & ~given;
    for (int f : PRIORITY) {
      if ((pending & (1 << f)) != 0) {
        return f;
      }
    }
    return -1;
  }

  /** One round of a family's kernels on small arrays (two vector widths and a tail, four rows). */
  private static final class Rounds {
    private final int m = 16 * VectorLanes.L + 3;
    private final RowKernels lanes = new LaneRowKernels(VectorLanes.L);
    private final float[] kf = new float[4 * m];
    private final double[] kd = new double[4 * m];
    private final double[] v = new double[m];
    private final double[] t = new double[m];
    private final double[] e = new double[m];
    private final double[] h = new double[m];
    private final double[] alpha = {0.5, 0.25, 0.125, 0.0625};
    private final double[] out4 = new double[4];
    private final double[] x = new double[12];
    private final double[] yT = new double[3 * m];
    private double sink;

    Rounds() {
      java.util.Random r = new java.util.Random(1);
      for (int i = 0; i < 4 * m; i++) {
        kf[i] = (float) r.nextDouble();
        kd[i] = r.nextDouble();
      }
      for (int j = 0; j < m; j++) {
        v[j] = r.nextDouble();
        h[j] = -r.nextDouble();
        e[j] = r.nextDouble();
      }
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextGaussian();
      }
      for (int i = 0; i < yT.length; i++) {
        yT[i] = r.nextGaussian();
      }
    }

    void run(int f, boolean simd) {
      double s = 0;
      switch (f) {
        case COST_F:
          if (simd) {
            VectorCostRows.costRows4(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kf, 0);
            VectorCostRows.costRow(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kf);
          } else {
            lanes.costRows4(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kf, 0);
            lanes.costRow(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kf);
          }
          s = kf[m];
          break;
        case COST_D:
          if (simd) {
            VectorCostRows.costRows4(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kd, 0);
            VectorCostRows.costRow(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kd);
          } else {
            lanes.costRows4(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kd, 0);
            lanes.costRow(StandardCost.SQEUCLIDEAN, x, 0, yT, 3, m, kd);
          }
          s = kd[m];
          break;
        case SWEEP_F:
          // dot and axpy only serve the last rows of a block: the solve's own calls compile them
          if (simd) {
            VectorProducts.dot4(kf, 0, v, m, out4, 0);
            VectorProducts.axpy4(alpha, 0, kf, 0, t, m);
          } else {
            lanes.dot4(kf, 0, v, m, out4, 0);
            lanes.axpy4(alpha, 0, kf, 0, t, m);
          }
          break;
        case SWEEP_D:
          if (simd) {
            VectorProducts.dot4(kd, 0, v, m, out4, 0);
            VectorProducts.axpy4(alpha, 0, kd, 0, t, m);
          } else {
            lanes.dot4(kd, 0, v, m, out4, 0);
            lanes.axpy4(alpha, 0, kd, 0, t, m);
          }
          break;
        case EXP_F:
          if (simd) {
            VectorExpKernels.expInto(kf, 0, 0.0, h, 1.0, kf, 0, m);
            s = VectorProducts.dot3(kf, 0, v, kf, m, m);
            VectorProducts.scaleInto(0.5, e, v, kf, 2 * m, m);
          } else {
            lanes.expInto(kf, 0, 0.0, h, 1.0, kf, 0, m);
            s = lanes.dot3(kf, 0, v, kf, m, m);
            lanes.scaleInto(0.5, e, v, kf, 2 * m, m);
          }
          break;
        case EXP_D:
          if (simd) {
            VectorExpKernels.expInto(kd, 0, 0.0, h, 1.0, kd, 0, m);
            s = VectorProducts.dot3(kd, 0, v, kd, m, m);
            VectorProducts.scaleInto(0.5, e, v, kd, 2 * m, m);
          } else {
            lanes.expInto(kd, 0, 0.0, h, 1.0, kd, 0, m);
            s = lanes.dot3(kd, 0, v, kd, m, m);
            lanes.scaleInto(0.5, e, v, kd, 2 * m, m);
          }
          break;
        case LOG_F:
          if (simd) {
            s = VectorExpKernels.maxArg(kf, 0, 0.0, h, 1.0, m) + VectorExpKernels.expIntoSum(kf, 0, 0.0, h, 1.0, e, m)
                + VectorExpKernels.expCostSum(kf, 0, 0.0, h, 1.0, m);
            VectorExpKernels.maxAccumulate(kf, 0, 0.0, h, 1.0, t, m);
            VectorExpKernels.expAccumulate(kf, 0, 0.0, h, 1.0, t, m);
            VectorProducts.scaledAxpy(1e-3, e, v, t, m);
          } else {
            s = lanes.maxArg(kf, 0, 0.0, h, 1.0, m) + lanes.expIntoSum(kf, 0, 0.0, h, 1.0, e, m)
                + lanes.expCostSum(kf, 0, 0.0, h, 1.0, m);
            lanes.maxAccumulate(kf, 0, 0.0, h, 1.0, t, m);
            lanes.expAccumulate(kf, 0, 0.0, h, 1.0, t, m);
            lanes.scaledAxpy(1e-3, e, v, t, m);
          }
          break;
        case LOG_D:
          if (simd) {
            s = VectorExpKernels.maxArg(kd, 0, 0.0, h, 1.0, m) + VectorExpKernels.expIntoSum(kd, 0, 0.0, h, 1.0, e, m)
                + VectorExpKernels.expCostSum(kd, 0, 0.0, h, 1.0, m);
            VectorExpKernels.maxAccumulate(kd, 0, 0.0, h, 1.0, t, m);
            VectorExpKernels.expAccumulate(kd, 0, 0.0, h, 1.0, t, m);
            VectorProducts.scaledAxpy(1e-3, e, v, t, m);
          } else {
            s = lanes.maxArg(kd, 0, 0.0, h, 1.0, m) + lanes.expIntoSum(kd, 0, 0.0, h, 1.0, e, m)
                + lanes.expCostSum(kd, 0, 0.0, h, 1.0, m);
            lanes.maxAccumulate(kd, 0, 0.0, h, 1.0, t, m);
            lanes.expAccumulate(kd, 0, 0.0, h, 1.0, t, m);
            lanes.scaledAxpy(1e-3, e, v, t, m);
          }
          break;
        default:
          throw new IllegalArgumentException("family " + f);
      }
      // keep t bounded (axpy grows it) and the results alive
      java.util.Arrays.fill(t, 0.0);
      sink += s + out4[0];
    }
  }
}
