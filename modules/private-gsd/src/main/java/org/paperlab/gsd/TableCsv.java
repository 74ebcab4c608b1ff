package org.paperlab.gsd;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.AtomicFiles;

/**
 * Reads and writes tables as CSV with a header line, robust to the quirks of real census
 * files: spaces around fields are ignored ({@code "39, State-gov"}), blank lines (such as the
 * empty last line) are skipped, fields may be double-quoted (RFC 4180), a UTF-8 byte-order mark
 * is ignored, and files ending in {@code .gz} are decompressed.
 *
 * <p><b>Missing values</b> ({@code ?} or an empty field): in a categorical column the value is
 * kept as a category of its own labelled {@code ?} (so synthetic data reproduces how often it is
 * missing); a row with a missing numeric value is dropped, and {@link Loaded#droppedRows()}
 * counts such rows.
 *
 * <p>Every problem is a {@link DataFormatException} naming file, line and column (field
 * number): a missing or empty file, a row with the wrong number of fields, a number that does not
 * parse, a value outside the given domain, a column of the schema missing from the header.
 *
 * <p>Reading is done by three package-private parts: {@code CsvRows} (the text: header, fields,
 * line numbers), {@code DomainInference} (a schema from the data and the attributes) and
 * {@code CsvEncoding} (rows to codes and scaled values in a schema); writing is here.
 */
public final class TableCsv {
  /** The label that stands for a missing categorical value. */
  public static final String MISSING = "?";

  private TableCsv() {}

  /**
   * A loaded table with the schema it was read with (given or inferred) and the number of rows
   * dropped for a missing numeric value.
   */
  public record Loaded(Schema schema, Table table, int droppedRows) {}

  /** Reads {@code file}, inferring the domain from the data and {@code attrs}. */
  public static Loaded read(Path file, Attributes attrs) {
    Checks.notNull("attrs", attrs);
    CsvRows raw = CsvRows.read(file);
    Schema schema = DomainInference.infer(List.of(raw), attrs);
    return CsvEncoding.encode(raw, schema);
  }

  /** Reads {@code file} against a fixed {@code schema}; values outside it are errors. */
  public static Loaded read(Path file, Schema schema) {
    Checks.notNull("schema", schema);
    return CsvEncoding.encode(CsvRows.read(file), schema);
  }

  /**
   * Reads two files with one domain inferred from both (for comparing a real and a synthetic
   * table whose category sets may differ slightly).
   */
  public static Loaded[] readTogether(Path first, Path second, Attributes attrs) {
    Checks.notNull("attrs", attrs);
    CsvRows a = CsvRows.read(first);
    CsvRows b = CsvRows.read(second);
    Schema schema = DomainInference.infer(List.of(a, b), attrs);
    return new Loaded[] {CsvEncoding.encode(a, schema), CsvEncoding.encode(b, schema)};
  }

  /**
   * Reads two CSV streams (e.g. bundled resources) with one domain inferred from both;
   * {@code names} are used in errors (a name ending in {@code .gz} is decompressed).
   */
  public static Loaded[] readTogether(InputStream first, String firstName, InputStream second, String secondName, Attributes attrs) {
    Checks.notNull("attrs", attrs);
    CsvRows a = CsvRows.read(first, Path.of(firstName));
    CsvRows b = CsvRows.read(second, Path.of(secondName));
    Schema schema = DomainInference.infer(List.of(a, b), attrs);
    return new Loaded[] {CsvEncoding.encode(a, schema), CsvEncoding.encode(b, schema)};
  }

  /** Reads a CSV from a stream (e.g. a bundled resource); {@code name} is used in errors. */
  public static Loaded read(InputStream in, String name, Attributes attrs) {
    CsvRows raw = CsvRows.read(in, Path.of(name));
    return CsvEncoding.encode(raw, DomainInference.infer(List.of(raw), attrs));
  }

  /** Reads a CSV from a stream against a fixed schema; {@code name} is used in errors. */
  public static Loaded read(InputStream in, String name, Schema schema) {
    return CsvEncoding.encode(CsvRows.read(in, Path.of(name)), schema);
  }

  /**
   * Writes {@code table} as CSV in its schema's column order: original category labels, numeric
   * values back in their units (whole numbers for integer columns). Written atomically.
   */
  public static void write(Path file, Table table) {
    Checks.notNull("file", file);
    Checks.notNull("table", table);
    AtomicFiles.writeString(file, toCsv(table));
  }

  /** The CSV text of {@code table} (see {@link #write}). */
  public static String toCsv(Table table) {
    Schema s = table.schema();
    StringBuilder sb = new StringBuilder();
    List<Column> cols = s.columns();
    for (int i = 0; i < cols.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(quote(cols.get(i).name()));
    }
    sb.append('\n');
    int[] kindIndex = new int[cols.size()];
    for (int j = 0; j < s.dc(); j++) {
      kindIndex[s.catPosition(j)] = j;
    }
    for (int j = 0; j < s.dn(); j++) {
      kindIndex[s.numPosition(j)] = j;
    }
    for (int r = 0; r < table.n(); r++) {
      for (int i = 0; i < cols.size(); i++) {
        Column c = cols.get(i);
        int k = kindIndex[i];
        String v = c.isCategorical() ? c.format(table.cat(r, k), 0f) : c.format(0, table.num(r, k));
        sb.append(i == 0 ? "" : ",").append(quote(v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || !s.equals(s.trim())) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
