package org.paperlab.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.io.Json.Arr;
import org.paperlab.core.io.Json.Bool;
import org.paperlab.core.io.Json.Node;
import org.paperlab.core.io.Json.Null;
import org.paperlab.core.io.Json.Num;
import org.paperlab.core.io.Json.Obj;
import org.paperlab.core.io.Json.Str;

/**
 * The recursive-descent parser behind {@link Json#parse}: RFC 8259 JSON, every value with the
 * line and column where it starts, every syntax error located at the character at fault.
 */
final class JsonParser {
  private static final int MAX_DEPTH = 512;
  private final String text;
  private final Path file;
  private int pos;
  private int line = 1;
  private int lineStart;
  private int depth;

  JsonParser(String text, Path file) {
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
