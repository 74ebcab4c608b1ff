package org.paperlab.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperlab.core.Checks;
import org.paperlab.core.io.AtomicFiles;

/**
 * A table of rows with named columns, written as RFC 4180 CSV (header line, comma separated,
 * fields with commas or quotes quoted). Numbers are written with full precision
 * ({@link Double#toString}), so a CSV can be re-plotted or compared exactly.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<Object[]> rows = new ArrayList<>();

  public CsvTable(String... header) {
    Checks.require(header.length > 0, "a table needs at least one column");
    this.header = List.of(header);
  }

  /** Column names. */
  public List<String> header() {
    return header;
  }

  /** Appends a row of numbers. */
  public CsvTable add(double... values) {
    Object[] row = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      row[i] = values[i];
    }
    return addRow(row);
  }

  /** Appends a row of mixed values (numbers, strings, booleans). */
  public CsvTable addRow(Object... values) {
    Checks.require(
        values.length == header.size(),
        "row has %d values, the table has %d columns %s", values.length, header.size(), header);
    rows.add(values.clone());
    return this;
  }

  /** Builds a table from equally long columns. */
  public static CsvTable ofColumns(List<String> names, List<double[]> columns) {
    Checks.sameSize("number of names", names.size(), "number of columns", columns.size());
    CsvTable t = new CsvTable(names.toArray(new String[0]));
    int n = columns.isEmpty() ? 0 : columns.get(0).length;
    for (int c = 0; c < columns.size(); c++) {
      Checks.sameSize("length of column " + names.get(c), columns.get(c).length, "length of column " + names.get(0), n);
    }
    for (int i = 0; i < n; i++) {
      double[] row = new double[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        row[c] = columns.get(c)[i];
      }
      t.add(row);
    }
    return t;
  }

  /** Number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The CSV text. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, header.toArray());
    for (Object[] r : rows) {
      appendLine(sb, r);
    }
    return sb.toString();
  }

  /** Writes the table atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, toCsv());
  }

  private static void appendLine(StringBuilder sb, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(values[i]));
    }
    sb.append('\n');
  }

  private static String field(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }
    String s = v.toString();
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
