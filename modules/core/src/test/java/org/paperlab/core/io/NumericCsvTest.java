package org.paperlab.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericCsvTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsWithAndWithoutHeader() throws Exception {
    NumericCsv.Matrix m = NumericCsv.read(file("a.csv", "x, y\n1, 2\n3,4.5\n\n"));
    assertEquals(List.of("x", "y"), m.columns());
    assertArrayEquals(new double[] {1, 2, 3, 4.5}, m.flat());
    NumericCsv.Matrix n = NumericCsv.read(file("b.csv", "-1e-3,2\n"));
    assertEquals(List.of("c1", "c2"), n.columns());
    assertEquals(-1e-3, n.rows()[0][0]);
  }

  @Test
  void everyProblemIsLocated() throws Exception {
    Path p = file("bad.csv", "x,y\n1,2\n3,abc\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> NumericCsv.read(p));
    assertEquals(p + ":3:2: not a number: 'abc'", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(2, e.column());
    Path ragged = file("ragged.csv", "1,2\n3\n");
    assertEquals(ragged + ":2: expected 2 columns, found 1",
        assertThrows(DataFormatException.class, () -> NumericCsv.read(ragged)).getMessage());
    Path nan = file("nan.csv", "1,NaN\n");
    assertEquals(nan + ":1:2: value must be finite, got 'NaN'",
        assertThrows(DataFormatException.class, () -> NumericCsv.read(nan)).getMessage());
    Path empty = file("empty.csv", "\n\n");
    assertEquals(empty + ": file is empty", assertThrows(DataFormatException.class, () -> NumericCsv.read(empty)).getMessage());
    Path headerOnly = file("h.csv", "x,y\n");
    assertEquals(headerOnly + ": file has a header but no data rows",
        assertThrows(DataFormatException.class, () -> NumericCsv.read(headerOnly)).getMessage());
    Path missing = dir.resolve("missing.csv");
    assertEquals(missing + ": file not found", assertThrows(DataFormatException.class, () -> NumericCsv.read(missing)).getMessage());
    Path blankCell = file("blank.csv", "1, \n");
    assertEquals(blankCell + ":1:2: empty cell", assertThrows(DataFormatException.class, () -> NumericCsv.read(blankCell)).getMessage());
  }
}
