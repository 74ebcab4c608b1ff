package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.io.DataFormatException;

/**
 * Encodes CSV rows as a {@link Table} of a given {@link Schema} for {@link TableCsv}: category
 * labels become codes ({@link TableCsv#MISSING} for a missing value), numeric values are scaled to
 * {@code [0, 1]} by their column's domain, and a row with a missing numeric value is dropped and
 * counted. A label or number outside the domain is an error naming file, line and field.
 */
final class CsvEncoding {
  private CsvEncoding() {}

  /** The table of {@code raw} in {@code schema}. */
  static TableCsv.Loaded encode(CsvRows raw, Schema schema) {
    int dc = schema.dc();
    int dn = schema.dn();
    int[] catCol = new int[dc];
    int[] numCol = new int[dn];
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (int j = 0; j < dc; j++) {
      Column c = schema.categorical(j);
      raw.requireColumn(c.name(), "domain");
      catCol[j] = raw.column(c.name());
      Map<String, Integer> m = new HashMap<>();
      for (int k = 0; k < c.size(); k++) {
        m.put(c.categories().get(k), k);
      }
      codes.add(m);
    }
    for (int j = 0; j < dn; j++) {
      raw.requireColumn(schema.numeric(j).name(), "domain");
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
        if (CsvRows.missing(v)) {
          drop = true;
          continue;
        }
        Column c = schema.numeric(j);
        double x = raw.number(i, numCol[j], v);
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
        String label = CsvRows.missing(v) ? TableCsv.MISSING : v;
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
    int[] c2 = kept == rows ? cat : Arrays.copyOf(cat, kept * dc);
    float[] n2 = kept == rows ? num : Arrays.copyOf(num, kept * dn);
    return new TableCsv.Loaded(schema, Table.wrap(schema, kept, c2, n2), dropped);
  }

  /** A domain bound as a whole number when it is one, else as a double. */
  private static String fmt(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
