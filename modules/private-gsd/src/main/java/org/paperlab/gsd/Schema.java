package org.paperlab.gsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paperlab.core.Checks;
import org.paperlab.core.config.Variants;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.Json;

/**
 * The domain of a table: its columns in order (categorical and numeric, see {@link Column}) and
 * optionally the target column for ML efficacy. Categorical columns are numbered
 * {@code 0..dc-1} and numeric columns {@code 0..dn-1} in schema order; a {@link Table} stores
 * them in two row-major arrays.
 *
 * <p>JSON form ({@link #readJson}, {@link #toJson}):
 *
 * <pre>{@code
 * {"columns": [
 *    {"name": "age", "type": "numeric", "min": 17, "max": 90, "integer": true},
 *    {"name": "sex", "type": "categorical", "values": ["Female", "Male"]}],
 *  "target": "income>50K"}
 * }</pre>
 *
 * The private-pgm form {@code {"column": size, ...}} (categorical columns coded
 * {@code 0..size-1}, labels {@code "0".."size-1"}) is read as well.
 *
 * <p>A domain fixed in advance is what makes the synthesis differentially private end to end; a
 * domain inferred from the data ({@link TableCsv#read(Path, Attributes)}) reveals the categories
 * and numeric ranges that occur, as in the paper's preprocessing.
 */
public final class Schema {
  private final List<Column> columns;
  private final Optional<String> target;
  private final int[] catColumns;
  private final int[] numColumns;

  private Schema(List<Column> columns, Optional<String> target) {
    this.columns = List.copyOf(columns);
    this.target = target;
    List<Integer> cats = new ArrayList<>();
    List<Integer> nums = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < this.columns.size(); i++) {
      Column c = this.columns.get(i);
      Checks.require(names.add(c.name()), "column '%s' appears twice in the schema", c.name());
      (c.isCategorical() ? cats : nums).add(i);
    }
    this.catColumns = cats.stream().mapToInt(Integer::intValue).toArray();
    this.numColumns = nums.stream().mapToInt(Integer::intValue).toArray();
    target.ifPresent(
        t -> Checks.require(names.contains(t), "target '%s' is not a column of the schema %s", t, names));
  }

  /** A schema of {@code columns} with an optional target column name. */
  public static Schema of(List<Column> columns, Optional<String> target) {
    Checks.nonEmpty("columns", columns);
    Checks.notNull("target", target);
    return new Schema(columns, target);
  }

  /** A schema without a target. */
  public static Schema of(List<Column> columns) {
    return of(columns, Optional.empty());
  }

  public List<Column> columns() {
    return columns;
  }

  /** The target column for ML efficacy, if declared. */
  public Optional<String> target() {
    return target;
  }

  /** Number of categorical columns. */
  public int dc() {
    return catColumns.length;
  }

  /** Number of numeric columns. */
  public int dn() {
    return numColumns.length;
  }

  /** The {@code j}-th categorical column. */
  public Column categorical(int j) {
    return columns.get(catColumns[j]);
  }

  /** The {@code j}-th numeric column. */
  public Column numeric(int j) {
    return columns.get(numColumns[j]);
  }

  /** Category counts of the categorical columns, in order. */
  public int[] catSizes() {
    int[] s = new int[dc()];
    for (int j = 0; j < s.length; j++) {
      s[j] = categorical(j).size();
    }
    return s;
  }

  /** Position in {@link #columns()} of the {@code j}-th categorical column. */
  public int catPosition(int j) {
    return catColumns[j];
  }

  /** Position in {@link #columns()} of the {@code j}-th numeric column. */
  public int numPosition(int j) {
    return numColumns[j];
  }

  /** Index among categorical columns of the column named {@code name}, or -1. */
  public int catIndex(String name) {
    for (int j = 0; j < catColumns.length; j++) {
      if (categorical(j).name().equals(name)) {
        return j;
      }
    }
    return -1;
  }

  /** Index among numeric columns of the column named {@code name}, or -1. */
  public int numIndex(String name) {
    for (int j = 0; j < numColumns.length; j++) {
      if (numeric(j).name().equals(name)) {
        return j;
      }
    }
    return -1;
  }

  /** Column names in order. */
  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /** This schema with a different (or no) target. */
  public Schema withTarget(Optional<String> t) {
    return new Schema(columns, t);
  }

  /** The schema as a JSON-ready map (the form {@link #readJson} reads). */
  public Map<String, Object> toJson() {
    List<Map<String, Object>> cols = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("type", Variants.name(c.kind()));
      if (c.isCategorical()) {
        m.put("values", c.categories());
      } else {
        m.put("min", c.min());
        m.put("max", c.max());
        m.put("integer", c.integer());
      }
      cols.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("columns", cols);
    target.ifPresent(t -> out.put("target", t));
    return out;
  }

  /** Writes the schema as JSON, atomically. */
  public void writeJson(Path file) {
    AtomicFiles.writeString(file, Json.write(toJson()));
  }

  /**
   * Reads a schema from JSON (either form in the class comment). Problems are
   * {@link DataFormatException}s naming the file, and the line and column of the value at fault.
   */
  public static Schema readJson(Path file) {
    Checks.notNull("file", file);
    return fromTree(object(Json.read(file), file), file);
  }

  /** Parses schema JSON text; {@code name} is used in error messages. */
  public static Schema parseJson(String text, String name) {
    Path file = Path.of(name);
    return fromTree(object(Json.parse(text, file), file), file);
  }

  /** The root of a JSON file that must be an object. */
  static Json.Obj object(Json.Node root, Path file) {
    if (!(root instanceof Json.Obj o)) {
      throw root.error(file, "expected a JSON object, found " + root.kind());
    }
    return o;
  }

  private static Schema fromTree(Json.Obj root, Path file) {
    List<Column> cols = root.has("columns") ? columnsForm(root, file) : sizesForm(root, file);
    Optional<String> target = Optional.empty();
    if (root.has("target")) {
      target = Optional.of(text(root.get("target"), file, "'target'"));
    }
    try {
      return of(cols, target);
    } catch (IllegalArgumentException e) {
      throw root.error(file, e.getMessage());
    }
  }

  private static List<Column> columnsForm(Json.Obj root, Path file) {
    Json.Node node = root.get("columns");
    if (!(node instanceof Json.Arr arr) || arr.items().isEmpty()) {
      throw node.error(file, "'columns' must be a non-empty array");
    }
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < arr.items().size(); i++) {
      String where = "columns[" + i + "]";
      if (!(arr.items().get(i) instanceof Json.Obj c) || !(c.get("name") instanceof Json.Str nameNode)) {
        throw arr.items().get(i).error(file, where + " needs a text 'name'");
      }
      String name = nameNode.text();
      String type = c.get("type") instanceof Json.Str t ? t.text() : "";
      try {
        Column.Kind kind;
        try {
          kind = Variants.parse(Column.Kind.class, type, "type");
        } catch (IllegalArgumentException e) {
          throw c.error(file, where + " ('" + name + "') has type '" + type + "'; expected "
              + String.join(" or ", Variants.names(Column.Kind.class).stream().map(k -> "'" + k + "'").toList()));
        }
        if (kind == Column.Kind.CATEGORICAL) {
          if (!(c.get("values") instanceof Json.Arr v) || v.items().isEmpty()) {
            throw c.error(file, "categorical column '" + name + "' needs a non-empty 'values' array");
          }
          List<String> labels = new ArrayList<>();
          for (Json.Node x : v.items()) {
            labels.add(scalarText(x, file, "a value of column '" + name + "'"));
          }
          cols.add(Column.categorical(name, labels));
        } else {
          if (!(c.get("min") instanceof Json.Num min) || !(c.get("max") instanceof Json.Num max)) {
            throw c.error(file, "numeric column '" + name + "' needs numbers 'min' and 'max'");
          }
          boolean integer = c.get("integer") instanceof Json.Bool b && b.value();
          cols.add(Column.numeric(name, min.value(), max.value(), integer));
        }
      } catch (DataFormatException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw c.error(file, e.getMessage());
      }
    }
    return cols;
  }

  private static List<Column> sizesForm(Json.Obj root, Path file) {
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, Json.Node> e : root.fields().entrySet()) {
      Json.Node v = e.getValue();
      if (!(v instanceof Json.Num n) || !n.isInteger() || n.value() <= 0 || n.value() > Integer.MAX_VALUE) {
        throw v.error(file, "column '" + e.getKey()
            + "' must map to a positive category count (private-pgm domain form), got " + describe(v));
      }
      List<String> labels = new ArrayList<>();
      for (int k = 0; k < (int) n.value(); k++) {
        labels.add(Integer.toString(k));
      }
      cols.add(Column.categorical(e.getKey(), labels));
    }
    if (cols.isEmpty()) {
      throw root.error(file, "the domain lists no columns");
    }
    return cols;
  }

  /** The text of a JSON string. */
  static String text(Json.Node n, Path file, String what) {
    if (!(n instanceof Json.Str s)) {
      throw n.error(file, what + " must be a string, found " + describe(n));
    }
    return s.text();
  }

  /** A category label: a string, or a number or boolean as written. */
  private static String scalarText(Json.Node n, Path file, String what) {
    if (n instanceof Json.Str s) {
      return s.text();
    }
    if (n instanceof Json.Num num) {
      return num.text();
    }
    if (n instanceof Json.Bool b) {
      return Boolean.toString(b.value());
    }
    throw n.error(file, what + " must be a string or a number, found " + describe(n));
  }

  private static String describe(Json.Node n) {
    if (n instanceof Json.Num num) {
      return num.text();
    }
    if (n instanceof Json.Str s) {
      return "\"" + s.text() + "\"";
    }
    return n.kind();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.columns.equals(columns) && s.target.equals(target);
  }

  @Override
  public int hashCode() {
    return columns.hashCode() * 31 + target.hashCode();
  }

  @Override
  public String toString() {
    return "Schema" + names() + target.map(t -> " target " + t).orElse("");
  }
}
