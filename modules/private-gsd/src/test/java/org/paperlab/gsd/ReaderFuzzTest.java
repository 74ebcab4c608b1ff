package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.io.DataFormatException;

/**
 * Random corruption of valid inputs to each of private-gsd's readers (the CSV table reader with
 * attributes and with a fixed domain, the attributes file, the domain file): a byte flipped, the
 * file cut, a cell or token swapped for a huge, tiny, non-finite, non-numeric or structural value.
 * Every case must end in a result that satisfies the reader's contract or a
 * {@link DataFormatException} located in the file; never another exception. Fixed seeds, 3,000
 * cases per reader; both outcomes must occur (the corruptions are neither all harmless nor all
 * fatal).
 */
class ReaderFuzzTest {
  @TempDir Path dir;

  static final String[] CELLS = {"1e308", "-1e308", "1e309", "4.9e-324", "1e-400", "NaN", "inf", "-Infinity", "abc",
    "", "?", "\"", "\"\"", "1;2", "0x10", "1d", "2f", "--1", "\"3\"", "1e", ".", " ", "\u00e9", "\uFEFF", ",", "\"a,b\""};

  static final String ATTRS = "{\"categorical\": [\"work\", \"income\"], \"numerical\": [\"age\", \"hours\"], \"target\": \"income\"}";

  static final String DOMAIN = "{\"columns\": [\n"
      + "  {\"name\": \"age\", \"type\": \"numeric\", \"min\": 17, \"max\": 90, \"integer\": true},\n"
      + "  {\"name\": \"work\", \"type\": \"categorical\", \"values\": [\"Private\", \"State-gov\", \"?\"]},\n"
      + "  {\"name\": \"hours\", \"type\": \"numeric\", \"min\": 0, \"max\": 99.5},\n"
      + "  {\"name\": \"income\", \"type\": \"categorical\", \"values\": [\"<=50K\", \">50K\"]}\n"
      + "], \"target\": \"income\"}\n";

  private static String csv(SplittableRandom rng) {
    StringBuilder sb = new StringBuilder("age,work,fnlwgt,hours,income\n");
    String[] work = {"Private", "State-gov", "?"};
    for (int i = 0; i < 8; i++) {
      sb.append(17 + rng.nextInt(70)).append(", ").append(work[rng.nextInt(3)]).append(", ").append(rng.nextInt(500000))
          .append(", ").append(Math.round(rng.nextDouble() * 990) / 10.0).append(", ").append(rng.nextBoolean() ? "<=50K" : ">50K")
          .append('\n');
    }
    return sb.toString();
  }

  /** One random corruption of {@code text}: a bit flipped, a cut, a field or token replaced, a stray character. */
  static byte[] corrupt(String text, SplittableRandom rng, String separators) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    switch (rng.nextInt(5)) {
      case 0 -> bytes[rng.nextInt(bytes.length)] ^= (byte) (1 << rng.nextInt(8));
      case 1 -> bytes = Arrays.copyOf(bytes, rng.nextInt(bytes.length));
      case 2 -> {
        int at = rng.nextInt(text.length());
        String c = separators.charAt(rng.nextInt(separators.length())) + "";
        return (text.substring(0, at) + c + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        String[] lines = text.split("\n", -1);
        int li = rng.nextInt(Math.max(1, lines.length - 1));
        String sep = separators.substring(0, 1);
        String[] f = lines[li].split(java.util.regex.Pattern.quote(sep), -1);
        f[rng.nextInt(f.length)] = CELLS[rng.nextInt(CELLS.length)];
        lines[li] = String.join(sep, f);
        bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      }
    }
    return bytes;
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static void located(DataFormatException e, Path p, int k) {
    assertTrue(e.getMessage().startsWith(p.toString()), "case " + k + ": " + e.getMessage());
    assertFalse(e.problem().isBlank(), "case " + k);
  }

  /** A loaded table keeps the reader's contract: codes in range, scaled numbers in [0, 1]. */
  private static void valid(TableCsv.Loaded l, int k) {
    Table t = l.table();
    Schema s = l.schema();
    assertTrue(t.n() >= 1, "case " + k);
    for (int r = 0; r < t.n(); r++) {
      for (int j = 0; j < s.dc(); j++) {
        int c = t.cat(r, j);
        assertTrue(c >= 0 && c < s.categorical(j).size(), "case " + k + ": code " + c);
      }
      for (int j = 0; j < s.dn(); j++) {
        float v = t.num(r, j);
        assertTrue(v >= 0f && v <= 1f, "case " + k + ": scaled value " + v);
      }
    }
    for (int j = 0; j < s.dn(); j++) {
      Column c = s.numeric(j);
      assertTrue(Double.isFinite(c.max() - c.min()), "case " + k + ": range of " + c.name());
    }
    // what it writes reads back
    assertEquals(t.n(), TableCsv.toCsv(t).split("\n").length - 1, "case " + k);
  }

  @Test
  void corruptedTablesGetALocatedErrorOrAValidTable() throws Exception {
    SplittableRandom rng = new SplittableRandom(2026);
    Attributes attrs = Attributes.parse(ATTRS, "attrs.json");
    Schema domain = Schema.parseJson(DOMAIN, "domain.json");
    int parsed = 0;
    for (int k = 0; k < 3000; k++) {
      Path p = write("fuzz.csv", corrupt(csv(rng), rng, ",\";\n\r\t"));
      boolean fixed = k % 2 == 1;
      try {
        valid(fixed ? TableCsv.read(p, domain) : TableCsv.read(p, attrs), k);
        parsed++;
      } catch (DataFormatException e) {
        located(e, p, k);
      } catch (RuntimeException e) {
        fail("case " + k + " (" + (fixed ? "domain" : "attributes") + "): " + e + "\n" + Files.readString(p, StandardCharsets.ISO_8859_1), e);
      }
    }
    assertTrue(parsed > 100 && parsed < 2900, "both outcomes occur: " + parsed + " parsed");
  }

  @Test
  void corruptedAttributesFilesGetALocatedErrorOrAttributes() throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    int parsed = 0;
    for (int k = 0; k < 3000; k++) {
      Path p = write("attrs.json", corrupt(ATTRS, rng, ",\"[]{}:\\"));
      try {
        Attributes a = Attributes.read(p);
        assertFalse(a.categorical().isEmpty() && a.numerical().isEmpty(), "case " + k);
        parsed++;
      } catch (DataFormatException e) {
        located(e, p, k);
        assertTrue(e.line() >= 1, "case " + k + ": " + e.getMessage());
      } catch (RuntimeException e) {
        fail("case " + k + ": " + e + "\n" + Files.readString(p, StandardCharsets.ISO_8859_1), e);
      }
    }
    assertTrue(parsed > 100 && parsed < 2900, "both outcomes occur: " + parsed + " parsed");
  }

  @Test
  void corruptedDomainFilesGetALocatedErrorOrASchema() throws Exception {
    SplittableRandom rng = new SplittableRandom(11);
    int parsed = 0;
    for (int k = 0; k < 3000; k++) {
      Path p = write("domain.json", corrupt(DOMAIN, rng, ",\"[]{}:\\"));
      try {
        Schema s = Schema.readJson(p);
        for (int j = 0; j < s.dn(); j++) {
          assertTrue(Double.isFinite(s.numeric(j).max() - s.numeric(j).min()), "case " + k);
        }
        parsed++;
      } catch (DataFormatException e) {
        located(e, p, k);
        assertTrue(e.line() >= 1, "case " + k + ": " + e.getMessage());
      } catch (RuntimeException e) {
        fail("case " + k + ": " + e + "\n" + Files.readString(p, StandardCharsets.ISO_8859_1), e);
      }
    }
    assertTrue(parsed > 100 && parsed < 2900, "both outcomes occur: " + parsed + " parsed");
  }
}
