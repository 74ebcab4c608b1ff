package org.paperlab.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paperlab.core.Checks;

/**
 * Reads a numeric matrix from CSV: one row per line, comma-separated, an optional header line
 * (detected when its first field is not a number), blank trailing lines ignored, leading and
 * trailing spaces around fields ignored.
 *
 * <p>Every problem is a {@link DataFormatException} naming the file, line and column: a missing
 * or empty file, a non-numeric cell, a NaN or infinite value, a row with a different number of
 * columns than the first.
 */
public final class NumericCsv {
  private NumericCsv() {}

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

  /** Reads {@code file}. */
  public static Matrix read(Path file) {
    Checks.notNull("file", file);
    List<String> header = null;
    List<double[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    int width = -1;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      TextLines text = new TextLines(r);
      String line;
      while ((line = text.next()) != null) {
        long lineNo = text.lineNumber();
        String[] fields = line.split(",", -1);
        if (header == null && rows.isEmpty() && !isNumber(fields[0].trim())) {
          header = new ArrayList<>();
          for (String f : fields) {
            header.add(f.trim());
          }
          width = fields.length;
          continue;
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
          String cell = fields[c].trim();
          if (cell.isEmpty()) {
            throw new DataFormatException(file, lineNo, c + 1, "empty cell");
          }
          double v;
          try {
            v = Double.parseDouble(cell);
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
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
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

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
