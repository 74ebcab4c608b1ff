package org.paperlab.core;

import java.util.Collection;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Argument checks whose messages name the argument, its value and the rule it breaks.
 *
 * <p>Every numeric check is written so that NaN fails it ({@code !(x > 0)} rather than
 * {@code x <= 0}), so a NaN that reaches a public method is reported instead of propagating.
 * Each method returns its argument so that checks read as assignments in compact constructors:
 *
 * <pre>{@code
 * record Config(double epsilon, int maxIter) {
 *   Config {
 *     Checks.positive("epsilon", epsilon);
 *     Checks.positive("maxIter", maxIter);
 *   }
 * }
 * }</pre>
 */
public final class Checks {
  private Checks() {}

  /** Fails with {@code "<message>"} when {@code condition} is false. */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Fails with a formatted message when {@code condition} is false. */
  public static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, args));
    }
  }

  /**
   * Fails with {@code name + detail} (an {@link InvalidArgumentException} that keeps the
   * argument's name, so a caller can tell it in its own terms) when {@code condition} is false:
   * {@code Checks.require("clip", clip > 0, " = %s must be > 0", clip)}.
   */
  public static void require(String name, boolean condition, String detailFormat, Object... args) {
    if (!condition) {
      throw new InvalidArgumentException(name, String.format(java.util.Locale.ROOT, detailFormat, args));
    }
  }

  /** {@code value} must not be null. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new InvalidArgumentException(name, " must not be null");
    }
    return value;
  }

  /** {@code value} must be finite (not NaN, not infinite). */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw fail(name, value, "must be finite");
    }
    return value;
  }

  /** {@code value > 0} and finite. */
  public static double positive(String name, double value) {
    if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
      throw fail(name, value, "must be > 0 and finite");
    }
    return value;
  }

  /** {@code value > 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw fail(name, value, "must be > 0");
    }
    return value;
  }

  /** {@code value > 0}. */
  public static long positive(String name, long value) {
    if (value <= 0) {
      throw fail(name, value, "must be > 0");
    }
    return value;
  }

  /** {@code value >= 0} and finite. */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw fail(name, value, "must be >= 0 and finite");
    }
    return value;
  }

  /** {@code value >= 0}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw fail(name, value, "must be >= 0");
    }
    return value;
  }

  /** {@code lo <= value <= hi}. */
  public static double inClosed(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw fail(name, value, "must be in [" + lo + ", " + hi + "]");
    }
    return value;
  }

  /** {@code lo < value < hi}. */
  public static double inOpen(String name, double value, double lo, double hi) {
    if (!(value > lo && value < hi)) {
      throw fail(name, value, "must be in (" + lo + ", " + hi + ")");
    }
    return value;
  }

  /** {@code lo < value <= hi}. */
  public static double inOpenClosed(String name, double value, double lo, double hi) {
    if (!(value > lo && value <= hi)) {
      throw fail(name, value, "must be in (" + lo + ", " + hi + "]");
    }
    return value;
  }

  /** {@code lo <= value <= hi}. */
  public static int inRange(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw fail(name, value, "must be in [" + lo + ", " + hi + "]");
    }
    return value;
  }

  /** {@code value} must be one of {@code allowed}. */
  public static <T> T oneOf(String name, T value, Collection<? extends T> allowed) {
    if (!allowed.contains(value)) {
      throw new InvalidArgumentException(
          name, " = " + value + " is not allowed; allowed values: " + allowed);
    }
    return value;
  }

  /** The collection or array length must be non-empty. */
  public static <C extends Collection<?>> C nonEmpty(String name, C value) {
    notNull(name, value);
    if (value.isEmpty()) {
      throw new InvalidArgumentException(name, " must not be empty");
    }
    return value;
  }

  /** Every entry of {@code values} must be finite. Reports the first bad index. */
  public static double[] allFinite(String name, double[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = " + values[i] + " must be finite");
      }
    }
    return values;
  }

  /** Every entry of {@code values} must be finite. Reports the first bad index. */
  public static float[] allFinite(String name, float[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = " + values[i] + " must be finite");
      }
    }
    return values;
  }

  /**
   * Every entry of the array must be finite. Reports the first bad position as (row, column) for
   * matrices.
   */
  public static INDArray allFinite(String name, INDArray values) {
    notNull(name, values);
    double[] flat = values.dup('c').data().asDouble();
    long cols = values.rank() >= 2 ? values.size(values.rank() - 1) : 0;
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        String at = cols > 0 ? "[" + (i / cols) + ", " + (i % cols) + "]" : "[" + i + "]";
        throw new IllegalArgumentException(name + at + " = " + flat[i] + " must be finite");
      }
    }
    return values;
  }

  /** {@code values} must be a matrix (rank 2). */
  public static INDArray matrix(String name, INDArray values) {
    notNull(name, values);
    if (values.rank() != 2) {
      throw new IllegalArgumentException(
          name + " must be a matrix (rank 2), got shape " + java.util.Arrays.toString(values.shape()));
    }
    return values;
  }

  /** Two sizes that must agree, e.g. columns of x and rows of w. */
  public static void sameSize(String nameA, long a, String nameB, long b) {
    if (a != b) {
      throw new IllegalArgumentException(
          nameA + " (" + a + ") must equal " + nameB + " (" + b + ")");
    }
  }

  /**
   * A probability vector: entries finite and {@code >= 0}, sum within {@code tol} of 1.
   */
  public static double[] probabilityVector(String name, double[] p, double tol) {
    allFinite(name, p);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] < 0) {
        throw new IllegalArgumentException(name + "[" + i + "] = " + p[i] + " must be >= 0");
      }
      sum += p[i];
    }
    if (!(Math.abs(sum - 1.0) <= tol)) {
      throw new IllegalArgumentException(
          name + " must sum to 1 (within " + tol + "), sums to " + sum);
    }
    return p;
  }

  private static IllegalArgumentException fail(String name, Object value, String rule) {
    Objects.requireNonNull(name);
    return new InvalidArgumentException(name, " = " + value + " " + rule);
  }
}
