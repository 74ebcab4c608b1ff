package org.paperlab.ot;

/**
 * The per-row arithmetic of every solver, on flat row-major arrays: a row of length {@code m}
 * starts at an offset in a float or double array; all accumulation is in double.
 *
 * <p>Exponential kernels work on the exponent {@code x_j = h_j + (base - c_j) * inv} for a cost
 * row {@code c}, a per-column shift {@code h} and a per-row {@code base}: with {@code inv = 1/eps}
 * this is the exponent of the Sinkhorn soft-min, {@code (f_i + g_j - C_ij)/eps} plus log weights.
 *
 * <p>Two implementations: {@link ScalarRowKernels} (plain Java loops, always available) and
 * {@code VectorRowKernels} (the JDK's incubating Vector API with SIMD {@code exp}), which
 * {@link #best()} selects when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 * Both compute the same formulas; they differ by rounding only.
 */
interface RowKernels {

  /** The fastest available implementation. */
  static RowKernels best() {
    return Holder.BEST;
  }

  /** The plain-Java implementation. */
  static RowKernels scalar() {
    return ScalarRowKernels.INSTANCE;
  }

  /** Whether the SIMD implementation is available in this JVM. */
  static boolean vectorAvailable() {
    return Holder.BEST != ScalarRowKernels.INSTANCE;
  }

  /** A short name: {@code "vector(<bits>)"} or {@code "scalar"}. */
  String name();

  /**
   * Starts, off the caller's thread, whatever makes the kernels of a solve in {@code single} (or
   * double) precision, in the log (or kernel) domain fast: the JIT warm-up of the SIMD code
   * ({@code SimdWarmup}). Returns at once; nothing for plain loops.
   */
  default void prewarm(boolean single, boolean logDomain) {}

  // ---- kernel domain -------------------------------------------------------------------

  /** {@code sum_j k_j v_j}. */
  double dot(float[] k, int ko, double[] v, int m);

  /** {@code sum_j k_j v_j}. */
  double dot(double[] k, int ko, double[] v, int m);

  /** {@code t_j += alpha k_j}. */
  void axpy(double alpha, float[] k, int ko, double[] t, int m);

  /**
   * Four consecutive rows at once (rows {@code ko, ko+m, ko+2m, ko+3m}): {@code out[o+r] = sum_j
   * k_rj v_j}. Each {@code v_j} is loaded once for four rows.
   */
  void dot4(float[] k, int ko, double[] v, int m, double[] out, int o);

  /** As {@link #dot4(float[], int, double[], int, double[], int)} for double rows. */
  void dot4(double[] k, int ko, double[] v, int m, double[] out, int o);

  /** {@code t_j += sum_{r<4} alpha[o+r] k_rj}: each {@code t_j} is loaded and stored once for four rows. */
  void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m);

  /** As {@link #axpy4(double[], int, float[], int, double[], int)} for double rows. */
  void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m);

  /** {@code t_j += alpha k_j}. */
  void axpy(double alpha, double[] k, int ko, double[] t, int m);

  /** {@code sum_j k_j v_j c_j} (the transport cost of one row of a scaled kernel). */
  double dot3(float[] k, int ko, double[] v, float[] c, int co, int m);

  /** {@code sum_j k_j v_j c_j}. */
  double dot3(double[] k, int ko, double[] v, double[] c, int co, int m);

  /** {@code out_j = exp(x_j)} stored in float (building a stabilized kernel row). */
  void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m);

  /** {@code out_j = exp(x_j)}. */
  void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m);

  /**
   * The over-relaxed, possibly unbalanced scaling update in log space, for a whole vector:
   * {@code l_j <- (1 - omega) l_j + omega (-lambda log t_j - shiftScale shift_j)},
   * {@code out_j = base_j exp(l_j)}; returns {@code max_j |l_j|}.
   */
  double logScalingUpdate(double[] t, double[] l, double omega, double lambda, double[] shift,
      double shiftScale, double[] base, double[] out, int m);

  // ---- log domain ----------------------------------------------------------------------

  /** {@code e_j = exp(x_j)} into {@code e[0..m)}; returns {@code sum_j e_j}. */
  double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m);

  /** {@code e_j = exp(x_j)} into {@code e[0..m)}; returns {@code sum_j e_j}. */
  double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m);

  /** {@code acc_j += coef * e_j * w_j}. */
  void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m);

  /** {@code max_j x_j}. */
  double maxArg(float[] c, int co, double base, double[] h, double inv, int m);

  /** {@code max_j x_j}. */
  double maxArg(double[] c, int co, double base, double[] h, double inv, int m);

  /** {@code acc_j = max(acc_j, x_j)}. */
  void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m);

  /** {@code acc_j = max(acc_j, x_j)}. */
  void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m);

  /** {@code acc_j += exp(x_j)}. */
  void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m);

  /** {@code acc_j += exp(x_j)}. */
  void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m);

  /** {@code sum_j exp(x_j) c_j}. */
  double expCostSum(float[] c, int co, double base, double[] h, double inv, int m);

  /** {@code sum_j exp(x_j) c_j}. */
  double expCostSum(double[] c, int co, double base, double[] h, double inv, int m);

  /** {@code out_j = coef e_j w_j} stored in float, 0 where that would be subnormal. */
  void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m);

  /** {@code out_j = coef e_j w_j}, 0 where subnormal. */
  void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m);

  // ---- cost rows from point clouds -----------------------------------------------------

  /**
   * Row {@code i} of a standard cost between the point {@code x[xo .. xo+d)} and the {@code m}
   * points of {@code yT}, stored coordinate-major ({@code yT[k*m + j]} is coordinate {@code k}
   * of point {@code j}).
   */
  void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out);

  /** As {@link #costRow(StandardCost, double[], int, double[], int, int, float[])}, in double. */
  void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out);

  /**
   * Four consecutive cost rows (points {@code x[xo..]} to {@code x[xo+3d..]}) into the row-major
   * {@code out} at {@code oo, oo+m, oo+2m, oo+3m}: each {@code yT} load serves four rows.
   */
  void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo);

  /** As {@link #costRows4(StandardCost, double[], int, double[], int, int, float[], int)}, in double. */
  void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo);

  /** Loads the SIMD implementation only when its module is in the boot layer. */
  final class Holder {
    static final RowKernels BEST = load();

    private Holder() {}

    private static RowKernels load() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return ScalarRowKernels.INSTANCE;
      }
      try {
        return (RowKernels)
            Class.forName("org.paperlab.ot.VectorRowKernels").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return ScalarRowKernels.INSTANCE;
      }
    }
  }
}
