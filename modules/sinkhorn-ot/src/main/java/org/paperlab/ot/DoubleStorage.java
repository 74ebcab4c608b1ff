package org.paperlab.ot;

/**
 * {@link Storage} in double ({@link Precision#DOUBLE}): double cost rows and a double kernel, read by
 * the double overloads of {@link RowKernels}. {@link FloatStorage} is its twin line for line.
 */
final class DoubleStorage implements Storage {
  private final CostRows cost;
  private final RowKernels k;
  private final int m;
  private double[] kernel;

  DoubleStorage(CostRows cost, RowKernels k) {
    this.cost = cost;
    this.k = k;
    this.m = cost.m;
  }

  @Override
  public CostRows cost() {
    return cost;
  }

  @Override
  public RowKernels kernels() {
    return k;
  }

  @Override
  public double absorptionBound() {
    return 200.0;
  }

  @Override
  public Row newRow() {
    return new Row();
  }

  @Override
  public void allocateKernel() {
    kernel = new double[(int) ((long) cost.n * m)];
  }

  @Override
  public void releaseKernel() {
    kernel = null;
  }

  @Override
  public double kernelDot(int i, double[] v) {
    return k.dot(kernel, i * m, v, m);
  }

  @Override
  public void kernelDot4(int i, double[] v, double[] out) {
    k.dot4(kernel, i * m, v, m, out, 0);
  }

  @Override
  public void kernelAxpy(double alpha, int i, double[] t) {
    k.axpy(alpha, kernel, i * m, t, m);
  }

  @Override
  public void kernelAxpy4(double[] alpha, int i, double[] t) {
    k.axpy4(alpha, 0, kernel, i * m, t, m);
  }

  @Override
  public void scaleIntoKernel(int i, double coef, double[] e, double[] w) {
    k.scaleInto(coef, e, w, kernel, i * m, m);
  }

  /** A double cost row: the stored matrix at {@code i * m}, or the lazy row in this cursor's scratch. */
  final class Row implements CostRow {
    private final double[] scratch = cost.lazy() ? new double[m] : null;
    private double[] c;
    private int co;
    private int i;

    @Override
    public Row load(int row) {
      i = row;
      c = cost.rowD(row, scratch);
      co = cost.off(row);
      return this;
    }

    @Override
    public double maxArg(double base, double[] h, double inv) {
      return k.maxArg(c, co, base, h, inv, m);
    }

    @Override
    public double expIntoSum(double base, double[] h, double inv, double[] e) {
      return k.expIntoSum(c, co, base, h, inv, e, m);
    }

    @Override
    public void maxAccumulate(double base, double[] h, double inv, double[] acc) {
      k.maxAccumulate(c, co, base, h, inv, acc, m);
    }

    @Override
    public void expAccumulate(double base, double[] h, double inv, double[] acc) {
      k.expAccumulate(c, co, base, h, inv, acc, m);
    }

    @Override
    public double expCostSum(double base, double[] h, double inv) {
      return k.expCostSum(c, co, base, h, inv, m);
    }

    @Override
    public void expIntoKernel(double base, double[] h, double inv) {
      k.expInto(c, co, base, h, inv, kernel, i * m, m);
    }

    @Override
    public double kernelCostDot(double[] v) {
      return k.dot3(kernel, i * m, v, c, co, m);
    }
  }
}
