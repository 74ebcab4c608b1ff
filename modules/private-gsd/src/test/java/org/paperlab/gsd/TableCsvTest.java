package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.io.DataFormatException;

class TableCsvTest {
  @TempDir Path dir;

  static final String ATTRS = "{\"categorical\": [\"work\", \"income\"], \"numerical\": [\"age\"], \"target\": \"income\"}";

  /** Adult's quirks: a space after each comma, ? for missing, an empty last line, an ignored column. */
  static final String CSV = "age,work,fnlwgt,income\n"
      + "39, State-gov, 77516, <=50K\n"
      + "50, ?, 83311, >50K\n"
      + "38, Private, 215646, <=50K\n"
      + "?, Private, 1, >50K\n"
      + "\n";

  @Test
  void readsAdultQuirksAndInfersTheDomain() {
    Path csv = Fixtures.write(dir, "t.csv", CSV);
    Attributes a = Attributes.parse(ATTRS, "attrs.json");
    TableCsv.Loaded l = TableCsv.read(csv, a);
    Schema s = l.schema();
    // columns in file order, fnlwgt dropped; categories sorted (hand: "?" < "Private" < "State-gov")
    assertEquals(List.of("age", "work", "income"), s.names());
    assertEquals(List.of("?", "Private", "State-gov"), s.categorical(0).categories());
    assertEquals(List.of("<=50K", ">50K"), s.categorical(1).categories());
    assertEquals(Optional.of("income"), s.target());
    // the row with a missing age is dropped; age spans [38, 50] over the kept rows... and the
    // dropped one (its age is missing, so it does not count)
    assertEquals(1, l.droppedRows());
    assertEquals(3, l.table().n());
    assertEquals(38, s.numeric(0).min());
    assertEquals(50, s.numeric(0).max());
    assertTrue(s.numeric(0).integer());
    Table t = l.table();
    assertArrayEquals(new int[] {2, 0, 0, 1, 1, 0}, t.catCodes());
    // (39 - 38) / 12, (50 - 38) / 12, 0
    assertArrayEquals(new float[] {1f / 12, 1f, 0f}, t.numValues(), 1e-7f);
  }

  @Test
  void writesLabelsAndUnitsAndReadsBackTheSameTable() {
    Table t = Fixtures.table();
    Path out = dir.resolve("out.csv");
    TableCsv.write(out, t);
    String text = TableCsv.toCsv(t);
    assertTrue(text.startsWith("color,size,x,y\nred,S,1,9\nred,L,3,2\n"), text);
    Table back = TableCsv.read(out, t.schema()).table();
    assertEquals(t, back);
  }

  @Test
  void quotedFieldsAndByteOrderMark() {
    Path csv = Fixtures.write(dir, "q.csv", "\uFEFFname,v\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n");
    Attributes a = new Attributes(List.of("name"), List.of("v"), Optional.empty());
    Schema s = TableCsv.read(csv, a).schema();
    assertEquals(List.of("a, b", "say \"hi\""), s.categorical(0).categories());
  }

  @Test
  void readsPrivatePgmDomainAndColumnsForm() {
    Path d1 = Fixtures.write(dir, "d1.json", "{\"a\": 3, \"b\": 2}");
    Schema s1 = Schema.readJson(d1);
    assertEquals(List.of("0", "1", "2"), s1.categorical(0).categories());
    Path d2 = dir.resolve("d2.json");
    Fixtures.schema().writeJson(d2);
    assertEquals(Fixtures.schema(), Schema.readJson(d2));
  }

  @Test
  void badFilesGetLocatedErrors() {
    Attributes a = Attributes.parse(ATTRS, "attrs.json");
    // missing file
    DataFormatException e = assertThrows(DataFormatException.class, () -> TableCsv.read(dir.resolve("none.csv"), a));
    assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    // empty file, header only
    e = assertThrows(DataFormatException.class, () -> TableCsv.read(Fixtures.write(dir, "e.csv", "\n\n"), a));
    assertTrue(e.getMessage().contains("file is empty"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> TableCsv.read(Fixtures.write(dir, "h.csv", "age,work,income\n"), a));
    assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    // wrong number of fields on line 3
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "f.csv", "age,work,income\n1,a,b\n2,a\n"), a));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("expected 3 fields"), e.getMessage());
    // a word in a numeric column: line 2, column 1
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "n.csv", "age,work,income\nold,a,b\n"), a));
    assertEquals(2, e.line());
    assertEquals(1, e.column());
    assertTrue(e.getMessage().contains("'old'"), e.getMessage());
    // unknown column named in the attributes
    Attributes unknown = Attributes.parse("{\"categorical\": [\"nope\"]}", "a.json");
    e = assertThrows(DataFormatException.class, () -> TableCsv.read(Fixtures.write(dir, "u.csv", CSV), unknown));
    assertTrue(e.getMessage().contains("unknown column 'nope'"), e.getMessage());
    // duplicate header column, unterminated quote
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "d.csv", "age,age\n1,2\n"), a));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "uq.csv", "age,work,income\n1,\"a,b\n"), a));
    assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
  }

  @Test
  void dataThatDisagreesWithAGivenDomainIsAnError() {
    Schema s = Fixtures.schema();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "c.csv", "color,size,x,y\nred,S,1,2\npurple,S,1,2\n"), s));
    assertEquals(3, e.line());
    assertEquals(1, e.column());
    assertTrue(e.getMessage().contains("'purple' is not in the domain of column 'color'"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "r.csv", "color,size,x,y\nred,S,11,2\n"), s));
    assertTrue(e.getMessage().contains("outside the domain [0, 10]"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> TableCsv.read(Fixtures.write(dir, "m.csv", "color,x,y\nred,1,2\n"), s));
    assertTrue(e.getMessage().contains("unknown column 'size'"), e.getMessage());
  }

  @Test
  void badJsonFilesGetLocatedErrors() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Schema.readJson(Fixtures.write(dir, "bad.json", "{\"a\": 3,\n \"b\": }")));
    assertEquals(2, e.line());
    e = assertThrows(DataFormatException.class,
        () -> Schema.readJson(Fixtures.write(dir, "t.json", "{\"columns\": [{\"name\": \"a\", \"type\": \"text\"}]}")));
    assertTrue(e.getMessage().contains("expected 'categorical' or 'numeric'"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> Schema.readJson(Fixtures.write(dir, "z.json", "{\"a\": 0}")));
    assertTrue(e.getMessage().contains("positive category count"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> Attributes.read(Fixtures.write(dir, "a.json", "{\"categorical\": [\"a\"], \"numerical\": [\"a\"]}")));
    assertTrue(e.getMessage().contains("both categorical and numerical"), e.getMessage());
    e = assertThrows(DataFormatException.class,
        () -> Attributes.read(Fixtures.write(dir, "t2.json", "{\"categorical\": [\"a\"], \"target\": \"b\"}")));
    assertTrue(e.getMessage().contains("target 'b'"), e.getMessage());
  }

  @Test
  void tableAndColumnArgumentsAreChecked() {
    Schema s = Fixtures.schema();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Table(s, 1, new int[] {0, 5}, new float[] {0f, 0f}));
    assertTrue(e.getMessage().contains("column 'size'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Table(s, 1, new int[] {0, 1}, new float[] {0f, 1.5f}));
    assertTrue(e.getMessage().contains("must be in [0, 1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Column.numeric("x", 2, 1, false));
    assertThrows(IllegalArgumentException.class, () -> Column.categorical("c", List.of("a", "a")));
    assertFalse(Fixtures.table().equals(Fixtures.table().rows(new int[] {0})));
  }
}
