package org.paperlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  private static final Path F = Path.of("a.json");

  @Test
  void parsesValuesAndTheirPositions() {
    String text = "{\n  \"cols\": [\n    {\"name\": \"age\", \"min\": -1.5e2},\n    true, null\n  ],\n  \"s\": \"a\\\"b\\u00e9\"\n}";
    Json.Obj root = assertInstanceOf(Json.Obj.class, Json.parse(text, F));
    Json.Arr cols = assertInstanceOf(Json.Arr.class, root.get("cols"));
    assertEquals(3, cols.items().size());
    Json.Obj c0 = assertInstanceOf(Json.Obj.class, cols.items().get(0));
    // positions counted by hand: line 3, the '{' is after four spaces
    assertEquals(3, c0.line());
    assertEquals(5, c0.column());
    Json.Num min = assertInstanceOf(Json.Num.class, c0.get("min"));
    assertEquals(-150.0, min.value());
    assertEquals(false, min.isInteger());
    assertEquals(28, min.column());
    assertEquals("a\"b\u00e9", ((Json.Str) root.get("s")).text());
    assertEquals(true, ((Json.Bool) cols.items().get(1)).value());
    assertInstanceOf(Json.Null.class, cols.items().get(2));
    assertEquals(false, root.has("missing"));
    assertEquals("a.json:3:28: min too small", min.error(F, "min too small").getMessage());
  }

  @Test
  void syntaxErrorsAreLocated() {
    assertEquals("a.json:2:9: invalid JSON: expected ',' or '}' in the object",
        assertThrows(DataFormatException.class, () -> Json.parse("{\"a\": 1,\n \"b\": 2 \"c\": 3}", F)).getMessage());
    assertEquals("a.json:1:7: invalid JSON: unexpected end of the file",
        assertThrows(DataFormatException.class, () -> Json.parse("[1, 2,", F)).getMessage());
    assertEquals("a.json:1:10: field 'a' appears twice",
        assertThrows(DataFormatException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}", F)).getMessage());
    assertEquals("a.json:1:2: invalid JSON: unexpected 'x'; expected a JSON value",
        assertThrows(DataFormatException.class, () -> Json.parse("[x]", F)).getMessage());
    // located at the character where a digit must stand: '[' 1, '1' 2, '.' 3, ']' 4
    assertEquals("a.json:1:4: invalid JSON: invalid number: digits must follow '.'",
        assertThrows(DataFormatException.class, () -> Json.parse("[1.]", F)).getMessage());
    assertTrue(assertThrows(DataFormatException.class, () -> Json.parse("", F)).getMessage().contains("empty"));
  }

  @Test
  void readRefusesBytesThatAreNotUtf8(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("latin1.json");
    Files.write(p, new byte[] {'[', '"', (byte) 0xe9, '"', ']'});
    assertTrue(assertThrows(DataFormatException.class, () -> Json.read(p)).getMessage().endsWith("is not UTF-8 text"));
    assertEquals("file not found",
        assertThrows(DataFormatException.class, () -> Json.read(dir.resolve("none.json"))).problem());
  }

  @Test
  void writeThenParseGivesTheSameValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", 0.1 + 0.2);
    m.put("n", 3);
    m.put("inf", Double.POSITIVE_INFINITY);
    m.put("list", List.of(1, 2.5));
    m.put("rows", List.of(Map.of("k", "v\n\"q\"")));
    m.put("empty", Map.of());
    m.put("flag", false);
    String text = Json.write(m);
    assertEquals("{\n  \"x\": 0.30000000000000004,\n  \"n\": 3,\n  \"inf\": \"Infinity\",\n  \"list\": [1, 2.5],\n"
        + "  \"rows\": [\n    {\n      \"k\": \"v\\n\\\"q\\\"\"\n    }\n  ],\n  \"empty\": {},\n  \"flag\": false\n}\n", text);
    Json.Obj back = (Json.Obj) Json.parse(text, F);
    assertEquals(0.1 + 0.2, ((Json.Num) back.get("x")).value());
    assertEquals("v\n\"q\"", ((Json.Str) ((Json.Obj) ((Json.Arr) back.get("rows")).items().get(0)).get("k")).text());
  }
}
