package org.paperlab.core;

/**
 * Ordinary least-squares line fits, including the log-log fit used to read convergence rates:
 * fitting {@code log y = a + s log x} gives the empirical order {@code s} of {@code y ~ x^s}.
 */
public final class Fits {
  private Fits() {}

  /**
   * A fitted line {@code y = intercept + slope x}.
   *
   * @param slope least-squares slope
   * @param intercept least-squares intercept
   * @param r2 coefficient of determination (1 for a perfect fit; NaN when y is constant)
   * @param n number of points used
   */
  public record Line(double slope, double intercept, double r2, int n) {
    /** The fitted value at {@code x}. */
    public double at(double x) {
      return intercept + slope * x;
    }
  }

  /** Least-squares line through {@code (x_i, y_i)}; needs at least two distinct x. */
  public static Line ols(double[] x, double[] y) {
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    Checks.sameSize("length of x", x.length, "length of y", y.length);
    Checks.require(x.length >= 2, "a line fit needs at least 2 points, got %d", x.length);
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    Checks.require(sxx > 0, "a line fit needs at least 2 distinct x values");
    double slope = sxy / sxx;
    double r2 = syy == 0 ? Double.NaN : (sxy * sxy) / (sxx * syy);
    return new Line(slope, my - slope * mx, r2, n);
  }

  /**
   * Fit of {@code log y} against {@code log x} (natural logs) over the points with
   * {@code x > 0, y > 0}; the slope is the empirical exponent.
   */
  public static Line logLog(double[] x, double[] y) {
    Checks.sameSize("length of x", x.length, "length of y", y.length);
    int m = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0) {
        m++;
      }
    }
    double[] lx = new double[m];
    double[] ly = new double[m];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0) {
        lx[k] = Math.log(x[i]);
        ly[k] = Math.log(y[i]);
        k++;
      }
    }
    return ols(lx, ly);
  }
}
