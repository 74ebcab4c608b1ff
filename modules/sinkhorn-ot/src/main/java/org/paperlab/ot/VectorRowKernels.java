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
 */
final class VectorRowKernels implements RowKernels {
  /** Public for reflective loading. */
  public VectorRowKernels() {}

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
    return VectorProducts.dot(k, ko, v, m);
  }

  @Override
  public double dot(double[] k, int ko, double[] v, int m) {
    return VectorProducts.dot(k, ko, v, m);
  }

  @Override
  public void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    VectorProducts.axpy(alpha, k, ko, t, m);
  }

  @Override
  public void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
    VectorProducts.dot4(k, ko, v, m, out, o);
  }

  @Override
  public void dot4(double[] k, int ko, double[] v, int m, double[] out, int o) {
    VectorProducts.dot4(k, ko, v, m, out, o);
  }

  @Override
  public void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
    VectorProducts.axpy4(alpha, o, k, ko, t, m);
  }

  @Override
  public void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
    VectorProducts.axpy4(alpha, o, k, ko, t, m);
  }

  @Override
  public void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    VectorProducts.axpy(alpha, k, ko, t, m);
  }

  @Override
  public double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    return VectorProducts.dot3(k, ko, v, c, co, m);
  }

  @Override
  public double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    return VectorProducts.dot3(k, ko, v, c, co, m);
  }

  @Override
  public void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
    VectorProducts.scaledAxpy(coef, e, w, acc, m);
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
    VectorProducts.scaleInto(coef, e, w, out, oo, m);
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
    VectorProducts.scaleInto(coef, e, w, out, oo, m);
  }

  // ---- exponent kernels (max and exp of the soft-min exponent): VectorExpKernels ---------------

  @Override
  public void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    VectorExpKernels.expInto(c, co, base, h, inv, out, oo, m);
  }

  @Override
  public void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    VectorExpKernels.expInto(c, co, base, h, inv, out, oo, m);
  }

  @Override
  public double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    return VectorExpKernels.expIntoSum(c, co, base, h, inv, e, m);
  }

  @Override
  public double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    return VectorExpKernels.expIntoSum(c, co, base, h, inv, e, m);
  }

  @Override
  public double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
    return VectorExpKernels.maxArg(c, co, base, h, inv, m);
  }

  @Override
  public double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
    return VectorExpKernels.maxArg(c, co, base, h, inv, m);
  }

  @Override
  public void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    VectorExpKernels.maxAccumulate(c, co, base, h, inv, acc, m);
  }

  @Override
  public void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    VectorExpKernels.maxAccumulate(c, co, base, h, inv, acc, m);
  }

  @Override
  public void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    VectorExpKernels.expAccumulate(c, co, base, h, inv, acc, m);
  }

  @Override
  public void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    VectorExpKernels.expAccumulate(c, co, base, h, inv, acc, m);
  }

  @Override
  public double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    return VectorExpKernels.expCostSum(c, co, base, h, inv, m);
  }

  @Override
  public double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    return VectorExpKernels.expCostSum(c, co, base, h, inv, m);
  }

  // ---- cost rows from point clouds: VectorCostRows ---------------------------------------------

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    VectorCostRows.costRow(cost, x, xo, yT, d, m, out);
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    VectorCostRows.costRow(cost, x, xo, yT, d, m, out);
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
    VectorCostRows.costRows4(cost, x, xo, yT, d, m, out, oo);
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
    VectorCostRows.costRows4(cost, x, xo, yT, d, m, out, oo);
  }
}
