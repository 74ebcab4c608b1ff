package org.paperlab.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON (RFC 8259) for the libraries' own input and output files, so that a method module needs no
 * JSON library: {@link #read} parses a file into {@link Node}s that remember their line and
 * column, so that both a syntax error and a wrong value deep in the file are reported as
 * {@code file:line:column: problem} ({@link Node#error}); {@link #write} prints maps, lists,
 * strings, numbers and booleans with two-space indentation.
 */
public final class Json {
  private Json() {}

  /** A parsed JSON value and where it starts in its file (1-based line and column). */
  public sealed interface Node permits Obj, Arr, Str, Num, Bool, Null {
    int line();

    int column();

    /** A {@link DataFormatException} located at this value. */
    default DataFormatException error(Path file, String problem) {
      return new DataFormatException(file, line(), column(), problem);
    }

    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}. */
    String kind();
  }

  /** A JSON object; its fields in file order. */
  public record Obj(Map<String, Node> fields, int line, int column) implements Node {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field {@code key}, or null when absent. */
    public Node get(String key) {
      return fields.get(key);
    }

    /** Whether the field is present and not {@code null}. */
    public boolean has(String key) {
      Node n = fields.get(key);
      return n != null && !(n instanceof Null);
    }

    @Override
    public String kind() {
      return "object";
    }
  }

  /** A JSON array. */
  public record Arr(List<Node> items, int line, int column) implements Node {
    public Arr {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "array";
    }
  }

  /** A JSON string. */
  public record Str(String text, int line, int column) implements Node {
    @Override
    public String kind() {
      return "string";
    }
  }

  /**
   * A JSON number, with its text as written.
   *
   * @param value the number
   * @param text the digits as in the file
   */
  public record Num(double value, String text, int line, int column) implements Node {
    /** Whether it is written as an integer (no fraction, no exponent) that fits a long. */
    public boolean isInteger() {
      return text.matches("-?\\d{1,18}");
    }

    @Override
    public String kind() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  public record Bool(boolean value, int line, int column) implements Node {
    @Override
    public String kind() {
      return "boolean";
    }
  }

  /** {@code null}. */
  public record Null(int line, int column) implements Node {
    @Override
    public String kind() {
      return "null";
    }
  }

  /**
   * Parses {@code file} (UTF-8).
   *
   * @throws DataFormatException for a missing file, bytes that are not UTF-8 or invalid JSON,
   *     located at line and column
   */
  public static Node read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, 0, 0, "is not UTF-8 text");
    }
    return parse(text, file);
  }

  /** Parses JSON text; {@code file} names it in errors. */
  public static Node parse(String text, Path file) {
    return new JsonParser(text, file).document();
  }

  /**
   * Pretty-printed JSON of {@code value}: a {@link Map} (keys as strings), {@link List}, array of
   * primitives or strings, {@link CharSequence}, {@link Number} (a non-finite one as a string:
   * JSON has no NaN), {@link Boolean}, {@link Enum} (its name) or null; ends with a newline.
   */
  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(s, value, 0);
    return s.append('\n').toString();
  }

  private static void write(StringBuilder s, Object v, int indent) {
    if (v == null) {
      s.append("null");
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        s.append("{}");
        return;
      }
      s.append("{\n");
      int k = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(s, indent + 1);
        quote(s, String.valueOf(e.getKey()));
        s.append(": ");
        write(s, e.getValue(), indent + 1);
        s.append(++k < m.size() ? ",\n" : "\n");
      }
      pad(s, indent);
      s.append('}');
    } else if (v instanceof List<?> l) {
      writeList(s, l, indent);
    } else if (v.getClass().isArray()) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
        l.add(java.lang.reflect.Array.get(v, i));
      }
      writeList(s, l, indent);
    } else if (v instanceof Double d) {
      if (Double.isFinite(d)) {
        s.append(d);
      } else {
        quote(s, d.toString());
      }
    } else if (v instanceof Float f) {
      if (Float.isFinite(f)) {
        s.append(f);
      } else {
        quote(s, f.toString());
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      s.append(v);
    } else if (v instanceof Enum<?> e) {
      quote(s, e.name());
    } else {
      quote(s, v.toString());
    }
  }

  private static void writeList(StringBuilder s, List<?> l, int indent) {
    if (l.isEmpty()) {
      s.append("[]");
      return;
    }
    boolean flat = l.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean);
    if (flat) {
      s.append('[');
      for (int i = 0; i < l.size(); i++) {
        write(s, l.get(i), indent);
        if (i + 1 < l.size()) {
          s.append(", ");
        }
      }
      s.append(']');
      return;
    }
    s.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      pad(s, indent + 1);
      write(s, l.get(i), indent + 1);
      s.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    pad(s, indent);
    s.append(']');
  }

  private static void pad(StringBuilder s, int indent) {
    s.append("  ".repeat(indent));
  }

  private static void quote(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
