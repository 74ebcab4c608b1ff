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
    return new Parser(text, file).document();
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

  /** A recursive-descent parser that tracks line and column. */
  private static final class Parser {
    private static final int MAX_DEPTH = 512;
    private final String text;
    private final Path file;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    Parser(String text, Path file) {
      this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
      this.file = file;
    }

    Node document() {
      skipBlanks();
      if (pos >= text.length()) {
        throw fail("the file is empty; expected a JSON value");
      }
      Node n = value();
      skipBlanks();
      if (pos < text.length()) {
        throw fail("unexpected '" + text.charAt(pos) + "' after the end of the JSON value");
      }
      return n;
    }

    private Node value() {
      skipBlanks();
      if (pos >= text.length()) {
        throw fail("unexpected end of the file");
      }
      int l = line;
      int c = col();
      char ch = text.charAt(pos);
      switch (ch) {
        case '{':
          return object(l, c);
        case '[':
          return array(l, c);
        case '"':
          return new Str(string(), l, c);
        case 't':
          word("true");
          return new Bool(true, l, c);
        case 'f':
          word("false");
          return new Bool(false, l, c);
        case 'n':
          word("null");
          return new Null(l, c);
        default:
          if (ch == '-' || (ch >= '0' && ch <= '9')) {
            return number(l, c);
          }
          throw fail("unexpected '" + ch + "'; expected a JSON value");
      }
    }

    private Obj object(int l, int c) {
      enter();
      pos++;
      Map<String, Node> fields = new LinkedHashMap<>();
      skipBlanks();
      if (peek() == '}') {
        pos++;
        depth--;
        return new Obj(fields, l, c);
      }
      while (true) {
        skipBlanks();
        if (peek() != '"') {
          throw fail("expected a field name in double quotes");
        }
        int kl = line;
        int kc = col();
        String key = string();
        if (fields.containsKey(key)) {
          throw new DataFormatException(file, kl, kc, "field '" + key + "' appears twice");
        }
        skipBlanks();
        expect(':');
        fields.put(key, value());
        skipBlanks();
        char ch = peek();
        pos++;
        if (ch == '}') {
          depth--;
          return new Obj(fields, l, c);
        }
        if (ch != ',') {
          pos--;
          throw fail("expected ',' or '}' in the object");
        }
      }
    }

    private Arr array(int l, int c) {
      enter();
      pos++;
      List<Node> items = new ArrayList<>();
      skipBlanks();
      if (peek() == ']') {
        pos++;
        depth--;
        return new Arr(items, l, c);
      }
      while (true) {
        items.add(value());
        skipBlanks();
        char ch = peek();
        pos++;
        if (ch == ']') {
          depth--;
          return new Arr(items, l, c);
        }
        if (ch != ',') {
          pos--;
          throw fail("expected ',' or ']' in the array");
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder s = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw fail("unterminated string");
        }
        char ch = text.charAt(pos++);
        if (ch == '"') {
          return s.toString();
        }
        if (ch == '\n') {
          pos--;
          throw fail("unterminated string (a line break inside quotes)");
        }
        if (ch < 0x20) {
          pos--;
          throw fail("control character inside a string");
        }
        if (ch != '\\') {
          s.append(ch);
          continue;
        }
        if (pos >= text.length()) {
          throw fail("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> s.append(e);
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'n' -> s.append('\n');
          case 'r' -> s.append('\r');
          case 't' -> s.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw fail("incomplete \\u escape");
            }
            try {
              s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException x) {
              throw fail("invalid \\u escape");
            }
            pos += 4;
          }
          default -> {
            pos--;
            throw fail("invalid escape '\\" + e + "'");
          }
        }
      }
    }

    private Num number(int l, int c) {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (Character.isDigit(peek())) {
        while (Character.isDigit(peek())) {
          pos++;
        }
      } else {
        throw fail("invalid number");
      }
      if (peek() == '.') {
        pos++;
        if (!Character.isDigit(peek())) {
          throw fail("invalid number: digits must follow '.'");
        }
        while (Character.isDigit(peek())) {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!Character.isDigit(peek())) {
          throw fail("invalid number: digits must follow the exponent");
        }
        while (Character.isDigit(peek())) {
          pos++;
        }
      }
      String t = text.substring(start, pos);
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v)) {
        throw new DataFormatException(file, l, c, "number " + t + " is out of range");
      }
      return new Num(v, t, l, c);
    }

    private void word(String w) {
      if (!text.startsWith(w, pos)) {
        throw fail("unexpected '" + text.charAt(pos) + "'; expected a JSON value");
      }
      pos += w.length();
    }

    private void expect(char ch) {
      if (peek() != ch) {
        throw fail("expected '" + ch + "'");
      }
      pos++;
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw fail("nested more than " + MAX_DEPTH + " levels deep");
      }
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipBlanks() {
      while (pos < text.length()) {
        char ch = text.charAt(pos);
        if (ch == '\n') {
          line++;
          lineStart = pos + 1;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
          return;
        }
        pos++;
      }
    }

    private int col() {
      return pos - lineStart + 1;
    }

    private DataFormatException fail(String problem) {
      return new DataFormatException(file, line, col(), "invalid JSON: " + problem);
    }
  }
}
