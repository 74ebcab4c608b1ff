package org.paperlab.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paperlab.core.Checks;
import org.paperlab.core.Numbers;

/**
 * Reads a numeric matrix from CSV: one row per line, comma-separated, blank lines ignored, spaces
 * around fields ignored, a field may be double-quoted ({@code "1.5"}); numbers follow the project's
 * one rule ({@link Numbers}: no {@code 1d}, {@code 0x1p-1}). The file must be UTF-8.
 *
 * <p>The header line follows a rule that cannot misread ({@link Header}): with {@link Header#AUTO}
 * the first line is a header when its first field is not a number, data when every field is a
 * number, and refused as ambiguous when it reads {@code 0,1,...,d-1} (what pandas writes as the
 * header of an unnamed array; pass {@link Header#PRESENT} or {@link Header#ABSENT}).
 *
 * <p>Every problem is a {@link DataFormatException} naming the file, line and column: a missing
 * or empty file, bytes that are not UTF-8, a non-numeric cell, a NaN or infinite value, a row with
 * a different number of columns than the first, a file separated by semicolons.
 */
public final class NumericCsv {
  private NumericCsv() {}

  /** Whether the first line is a header. */
  public enum Header {
    /** Decide from the first line, refusing the ambiguous {@code 0,1,...,d-1}. */
    AUTO,
    /** The first line is a header. */
    PRESENT,
    /** The first line is data. */
    ABSENT
  }

  /**
   * The parsed matrix.
   *
   * @param columns the column names (generated {@code c1..cd} when there is no header)
   * @param rows the data rows
   * @param lines the 1-based line in the file of every data row (to locate problems found after
   *     parsing, such as a wrong number of rows)
   */
  public record Matrix(List<String> columns, double[][] rows, long[] lines) {
    public int n() {
      return rows.length;
    }

    public int d() {
      return columns.size();
    }

    /** Row-major values. */
    public double[] flat() {
      double[] f = new double[n() * d()];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(rows[i], 0, f, i * d(), d());
      }
      return f;
    }
  }

  /** Reads {@code file}, deciding about a header line by {@link Header#AUTO}. */
  public static Matrix read(Path file) {
    return read(file, Header.AUTO);
  }

  /** Reads {@code file} with the given header rule. */
  public static Matrix read(Path file, Header rule) {
    Checks.notNull("file", file);
    Checks.notNull("rule", rule);
    List<String> header = null;
    List<double[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    int width = -1;
    try {
      TextLines text = TextLines.open(file);
      String line;
      boolean first = true;
      while ((line = text.next()) != null) {
        long lineNo = text.lineNumber();
        if (first && line.indexOf(';') >= 0 && line.indexOf(',') < 0) {
          throw new DataFormatException(file, lineNo, 0,
              "the fields are separated by ';'; paperlab reads comma-separated CSV (replace ';' by ',')");
        }
        String[] fields = line.split(",", -1);
        for (int c = 0; c < fields.length; c++) {
          fields[c] = unquote(fields[c].trim());
        }
        if (first) {
          first = false;
          if (isHeader(fields, rule, file, lineNo)) {
            header = new ArrayList<>(List.of(fields));
            width = fields.length;
            continue;
          }
        }
        if (width < 0) {
          width = fields.length;
        }
        if (fields.length != width) {
          throw new DataFormatException(
              file, lineNo, 0, "expected " + width + " columns, found " + fields.length);
        }
        double[] row = new double[width];
        for (int c = 0; c < width; c++) {
          String cell = fields[c];
          if (cell.isEmpty()) {
            throw new DataFormatException(file, lineNo, c + 1, "empty cell");
          }
          double v;
          try {
            v = Numbers.parseDouble(cell);
          } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNo, c + 1, "not a number: '" + cell + "'");
          }
          if (!Double.isFinite(v)) {
            throw new DataFormatException(file, lineNo, c + 1, "value must be finite, got '" + cell + "'");
          }
          row[c] = v;
        }
        rows.add(row);
        lines.add(lineNo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(file, 0, 0, header == null ? "file is empty" : "file has a header but no data rows");
    }
    if (header == null) {
      header = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        header.add("c" + (c + 1));
      }
    }
    return new Matrix(List.copyOf(header), rows.toArray(new double[0][]), lines.stream().mapToLong(Long::longValue).toArray());
  }

  private static boolean isHeader(String[] fields, Header rule, Path file, long lineNo) {
    if (rule != Header.AUTO) {
      return rule == Header.PRESENT;
    }
    if (!Numbers.isNumber(fields[0])) {
      return true;
    }
    boolean pandas = fields.length >= 1;
    for (int c = 0; c < fields.length && pandas; c++) {
      pandas = fields[c].equals(Integer.toString(c));
    }
    if (pandas) {
      throw new DataFormatException(file, lineNo, 0, "the first line '" + String.join(",", fields)
          + "' may be a header (pandas writes 0,1,... for unnamed columns) or a data row; say which"
          + " (--header or --no-header)");
    }
    return false;
  }

  /** A field without its RFC 4180 double quotes ({@code ""} inside stands for one quote). */
  static String unquote(String f) {
    if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
      return f.substring(1, f.length() - 1).replace("\"\"", "\"").trim();
    }
    return f;
  }
}
