package org.paperlab.sgd;

import java.util.Arrays;
import java.util.Locale;
import org.paperlab.core.Checks;

/**
 * Sample quantiles by Hyndman and Fan's (1996) definition 7, "Sample quantiles in statistical
 * packages" (The American Statistician 50(4)), the default of R's {@code quantile} and NumPy's
 * {@code np.quantile} ({@code method="linear"}): for sorted {@code x_(1) <= ... <= x_(n)} and
 * {@code h = (n - 1) p}, {@code Q(p) = x_(floor h + 1) + (h - floor h)(x_(floor h + 2) - x_(floor h + 1))}.
 */
public final class Quantiles {
  private Quantiles() {}

  /** The type-7 quantile of {@code values} at level {@code p in [0, 1]} (values are not modified). */
  public static double type7(double[] values, double p) {
    double[] s = sortedFinite(values);
    return ofSorted(s, p);
  }

  /** Type-7 quantiles at several levels, sorting once. */
  public static double[] type7(double[] values, double[] levels) {
    double[] s = sortedFinite(values);
    double[] q = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      q[i] = ofSorted(s, levels[i]);
    }
    return q;
  }

  /** The type-7 quantile of already sorted values. */
  public static double ofSorted(double[] sorted, double p) {
    Checks.inClosed("p", p, 0.0, 1.0);
    Checks.require(sorted.length > 0, "a quantile needs at least one value");
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * A level (or any parameter) as it appears in metric keys: whole numbers without a decimal
   * point, others with at most 6 significant digits and no trailing zeros ({@code 10000} ->
   * {@code "10000"}, {@code 0.999} -> {@code "0.999"}, {@code 0.5} -> {@code "0.5"}).
   */
  public static String label(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "");
  }

  private static double[] sortedFinite(double[] values) {
    Checks.notNull("values", values);
    Checks.allFinite("values", values);
    double[] s = values.clone();
    Arrays.sort(s);
    return s;
  }
}
