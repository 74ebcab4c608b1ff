package org.paperlab.gsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small hand-made tables shared by the tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Six rows over color {red, green, blue}, size {S, L}, x in [0, 10], y in [0, 10]:
   *
   * <pre>
   *   color  size  x   y
   *   red    S     1   9
   *   red    L     3   2
   *   green  S     6   5
   *   blue   S     9   1
   *   blue   L     10  7
   *   red    S     4   4
   * </pre>
   */
  static Schema schema() {
    return Schema.of(List.of(
        Column.categorical("color", List.of("red", "green", "blue")),
        Column.categorical("size", List.of("S", "L")),
        Column.numeric("x", 0, 10, true),
        Column.numeric("y", 0, 10, true)), Optional.of("size"));
  }

  static Table table() {
    Schema s = schema();
    int[] cat = {0, 0, 0, 1, 1, 0, 2, 0, 2, 1, 0, 0};
    float[] num = {0.1f, 0.9f, 0.3f, 0.2f, 0.6f, 0.5f, 0.9f, 0.1f, 1.0f, 0.7f, 0.4f, 0.4f};
    return new Table(s, 6, cat, num);
  }

  static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
