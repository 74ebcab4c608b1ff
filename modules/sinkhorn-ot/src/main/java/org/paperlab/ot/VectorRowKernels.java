package org.paperlab.ot;

/**
 * {@link RowKernels} on the JDK's incubating Vector API: the widest double vectors of the CPU
 * (8 lanes with AVX-512), float rows loaded at half width and widened to double
 * ({@link VectorLanes}), and the SIMD {@code exp} of {@link VectorExp} (the same bits on every run,
 * unlike the API's own). Loaded reflectively by {@link RowKernels#best()} only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>This class binds the interface; the SIMD loops live in one class per idea:
 * {@link VectorProducts} (kernel-domain products), {@link VectorExpKernels} (max and exponentials
 * of the soft-min exponent, chunked through {@link VectorExp}) and {@link VectorCostRows} (cost
 * rows from point clouds). {@code RowKernelsTest} checks every method against
 * {@link ScalarRowKernels}.
 *
 * <p><b>Cold start.</b> Each method runs its SIMD body only once {@link SimdWarmup} says the JIT has
 * compiled that kernel's family; until then it runs {@link LaneRowKernels}, the same operations in
 * the same order in plain loops (the same bits: {@code LaneRowKernelsTest}), while a daemon thread
 * warms the SIMD code up. A first solve in a fresh JVM thus costs a few warm solves instead of
 * twenty, and gives the same answer.
 */
final class VectorRowKernels implements RowKernels {
  /** The same kernels in plain loops, bit for bit, run until the SIMD code is compiled. */
  private static final LaneRowKernels LANES = new LaneRowKernels(VectorLanes.L);

  /** Public for reflective loading. */
  public VectorRowKernels() {}

  @Override
  public void prewarm(boolean single, boolean logDomain) {
    SimdWarmup.prewarm(single, logDomain);
  }

  @Override
  public String name() {
    return "vector(" + VectorLanes.D.vectorBitSize() + ")";
  }

  @Override
  public double logScalingUpdate(double[] t, double[] l, double omega, double lambda, double[] shift,
      double shiftScale, double[] base, double[] out, int m) {
    // O(m) per iteration, next to the O(n m) sweeps: the scalar loop's Math.log and Math.exp give
    // the same bits on every JIT tier, the Vector API's LOG and EXP do not (see VectorExp)
    return ScalarRowKernels.INSTANCE.logScalingUpdate(t, l, omega, lambda, shift, shiftScale, base, out, m);
  }

  // ---- kernel-domain products: VectorProducts --------------------------------------------------

  @Override
  public double dot(float[] k, int ko, double[] v, int m) {
    return SimdWarmup.ready(SimdWarmup.SWEEP_F) ? VectorProducts.dot(k, ko, v, m) : LANES.dot(k, ko, v, m);
  }

  @Override
  public double dot(double[] k, int ko, double[] v, int m) {
    return SimdWarmup.ready(SimdWarmup.SWEEP_D) ? VectorProducts.dot(k, ko, v, m) : LANES.dot(k, ko, v, m);
  }

  @Override
  public void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_F)) {
      VectorProducts.axpy(alpha, k, ko, t, m);
    } else {
      LANES.axpy(alpha, k, ko, t, m);
    }
  }

  @Override
  public void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_F)) {
      VectorProducts.dot4(k, ko, v, m, out, o);
    } else {
      LANES.dot4(k, ko, v, m, out, o);
    }
  }

  @Override
  public void dot4(double[] k, int ko, double[] v, int m, double[] out, int o) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_D)) {
      VectorProducts.dot4(k, ko, v, m, out, o);
    } else {
      LANES.dot4(k, ko, v, m, out, o);
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_F)) {
      VectorProducts.axpy4(alpha, o, k, ko, t, m);
    } else {
      LANES.axpy4(alpha, o, k, ko, t, m);
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_D)) {
      VectorProducts.axpy4(alpha, o, k, ko, t, m);
    } else {
      LANES.axpy4(alpha, o, k, ko, t, m);
    }
  }

  @Override
  public void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    if (SimdWarmup.ready(SimdWarmup.SWEEP_D)) {
      VectorProducts.axpy(alpha, k, ko, t, m);
    } else {
      LANES.axpy(alpha, k, ko, t, m);
    }
  }

  @Override
  public double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    return SimdWarmup.ready(SimdWarmup.EXP_F) ? VectorProducts.dot3(k, ko, v, c, co, m) : LANES.dot3(k, ko, v, c, co, m);
  }

  @Override
  public double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    return SimdWarmup.ready(SimdWarmup.EXP_D) ? VectorProducts.dot3(k, ko, v, c, co, m) : LANES.dot3(k, ko, v, c, co, m);
  }

  @Override
  public void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
    if (SimdWarmup.isReady(SimdWarmup.LOG_F) || SimdWarmup.isReady(SimdWarmup.LOG_D)) {
      VectorProducts.scaledAxpy(coef, e, w, acc, m);
    } else {
      LANES.scaledAxpy(coef, e, w, acc, m);
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
    if (SimdWarmup.ready(SimdWarmup.EXP_F)) {
      VectorProducts.scaleInto(coef, e, w, out, oo, m);
    } else {
      LANES.scaleInto(coef, e, w, out, oo, m);
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
    if (SimdWarmup.ready(SimdWarmup.EXP_D)) {
      VectorProducts.scaleInto(coef, e, w, out, oo, m);
    } else {
      LANES.scaleInto(coef, e, w, out, oo, m);
    }
  }

  // ---- exponent kernels (max and exp of the soft-min exponent): VectorExpKernels ---------------

  @Override
  public void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    if (SimdWarmup.ready(SimdWarmup.EXP_F)) {
      VectorExpKernels.expInto(c, co, base, h, inv, out, oo, m);
    } else {
      LANES.expInto(c, co, base, h, inv, out, oo, m);
    }
  }

  @Override
  public void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    if (SimdWarmup.ready(SimdWarmup.EXP_D)) {
      VectorExpKernels.expInto(c, co, base, h, inv, out, oo, m);
    } else {
      LANES.expInto(c, co, base, h, inv, out, oo, m);
    }
  }

  @Override
  public double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_F) ? VectorExpKernels.expIntoSum(c, co, base, h, inv, e, m) : LANES.expIntoSum(c, co, base, h, inv, e, m);
  }

  @Override
  public double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_D) ? VectorExpKernels.expIntoSum(c, co, base, h, inv, e, m) : LANES.expIntoSum(c, co, base, h, inv, e, m);
  }

  @Override
  public double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_F) ? VectorExpKernels.maxArg(c, co, base, h, inv, m) : LANES.maxArg(c, co, base, h, inv, m);
  }

  @Override
  public double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_D) ? VectorExpKernels.maxArg(c, co, base, h, inv, m) : LANES.maxArg(c, co, base, h, inv, m);
  }

  @Override
  public void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    if (SimdWarmup.ready(SimdWarmup.LOG_F)) {
      VectorExpKernels.maxAccumulate(c, co, base, h, inv, acc, m);
    } else {
      LANES.maxAccumulate(c, co, base, h, inv, acc, m);
    }
  }

  @Override
  public void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    if (SimdWarmup.ready(SimdWarmup.LOG_D)) {
      VectorExpKernels.maxAccumulate(c, co, base, h, inv, acc, m);
    } else {
      LANES.maxAccumulate(c, co, base, h, inv, acc, m);
    }
  }

  @Override
  public void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    if (SimdWarmup.ready(SimdWarmup.LOG_F)) {
      VectorExpKernels.expAccumulate(c, co, base, h, inv, acc, m);
    } else {
      LANES.expAccumulate(c, co, base, h, inv, acc, m);
    }
  }

  @Override
  public void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    if (SimdWarmup.ready(SimdWarmup.LOG_D)) {
      VectorExpKernels.expAccumulate(c, co, base, h, inv, acc, m);
    } else {
      LANES.expAccumulate(c, co, base, h, inv, acc, m);
    }
  }

  @Override
  public double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_F) ? VectorExpKernels.expCostSum(c, co, base, h, inv, m) : LANES.expCostSum(c, co, base, h, inv, m);
  }

  @Override
  public double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    return SimdWarmup.ready(SimdWarmup.LOG_D) ? VectorExpKernels.expCostSum(c, co, base, h, inv, m) : LANES.expCostSum(c, co, base, h, inv, m);
  }

  // ---- cost rows from point clouds: VectorCostRows ---------------------------------------------

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    if (SimdWarmup.ready(SimdWarmup.COST_F)) {
      VectorCostRows.costRow(cost, x, xo, yT, d, m, out);
    } else {
      LANES.costRow(cost, x, xo, yT, d, m, out);
    }
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    if (SimdWarmup.ready(SimdWarmup.COST_D)) {
      VectorCostRows.costRow(cost, x, xo, yT, d, m, out);
    } else {
      LANES.costRow(cost, x, xo, yT, d, m, out);
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
    if (SimdWarmup.ready(SimdWarmup.COST_F)) {
      VectorCostRows.costRows4(cost, x, xo, yT, d, m, out, oo);
    } else {
      LANES.costRows4(cost, x, xo, yT, d, m, out, oo);
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
    if (SimdWarmup.ready(SimdWarmup.COST_D)) {
      VectorCostRows.costRows4(cost, x, xo, yT, d, m, out, oo);
    } else {
      LANES.costRows4(cost, x, xo, yT, d, m, out, oo);
    }
  }
}
