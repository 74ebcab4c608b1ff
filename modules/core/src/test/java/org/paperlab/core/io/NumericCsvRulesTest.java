package org.paperlab.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading rules of NumericCsv that cannot misread a file, and a fuzz of corrupted files. */
class NumericCsvRulesTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aPandasHeaderIsNeitherTakenAsDataNorGuessed() throws Exception {
    Path p = file("pandas.csv", "0,1\n0.5,0.25\n1.5,2\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> NumericCsv.read(p));
    assertEquals(1, e.line());
    assertTrue(e.problem().contains("--header or --no-header"), e.problem());
    NumericCsv.Matrix withHeader = NumericCsv.read(p, NumericCsv.Header.PRESENT);
    assertEquals(2, withHeader.n());
    assertEquals(List.of("0", "1"), withHeader.columns());
    NumericCsv.Matrix data = NumericCsv.read(p, NumericCsv.Header.ABSENT);
    assertEquals(3, data.n());
    assertArrayEquals(new double[] {0, 1}, data.rows()[0]);
    // a first row that merely starts with numbers is data
    assertEquals(2, NumericCsv.read(file("d.csv", "0,2\n1,1\n")).n());
  }

  @Test
  void oneNumberRuleQuotedNumbersYesJavaLiteralsNo() throws Exception {
    NumericCsv.Matrix m = NumericCsv.read(file("q.csv", "\"1.5\",\" 2\"\n3,4\n"));
    assertArrayEquals(new double[] {1.5, 2}, m.rows()[0]);
    for (String lit : new String[] {"1d", "2f", "0x1p-1"}) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> NumericCsv.read(file("j.csv", "1,2\n3," + lit + "\n")));
      assertEquals(2, e.line());
      assertEquals(2, e.column());
    }
  }

  @Test
  void semicolonsAreNamedAtTheFirstLine() throws Exception {
    DataFormatException e = assertThrows(DataFormatException.class, () -> NumericCsv.read(file("s.csv", "x;y\n1;2\n")));
    assertEquals(1, e.line());
    assertTrue(e.problem().contains("separated by ';'"), e.problem());
  }

  @Test
  void bytesThatAreNotUtf8AreLocated() throws Exception {
    Path p = dir.resolve("latin1.csv");
    // line 2 column 3 holds 0xE9 (Latin-1 e-acute)
    Files.write(p, new byte[] {'x', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
    DataFormatException e = assertThrows(DataFormatException.class, () -> NumericCsv.read(p));
    assertEquals(2, e.line());
    assertEquals(3, e.column());
    assertTrue(e.problem().contains("0xE9"), e.problem());
  }

  /**
   * Random corruption of a valid file (a byte flipped, a line cut, a cell replaced by a huge, tiny,
   * non-finite or non-numeric value, a stray quote or semicolon): the reader must either parse it
   * (and then every value is finite) or refuse it with a located DataFormatException: never
   * another exception. 3,000 cases from a fixed seed.
   */
  @Test
  void corruptedFilesGetANamedErrorOrACorrectParse() throws Exception {
    SplittableRandom rng = new SplittableRandom(2026);
    String[] cells = {"1e308", "-1e308", "1e309", "4.9e-324", "1e-400", "NaN", "inf", "-Infinity", "abc", "", "\"",
        "1;2", "0x10", "1,5", "--1", "\"3\"", "1e", "."};
    int parsed = 0;
    for (int k = 0; k < 3000; k++) {
      StringBuilder sb = new StringBuilder(k % 3 == 0 ? "a,b,c\n" : "");
      for (int i = 0; i < 6; i++) {
        sb.append(rng.nextGaussian()).append(',').append(rng.nextInt(100)).append(',').append(rng.nextDouble()).append('\n');
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      switch (rng.nextInt(4)) {
        case 0 -> bytes[rng.nextInt(bytes.length)] ^= (byte) (1 << rng.nextInt(8));
        case 1 -> bytes = java.util.Arrays.copyOf(bytes, rng.nextInt(bytes.length));
        default -> {
          String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
          int li = rng.nextInt(Math.max(1, lines.length - 1));
          String[] f = lines[li].split(",", -1);
          f[rng.nextInt(f.length)] = cells[rng.nextInt(cells.length)];
          lines[li] = String.join(",", f);
          bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
      }
      Path p = dir.resolve("fuzz.csv");
      Files.write(p, bytes);
      try {
        NumericCsv.Matrix m = NumericCsv.read(p);
        for (double[] row : m.rows()) {
          for (double v : row) {
            assertTrue(Double.isFinite(v), "case " + k + " parsed a non-finite value");
          }
        }
        parsed++;
      } catch (DataFormatException e) {
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
      }
    }
    assertTrue(parsed > 100 && parsed < 2900, "both outcomes occur: " + parsed + " parsed");
  }
}
