package org.paperlab.gsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.paperlab.core.Checks;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.Json;

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

  /** Reads an attributes file; problems are {@link DataFormatException}s naming the file and place. */
  public static Attributes read(Path file) {
    Checks.notNull("file", file);
    return of(Schema.object(Json.read(file), file), file);
  }

  /** Parses attributes JSON text; {@code name} is used in error messages. */
  public static Attributes parse(String text, String name) {
    Path file = Path.of(name);
    return of(Schema.object(Json.parse(text, file), file), file);
  }

  private static Attributes of(Json.Obj root, Path file) {
    List<String> cat = names(root, "categorical", file);
    List<String> num = names(root, "numerical", file);
    Optional<String> target =
        root.has("target") ? Optional.of(Schema.text(root.get("target"), file, "'target'")) : Optional.empty();
    try {
      return new Attributes(cat, num, target);
    } catch (IllegalArgumentException e) {
      throw root.error(file, e.getMessage());
    }
  }

  private static List<String> names(Json.Obj root, String key, Path file) {
    List<String> out = new ArrayList<>();
    if (!root.has(key)) {
      return out;
    }
    if (!(root.get(key) instanceof Json.Arr a)) {
      throw root.get(key).error(file, "'" + key + "' must be an array of column names");
    }
    for (Json.Node x : a.items()) {
      out.add(Schema.text(x, file, "'" + key + "' entries"));
    }
    return out;
  }
}
