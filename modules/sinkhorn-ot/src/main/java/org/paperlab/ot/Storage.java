package org.paperlab.ot;

/**
 * The {@code n x m} matrices of one solve in the precision chosen once, when the solve starts
 * ({@link Precision}): the cost rows ({@link CostRows}, stored or lazy) and, in the kernel domain,
 * the stored kernel {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)} ({@link KernelIteration}).
 *
 * <p>Every row operation of the iterations goes through this type, so they never branch on float
 * or double: {@link FloatStorage} and {@link DoubleStorage} hand their own arrays to the matching
 * {@link RowKernels} overloads. Potentials, scalings and every sum are double in both.
 *
 * <p>A row is addressed by its index {@code i}; the stored kernel's row {@code i} starts at
 * {@code i * m}. The {@code 4}-row operations read rows {@code i .. i+3}.
 */
sealed interface Storage permits FloatStorage, DoubleStorage {

  /** Float storage when {@code cost} holds float rows, else double. */
  static Storage of(CostRows cost, RowKernels k) {
    return cost.single ? new FloatStorage(cost, k) : new DoubleStorage(cost, k);
  }

  /** The cost rows. */
  CostRows cost();

  /** The row kernels every operation runs on. */
  RowKernels kernels();

  /**
   * The largest {@code |log|} of a scaling the stabilized kernel domain lets grow before it
   * absorbs the scalings into the potentials (Schmitzer 2019, Alg. 2): {@code 25} for float
   * (normal floats end near {@code e^-87}), {@code 200} for double.
   */
  double absorptionBound();

  /** A cursor over cost rows for one row block, with its own scratch row when the cost is lazy. */
  CostRow newRow();

  /** Allocates the stored {@code n x m} kernel (contents undefined until written). */
  void allocateKernel();

  /** Drops the stored kernel. */
  void releaseKernel();

  /** {@code sum_j K~_ij v_j}. */
  double kernelDot(int i, double[] v);

  /** {@code out[r] = sum_j K~_{i+r, j} v_j} for {@code r < 4}. */
  void kernelDot4(int i, double[] v, double[] out);

  /** {@code t_j += alpha K~_ij}. */
  void kernelAxpy(double alpha, int i, double[] t);

  /** {@code t_j += sum_{r<4} alpha[r] K~_{i+r, j}}. */
  void kernelAxpy4(double[] alpha, int i, double[] t);

  /** Kernel row {@code i} from exponentials: {@code K~_ij = coef e_j w_j}, 0 where subnormal. */
  void scaleIntoKernel(int i, double coef, double[] e, double[] w);

  /**
   * One cost row {@code c_j = C_ij}, loaded once by {@link #load} and then read by several kernels
   * (a lazy row is computed once per load). Exponential kernels take the exponent
   * {@code x_j = h_j + (base - c_j) inv}, as in {@link RowKernels}.
   */
  sealed interface CostRow permits FloatStorage.Row, DoubleStorage.Row {
    /** Loads row {@code i}; returns this cursor. */
    CostRow load(int i);

    /** {@code max_j x_j}. */
    double maxArg(double base, double[] h, double inv);

    /** {@code e_j = exp(x_j)}; returns {@code sum_j e_j}. */
    double expIntoSum(double base, double[] h, double inv, double[] e);

    /** {@code acc_j = max(acc_j, x_j)}. */
    void maxAccumulate(double base, double[] h, double inv, double[] acc);

    /** {@code acc_j += exp(x_j)}. */
    void expAccumulate(double base, double[] h, double inv, double[] acc);

    /** {@code sum_j exp(x_j) c_j}. */
    double expCostSum(double base, double[] h, double inv);

    /** Stored-kernel row {@code i} of the loaded row: {@code K~_ij = exp(x_j)}, 0 where subnormal. */
    void expIntoKernel(double base, double[] h, double inv);

    /** {@code sum_j K~_ij v_j c_j} for the loaded row {@code i}. */
    double kernelCostDot(double[] v);
  }
}
