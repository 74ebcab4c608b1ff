package org.paperlab.core;

import java.util.Locale;

/**
 * The project's one rule for numbers written as text (command-line values, configs, CSV cells):
 * an optional sign, digits with an optional decimal point, an optional exponent
 * ({@code 12}, {@code -0.5}, {@code .5}, {@code 1e-9}, {@code 2.5E+3}); and the words
 * {@code inf}, {@code infinity} and {@code nan} in any case, with an optional sign. Java's own
 * literal forms that {@link Double#parseDouble} also takes ({@code 1d}, {@code 2f},
 * {@code 0x1p-1}) and surrounding blanks are refused, so a value means the same thing in every
 * reader.
 */
public final class Numbers {
  private Numbers() {}

  /**
   * Whether {@code t} is {@code [+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?} (ASCII digits),
   * scanned by hand: a regular expression per cell cost more than the parse itself (reading a
   * 2000-row CSV took 0.017 s with it, 0.009 s without, once compiled; {@code NumbersTest} checks
   * this scan against that expression).
   */
  static boolean isDecimal(String t) {
    int n = t.length();
    int i = 0;
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int whole = i;
    while (i < n && digit(t.charAt(i))) {
      i++;
    }
    int digits = i - whole;
    if (i < n && t.charAt(i) == '.') {
      int fraction = ++i;
      while (i < n && digit(t.charAt(i))) {
        i++;
      }
      digits += i - fraction;
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int exponent = i;
      while (i < n && digit(t.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether {@code text} is a number under the project's rule. */
  public static boolean isNumber(String text) {
    return text != null && (isDecimal(text) || special(text) != null);
  }

  /**
   * The number {@code text} spells.
   *
   * @throws NumberFormatException naming the text when it is not a number under the rule
   */
  public static double parseDouble(String text) {
    if (text == null) {
      throw new NumberFormatException("no number (null)");
    }
    if (isDecimal(text)) {
      return Double.parseDouble(text);
    }
    Double s = special(text);
    if (s == null) {
      throw new NumberFormatException("'" + text + "' is not a number");
    }
    return s;
  }

  /**
   * The integer {@code text} spells: plain digits, or a decimal or scientific form whose value is
   * a whole number within {@code long} ({@code 1e6} is 1,000,000).
   *
   * @throws NumberFormatException when it is not a whole number under the rule or out of range
   */
  public static long parseLong(String text) {
    if (text == null) {
      throw new NumberFormatException("no number (null)");
    }
    if (text.matches("[+-]?\\d+")) {
      try {
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      } catch (NumberFormatException e) {
        throw new NumberFormatException("'" + text + "' is out of range");
      }
    }
    if (!isDecimal(text)) {
      throw new NumberFormatException("'" + text + "' is not a whole number");
    }
    java.math.BigDecimal b = new java.math.BigDecimal(text);
    try {
      return b.longValueExact();
    } catch (ArithmeticException e) {
      throw new NumberFormatException("'" + text + "' is not a whole number within range");
    }
  }

  /** {@link #parseLong} within {@code int}. */
  public static int parseInt(String text) {
    long v = parseLong(text);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new NumberFormatException("'" + text + "' is out of range (at most " + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  private static Double special(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    boolean neg = t.startsWith("-");
    if (neg || t.startsWith("+")) {
      t = t.substring(1);
    }
    return switch (t) {
      case "inf", "infinity" -> neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> null;
    };
  }
}
