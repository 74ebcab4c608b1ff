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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.TextLines;

/**
 * A CSV file as text, for {@link TableCsv}: the header and the data rows as trimmed strings, with
 * the line number of every row for error messages. Commas separate fields, double quotes protect
 * them (RFC 4180, {@code ""} for a quote), unquoted fields are trimmed, blank lines are skipped, a
 * UTF-8 byte-order mark is ignored ({@link TextLines}) and a name ending in {@code .gz} is
 * decompressed.
 *
 * @param file the file name used in errors
 * @param header the column names, distinct and non-empty
 * @param rows the data rows, each with as many fields as the header
 * @param lines the line number of every data row
 */
record CsvRows(Path file, List<String> header, List<String[]> rows, List<Long> lines) {
  /** Reads {@code file}. */
  static CsvRows read(Path file) {
    Checks.notNull("file", file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a CSV stream; {@code file} names it in errors (and says whether it is gzipped). */
  static CsvRows read(InputStream in0, Path file) {
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
    return new CsvRows(file, List.copyOf(header), rows, lines);
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

  /** Position of column {@code name} in the header, or -1. */
  int column(String name) {
    return header.indexOf(name);
  }

  /** Fails unless the header has column {@code name}, which {@code source} names. */
  void requireColumn(String name, String source) {
    if (column(name) < 0) {
      throw new DataFormatException(file, 1, 0,
          "unknown column '" + name + "' named in the " + source + "; the header has " + header);
    }
  }

  /** Whether a field is missing: empty or {@link TableCsv#MISSING}. */
  static boolean missing(String v) {
    return v.isEmpty() || v.equals(TableCsv.MISSING);
  }

  /** Field {@code v} of data row {@code rowIndex}, column {@code col}, as a finite number. */
  double number(int rowIndex, int col, String v) {
    double x;
    try {
      x = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new DataFormatException(file, lines.get(rowIndex), col + 1,
          "column '" + header.get(col) + "' is numeric but the value is '" + v + "'");
    }
    if (!Double.isFinite(x)) {
      throw new DataFormatException(file, lines.get(rowIndex), col + 1,
          "column '" + header.get(col) + "' needs a finite number, got '" + v + "'");
    }
    return x;
  }
}
