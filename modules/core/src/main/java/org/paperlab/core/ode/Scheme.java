package org.paperlab.core.ode;

/**
 * Explicit Runge-Kutta schemes as Butcher tableaux {@code (a, b, c)}: stage
 * {@code k_i = f(t + c_i h, x + h sum_j a_ij k_j)}, step {@code x + h sum_i b_i k_i}.
 *
 * <ul>
 *   <li>{@code EULER}: order 1, 1 evaluation per step;
 *   <li>{@code HEUN}: Heun's method (explicit trapezoid, RK2), order 2, 2 evaluations;
 *   <li>{@code RK4}: the classical Runge-Kutta method, order 4, 4 evaluations;
 *   <li>{@code DOPRI5}: Dormand and Prince (1980), "A family of embedded Runge-Kutta formulae",
 *       Table 2: the 5th-order solution of the RK5(4) pair, 6 evaluations per fixed step (the 7th
 *       stage, evaluated at the new state, only serves the adaptive error estimate). Used fixed-step here and
 *       adaptively by {@link OdeMethod.Adaptive}.
 * </ul>
 */
public enum Scheme {
  EULER(1, new double[][] {{}}, new double[] {1}, new double[] {0}),
  HEUN(2, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {0, 1}),
  RK4(
      4,
      new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
      new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
      new double[] {0, 0.5, 0.5, 1}),
  DOPRI5(5, DormandPrince.A, DormandPrince.B5, DormandPrince.C);

  final int order;
  final double[][] a;
  final double[] b;
  final double[] c;

  Scheme(int order, double[][] a, double[] b, double[] c) {
    this.order = order;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  /** The scheme's order of accuracy (global error {@code O(h^order)}). */
  public int order() {
    return order;
  }

  /** Field evaluations per fixed step (stages with a nonzero weight). */
  public int stages() {
    int last = b.length - 1;
    while (b[last] == 0) {
      last--;
    }
    return last + 1;
  }

  /** Parses {@code euler|heun|rk4|dopri5} (case-insensitive). */
  /** Parses {@code euler}, {@code heun}, {@code rk4} or {@code dopri5} (any case). */
  public static Scheme parse(String name) {
    return org.paperlab.core.config.Variants.parse(Scheme.class, name, "scheme");
  }

  static final class DormandPrince {
    static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    static final double[][] A = {
      {},
      {1.0 / 5},
      {3.0 / 40, 9.0 / 40},
      {44.0 / 45, -56.0 / 15, 32.0 / 9},
      {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
      {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
      {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}
    };
    /** 5th-order weights (equal to the last row of A: FSAL). */
    static final double[] B5 = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};
    /** 4th-order embedded weights, for the error estimate. */
    static final double[] B4 = {
      5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40
    };

    private DormandPrince() {}
  }
}
