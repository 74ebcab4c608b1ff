package org.paperlab.gsd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.TextLines;
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
    Raw raw = Raw.read(file);
    Schema schema = infer(List.of(raw), attrs);
    return encode(raw, schema);
  }

  /** Reads {@code file} against a fixed {@code schema}; values outside it are errors. */
  public static Loaded read(Path file, Schema schema) {
    Checks.notNull("schema", schema);
    return encode(Raw.read(file), schema);
  }

  /**
   * Reads two files with one domain inferred from both (for comparing a real and a synthetic
   * table whose category sets may differ slightly).
   */
  public static Loaded[] readTogether(Path first, Path second, Attributes attrs) {
    Checks.notNull("attrs", attrs);
    Raw a = Raw.read(first);
    Raw b = Raw.read(second);
    Schema schema = infer(List.of(a, b), attrs);
    return new Loaded[] {encode(a, schema), encode(b, schema)};
  }

  /**
   * Reads two CSV streams (e.g. bundled resources) with one domain inferred from both;
   * {@code names} are used in errors (a name ending in {@code .gz} is decompressed).
   */
  public static Loaded[] readTogether(InputStream first, String firstName, InputStream second, String secondName, Attributes attrs) {
    Checks.notNull("attrs", attrs);
    Raw a = Raw.read(first, Path.of(firstName));
    Raw b = Raw.read(second, Path.of(secondName));
    Schema schema = infer(List.of(a, b), attrs);
    return new Loaded[] {encode(a, schema), encode(b, schema)};
  }

  /** Reads a CSV from a stream (e.g. a bundled resource); {@code name} is used in errors. */
  public static Loaded read(InputStream in, String name, Attributes attrs) {
    Raw raw = Raw.read(in, Path.of(name));
    return encode(raw, infer(List.of(raw), attrs));
  }

  /** Reads a CSV from a stream against a fixed schema; {@code name} is used in errors. */
  public static Loaded read(InputStream in, String name, Schema schema) {
    return encode(Raw.read(in, Path.of(name)), schema);
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

  // ------------------------------------------------------------------ parsing

  /** Header and data rows as strings, with the line number of every row. */
  private record Raw(Path file, List<String> header, List<String[]> rows, List<Long> lines) {
    static Raw read(Path file) {
      Checks.notNull("file", file);
      try (InputStream in = Files.newInputStream(file)) {
        return read(in, file);
      } catch (NoSuchFileException e) {
        throw new DataFormatException(file, 0, 0, "file not found");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    static Raw read(InputStream in0, Path file) {
      List<String> header = null;
      List<String[]> rows = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      try {
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(in0, 1 << 16) : in0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        TextLines text = new TextLines(r);
        String line;
        while ((line = text.next()) != null) {
          long lineNo = text.lineNumber();
          String[] fields = split(line, file, lineNo);
          if (header == null) {
            header = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int c = 0; c < fields.length; c++) {
              if (fields[c].isEmpty()) {
                throw new DataFormatException(file, lineNo, c + 1, "empty column name in the header");
              }
              if (!seen.add(fields[c])) {
                throw new DataFormatException(file, lineNo, c + 1, "column '" + fields[c] + "' appears twice in the header");
              }
              header.add(fields[c]);
            }
            continue;
          }
          if (fields.length != header.size()) {
            throw new DataFormatException(
                file, lineNo, 0, "expected " + header.size() + " fields as in the header, found " + fields.length);
          }
          rows.add(fields);
          lines.add(lineNo);
        }
      } catch (IOException e) {
        throw new DataFormatException(file, 0, 0, "cannot read: " + e.getMessage());
      }
      if (header == null) {
        throw new DataFormatException(file, 0, 0, "file is empty");
      }
      if (rows.isEmpty()) {
        throw new DataFormatException(file, 0, 0, "file has a header but no data rows");
      }
      return new Raw(file, List.copyOf(header), rows, lines);
    }

    int column(String name) {
      return header.indexOf(name);
    }
  }

  /** Splits one CSV line: commas separate, double quotes protect, unquoted fields are trimmed. */
  static String[] split(String line, Path file, long lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      // skip leading spaces
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        i++;
        f.setLength(0);
        boolean closed = false;
        while (i < n) {
          char ch = line.charAt(i++);
          if (ch == '"') {
            if (i < n && line.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            f.append(ch);
          }
        }
        if (!closed) {
          throw new DataFormatException(file, lineNo, out.size() + 1, "unterminated quoted field");
        }
        while (i < n && line.charAt(i) != ',') {
          if (line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            throw new DataFormatException(file, lineNo, out.size() + 1, "text after a closing quote");
          }
          i++;
        }
        out.add(f.toString());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != ',') {
          i++;
        }
        out.add(line.substring(start, i).trim());
      }
      if (i >= n) {
        break;
      }
      i++; // the comma
      if (i == n) {
        out.add("");
        break;
      }
    }
    return out.toArray(new String[0]);
  }

  private static boolean missing(String v) {
    return v.isEmpty() || v.equals(MISSING);
  }

  // ------------------------------------------------------------------ inference

  private static Schema infer(List<Raw> raws, Attributes attrs) {
    Raw first = raws.get(0);
    for (Raw raw : raws) {
      for (String name : attrs.categorical()) {
        requireColumn(raw, name, "attributes (categorical)");
      }
      for (String name : attrs.numerical()) {
        requireColumn(raw, name, "attributes (numerical)");
      }
    }
    List<Column> cols = new ArrayList<>();
    for (String name : first.header()) {
      if (attrs.categorical().contains(name)) {
        Set<String> labels = new TreeSet<>();
        for (Raw raw : raws) {
          int c = raw.column(name);
          for (String[] row : raw.rows()) {
            labels.add(missing(row[c]) ? MISSING : row[c]);
          }
        }
        List<String> sorted = new ArrayList<>(labels);
        if (sorted.stream().allMatch(TableCsv::isInteger)) {
          sorted.sort(Comparator.comparingLong(Long::parseLong));
        }
        cols.add(Column.categorical(name, sorted));
      } else if (attrs.numerical().contains(name)) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integer = true;
        for (Raw raw : raws) {
          int c = raw.column(name);
          for (int i = 0; i < raw.rows().size(); i++) {
            String v = raw.rows().get(i)[c];
            if (missing(v)) {
              continue;
            }
            double x = number(raw, i, c, v);
            min = Math.min(min, x);
            max = Math.max(max, x);
            integer &= x == Math.rint(x);
          }
        }
        if (min > max) {
          throw new DataFormatException(first.file(), 0, first.column(name) + 1,
              "numeric column '" + name + "' has no values (all missing)");
        }
        cols.add(Column.numeric(name, min, max, integer));
      }
    }
    return Schema.of(cols, attrs.target());
  }

  private static void requireColumn(Raw raw, String name, String source) {
    if (raw.column(name) < 0) {
      throw new DataFormatException(raw.file(), 1, 0,
          "unknown column '" + name + "' named in the " + source + "; the header has " + raw.header());
    }
  }

  private static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(Character.isDigit(ch) || (i == 0 && ch == '-' && s.length() > 1))) {
        return false;
      }
    }
    return true;
  }

  private static double number(Raw raw, int rowIndex, int col, String v) {
    double x;
    try {
      x = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new DataFormatException(raw.file(), raw.lines().get(rowIndex), col + 1,
          "column '" + raw.header().get(col) + "' is numeric but the value is '" + v + "'");
    }
    if (!Double.isFinite(x)) {
      throw new DataFormatException(raw.file(), raw.lines().get(rowIndex), col + 1,
          "column '" + raw.header().get(col) + "' needs a finite number, got '" + v + "'");
    }
    return x;
  }

  // ------------------------------------------------------------------ encoding

  private static Loaded encode(Raw raw, Schema schema) {
    int dc = schema.dc();
    int dn = schema.dn();
    int[] catCol = new int[dc];
    int[] numCol = new int[dn];
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (int j = 0; j < dc; j++) {
      Column c = schema.categorical(j);
      requireColumn(raw, c.name(), "domain");
      catCol[j] = raw.column(c.name());
      Map<String, Integer> m = new HashMap<>();
      for (int k = 0; k < c.size(); k++) {
        m.put(c.categories().get(k), k);
      }
      codes.add(m);
    }
    for (int j = 0; j < dn; j++) {
      requireColumn(raw, schema.numeric(j).name(), "domain");
      numCol[j] = raw.column(schema.numeric(j).name());
    }
    int rows = raw.rows().size();
    int[] cat = new int[rows * dc];
    float[] num = new float[rows * dn];
    int kept = 0;
    int dropped = 0;
    for (int i = 0; i < rows; i++) {
      String[] row = raw.rows().get(i);
      boolean drop = false;
      for (int j = 0; j < dn && !drop; j++) {
        String v = row[numCol[j]];
        if (missing(v)) {
          drop = true;
          continue;
        }
        Column c = schema.numeric(j);
        double x = number(raw, i, numCol[j], v);
        if (x < c.min() || x > c.max()) {
          throw new DataFormatException(raw.file(), raw.lines().get(i), numCol[j] + 1,
              "value " + v + " of column '" + c.name() + "' is outside the domain [" + fmt(c.min()) + ", " + fmt(c.max()) + "]");
        }
        num[kept * dn + j] = c.scale(x);
      }
      if (drop) {
        dropped++;
        continue;
      }
      for (int j = 0; j < dc; j++) {
        String v = row[catCol[j]];
        String label = missing(v) ? MISSING : v;
        Integer code = codes.get(j).get(label);
        if (code == null) {
          Column c = schema.categorical(j);
          throw new DataFormatException(raw.file(), raw.lines().get(i), catCol[j] + 1,
              "value '" + label + "' is not in the domain of column '" + c.name() + "' ("
                  + c.size() + " categories" + (c.size() <= 12 ? ": " + c.categories() : "") + ")");
        }
        cat[kept * dc + j] = code;
      }
      kept++;
    }
    if (kept == 0) {
      throw new DataFormatException(raw.file(), 0, 0, "every row has a missing numeric value");
    }
    int[] c2 = kept == rows ? cat : java.util.Arrays.copyOf(cat, kept * dc);
    float[] n2 = kept == rows ? num : java.util.Arrays.copyOf(num, kept * dn);
    return new Loaded(schema, Table.wrap(schema, kept, c2, n2), dropped);
  }

  private static String fmt(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
