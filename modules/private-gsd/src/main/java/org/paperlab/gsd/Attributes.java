package org.paperlab.gsd;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;

/**
 * Which CSV columns are categorical and which numeric, and the ML target: the attributes file
 * of the dp-data preprocessing ({@code {"categorical": [...], "numerical": [...], "target": ...}}).
 * Columns of the CSV named in neither list are ignored. The categories and numeric ranges are
 * then inferred from the data ({@link TableCsv#read(Path, Attributes)}).
 *
 * @param categorical names of the categorical columns
 * @param numerical names of the numeric columns
 * @param target the target column (one of the above), if any
 */
public record Attributes(List<String> categorical, List<String> numerical, Optional<String> target) {
  public Attributes {
    Checks.notNull("categorical", categorical);
    Checks.notNull("numerical", numerical);
    Checks.notNull("target", target);
    categorical = List.copyOf(categorical);
    numerical = List.copyOf(numerical);
    Checks.require(!categorical.isEmpty() || !numerical.isEmpty(), "attributes list no columns");
    var seen = new HashSet<String>();
    for (String c : categorical) {
      Checks.require(seen.add(c), "column '%s' is listed twice in the attributes", c);
    }
    for (String c : numerical) {
      Checks.require(seen.add(c), "column '%s' is listed as both categorical and numerical (or twice)", c);
    }
    target.ifPresent(t -> Checks.require(seen.contains(t), "target '%s' is neither a categorical nor a numerical column", t));
  }

  /** Reads an attributes file; problems are {@link DataFormatException}s naming the file. */
  public static Attributes read(Path file) {
    Checks.notNull("file", file);
    return of(Schema.readTree(file), file);
  }

  /** Parses attributes JSON text; {@code name} is used in error messages. */
  public static Attributes parse(String text, String name) {
    return of(Schema.parseTree(text, Path.of(name)), Path.of(name));
  }

  private static Attributes of(JsonNode root, Path file) {
    try {
      List<String> cat = names(root, "categorical");
      List<String> num = names(root, "numerical");
      Optional<String> target =
          root.hasNonNull("target") ? Optional.of(root.get("target").asText()) : Optional.empty();
      return new Attributes(cat, num, target);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, 0, 0, e.getMessage());
    }
  }

  private static List<String> names(JsonNode root, String key) {
    List<String> out = new ArrayList<>();
    JsonNode a = root.get(key);
    if (a == null || a.isNull()) {
      return out;
    }
    Checks.require(a.isArray(), "'%s' must be an array of column names", key);
    for (JsonNode x : a) {
      Checks.require(x.isTextual(), "'%s' must hold column names, got %s", key, x);
      out.add(x.asText());
    }
    return out;
  }
}
