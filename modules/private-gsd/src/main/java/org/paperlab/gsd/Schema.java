package org.paperlab.gsd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.lab.Json;

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
      if (c.isCategorical()) {
        m.put("type", "categorical");
        m.put("values", c.categories());
      } else {
        m.put("type", "numeric");
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
    Json.write(file, toJson());
  }

  /**
   * Reads a schema from JSON (either form in the class comment). Problems are
   * {@link DataFormatException}s naming the file and, for syntax errors, line and column.
   */
  public static Schema readJson(Path file) {
    Checks.notNull("file", file);
    JsonNode root = readTree(file);
    try {
      if (root.has("columns")) {
        return fromColumnsForm(root);
      }
      return fromSizesForm(root);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, 0, 0, e.getMessage());
    }
  }

  static JsonNode readTree(Path file) {
    try {
      return parseTree(Files.readString(file), file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode parseTree(String text, Path file) {
    try {
      JsonNode n = new ObjectMapper().readTree(text);
      if (n == null || !n.isObject()) {
        throw new DataFormatException(file, 0, 0, "expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new DataFormatException(
          file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
          "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Parses schema JSON text; {@code name} is used in error messages. */
  public static Schema parseJson(String text, String name) {
    Path file = Path.of(name);
    JsonNode root = parseTree(text, file);
    try {
      return root.has("columns") ? fromColumnsForm(root) : fromSizesForm(root);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, 0, 0, e.getMessage());
    }
  }

  private static Schema fromColumnsForm(JsonNode root) {
    JsonNode arr = root.get("columns");
    Checks.require(arr.isArray() && arr.size() > 0, "'columns' must be a non-empty array");
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode c = arr.get(i);
      String where = "columns[" + i + "]";
      Checks.require(c.isObject() && c.hasNonNull("name") && c.get("name").isTextual(), "%s needs a text 'name'", where);
      String name = c.get("name").asText();
      String type = c.hasNonNull("type") ? c.get("type").asText() : "";
      switch (type) {
        case "categorical" -> {
          JsonNode v = c.get("values");
          Checks.require(v != null && v.isArray() && v.size() > 0, "categorical column '%s' needs a non-empty 'values' array", name);
          List<String> labels = new ArrayList<>();
          v.forEach(x -> labels.add(x.asText()));
          cols.add(Column.categorical(name, labels));
        }
        case "numeric" -> {
          Checks.require(c.has("min") && c.get("min").isNumber() && c.has("max") && c.get("max").isNumber(),
              "numeric column '%s' needs numbers 'min' and 'max'", name);
          boolean integer = c.has("integer") && c.get("integer").asBoolean();
          cols.add(Column.numeric(name, c.get("min").asDouble(), c.get("max").asDouble(), integer));
        }
        default -> throw new IllegalArgumentException(
            where + " ('" + name + "') has type '" + type + "'; expected 'categorical' or 'numeric'");
      }
    }
    Optional<String> target = root.hasNonNull("target") ? Optional.of(root.get("target").asText()) : Optional.empty();
    return of(cols, target);
  }

  private static Schema fromSizesForm(JsonNode root) {
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      Checks.require(v.isInt() && v.asInt() > 0,
          "column '%s' must map to a positive category count (private-pgm domain form), got %s", e.getKey(), v);
      List<String> labels = new ArrayList<>();
      for (int k = 0; k < v.asInt(); k++) {
        labels.add(Integer.toString(k));
      }
      cols.add(Column.categorical(e.getKey(), labels));
    }
    Checks.require(!cols.isEmpty(), "the domain lists no columns");
    return of(cols);
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
