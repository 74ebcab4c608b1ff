package org.paperlab.gsd;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.paperlab.core.Checks;

/**
 * One column of a table's schema: categorical (values are codes {@code 0..size-1} into
 * {@link #categories()}, the original labels) or numeric (values are stored scaled to
 * {@code [0, 1]} by {@code s = (x - min) / (max - min)}; {@link #unscale} maps them back to the
 * column's units, rounding to whole numbers when {@link #integer()} is set).
 *
 * <p>This is the data domain of Liu, Tang, Vietri and Wu (2023), "Generating Private Synthetic
 * Data with Genetic Algorithms" (ICML), Section 2: discrete attributes with finite domains and
 * real-valued attributes normalised to {@code [0, 1]}.
 *
 * @param name column name as in the CSV header
 * @param kind categorical or numeric
 * @param categories labels of a categorical column (empty for numeric)
 * @param min smallest value of a numeric column in its units (0 for categorical)
 * @param max largest value of a numeric column in its units (0 for categorical)
 * @param integer numeric values are whole numbers (written back without decimals)
 */
public record Column(String name, Kind kind, List<String> categories, double min, double max, boolean integer) {
  /** The two column types, named {@code categorical} and {@code numeric} in a domain file. */
  public enum Kind {
    CATEGORICAL,
    NUMERIC
  }

  public Column {
    Checks.notNull("name", name);
    Checks.require(!name.isBlank(), "column name must not be blank");
    Checks.notNull("kind", kind);
    Checks.notNull("categories of " + name, categories);
    categories = List.copyOf(categories);
    if (kind == Kind.CATEGORICAL) {
      Checks.require(!categories.isEmpty(), "categorical column '%s' needs at least one category", name);
      Checks.require(
          new HashSet<>(categories).size() == categories.size(),
          "categorical column '%s' lists a category twice: %s", name, categories);
    } else {
      Checks.require(categories.isEmpty(), "numeric column '%s' must not list categories", name);
      Checks.finite("min of " + name, min);
      Checks.finite("max of " + name, max);
      Checks.require(min <= max, "numeric column '%s' has min %s > max %s", name, min, max);
    }
  }

  /** A categorical column with these labels (code {@code i} is {@code categories.get(i)}). */
  public static Column categorical(String name, List<String> categories) {
    return new Column(name, Kind.CATEGORICAL, categories, 0, 0, false);
  }

  /** A numeric column spanning {@code [min, max]} in its units. */
  public static Column numeric(String name, double min, double max, boolean integer) {
    return new Column(name, Kind.NUMERIC, List.of(), min, max, integer);
  }

  public boolean isCategorical() {
    return kind == Kind.CATEGORICAL;
  }

  /** Number of categories (categorical columns only). */
  public int size() {
    Checks.require(isCategorical(), "column '%s' is numeric and has no category count", name);
    return categories.size();
  }

  /** Code of {@code label}, or -1 when the label is not a category of this column. */
  public int code(String label) {
    return categories.indexOf(label);
  }

  /** Scales a value in the column's units to {@code [0, 1]} (clamped). */
  public float scale(double x) {
    if (max == min) {
      return 0f;
    }
    double s = (x - min) / (max - min);
    return (float) Math.min(1.0, Math.max(0.0, s));
  }

  /** Maps a scaled value back to the column's units (rounded for integer columns). */
  public double unscale(float s) {
    double x = min + (double) s * (max - min);
    return integer ? Math.rint(x) : x;
  }

  /** The value as written to CSV: the label, or the unscaled number. */
  public String format(int code, float scaled) {
    if (isCategorical()) {
      return categories.get(code);
    }
    double x = unscale(scaled);
    if (integer) {
      return Long.toString((long) x);
    }
    return String.format(Locale.ROOT, "%.6g", x).trim();
  }
}
