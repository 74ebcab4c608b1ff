package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.paperlab.core.io.DataFormatException;

/**
 * Infers a {@link Schema} for {@link TableCsv} from CSV files and an {@link Attributes} file:
 * the columns the attributes name, in the first file's header order (others are ignored). A
 * categorical column's categories are every label seen in any file ({@link TableCsv#MISSING} for
 * a missing value), sorted as numbers when all are integers, else as strings; a numeric column's
 * domain is {@code [min, max]} of its non-missing values over all files, integer when every value
 * is a whole number.
 */
final class DomainInference {
  private DomainInference() {}

  /** The schema of {@code files} (one or more) under {@code attrs}. */
  static Schema infer(List<CsvRows> files, Attributes attrs) {
    CsvRows first = files.get(0);
    for (CsvRows raw : files) {
      for (String name : attrs.categorical()) {
        raw.requireColumn(name, "attributes (categorical)");
      }
      for (String name : attrs.numerical()) {
        raw.requireColumn(name, "attributes (numerical)");
      }
    }
    List<Column> cols = new ArrayList<>();
    for (String name : first.header()) {
      if (attrs.categorical().contains(name)) {
        Set<String> labels = new TreeSet<>();
        for (CsvRows raw : files) {
          int c = raw.column(name);
          for (String[] row : raw.rows()) {
            labels.add(CsvRows.missing(row[c]) ? TableCsv.MISSING : row[c]);
          }
        }
        List<String> sorted = new ArrayList<>(labels);
        if (sorted.stream().allMatch(DomainInference::isInteger)) {
          sorted.sort(Comparator.comparingLong(Long::parseLong));
        }
        cols.add(Column.categorical(name, sorted));
      } else if (attrs.numerical().contains(name)) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integer = true;
        for (CsvRows raw : files) {
          int c = raw.column(name);
          for (int i = 0; i < raw.rows().size(); i++) {
            String v = raw.rows().get(i)[c];
            if (CsvRows.missing(v)) {
              continue;
            }
            double x = raw.number(i, c, v);
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

  /** Whether {@code s} is a whole number that fits a long (at most 18 characters). */
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
}
