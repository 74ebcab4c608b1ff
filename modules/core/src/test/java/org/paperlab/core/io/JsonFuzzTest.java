package org.paperlab.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random corruption of a valid JSON file (a byte flipped, the file cut, a character inserted, a
 * value swapped for a huge, tiny, non-finite, escaped or structural token): {@link Json#read}
 * must return a tree or throw a {@link DataFormatException} located at a line and column of the
 * file; never another exception. 3,000 cases from a fixed seed; both outcomes must occur.
 */
class JsonFuzzTest {
  @TempDir Path dir;

  static final String DOC = "{\n"
      + "  \"name\": \"caf\\u00e9 \\\"x\\\"\",\n"
      + "  \"values\": [1, -2.5, 3e10, 0.001, true, false, null],\n"
      + "  \"nested\": {\"a\": [[], {}], \"b\": \"\u00e9\u4e2d\"},\n"
      + "  \"n\": 123456789012\n"
      + "}\n";

  static final String[] TOKENS = {"1e308", "-1e309", "1e-400", "4.9e-324", "NaN", "Infinity", "-0", "01", "1.", ".5",
    "\"\\u12\"", "\"\\x\"", "\"\\ud800\"", "\"", "[", "]", "{", "}", ",", ":", "tru", "nul", "\"\u0001\"",
    "99999999999999999999999999", "\"a\":1", ""};

  @Test
  void corruptedJsonGetsALocatedErrorOrATree() throws Exception {
    SplittableRandom rng = new SplittableRandom(2026);
    int parsed = 0;
    Path p = dir.resolve("fuzz.json");
    for (int k = 0; k < 3000; k++) {
      byte[] bytes = DOC.getBytes(StandardCharsets.UTF_8);
      switch (rng.nextInt(4)) {
        case 0 -> bytes[rng.nextInt(bytes.length)] ^= (byte) (1 << rng.nextInt(8));
        case 1 -> bytes = Arrays.copyOf(bytes, rng.nextInt(bytes.length));
        case 2 -> {
          int at = rng.nextInt(DOC.length());
          String chars = ",\"[]{}:\\ \u00e9";
          String c = chars.charAt(rng.nextInt(chars.length())) + "";
          bytes = (DOC.substring(0, at) + c + DOC.substring(at)).getBytes(StandardCharsets.UTF_8);
        }
        default -> {
          // a token (a run of non-structural characters) swapped for another
          int at = rng.nextInt(DOC.length());
          int end = at;
          while (end < DOC.length() && ",[]{}:\n ".indexOf(DOC.charAt(end)) < 0) {
            end++;
          }
          bytes = (DOC.substring(0, at) + TOKENS[rng.nextInt(TOKENS.length)] + DOC.substring(end))
              .getBytes(StandardCharsets.UTF_8);
        }
      }
      Files.write(p, bytes);
      try {
        Json.read(p);
        parsed++;
      } catch (DataFormatException e) {
        assertTrue(e.getMessage().startsWith(p.toString()), "case " + k + ": " + e.getMessage());
        assertTrue(e.line() >= 1 && e.column() >= 1, "case " + k + " is not located: " + e.getMessage());
      } catch (RuntimeException e) {
        fail("case " + k + ": " + e + "\n" + new String(bytes, StandardCharsets.ISO_8859_1), e);
      }
    }
    assertTrue(parsed > 100 && parsed < 2900, "both outcomes occur: " + parsed + " parsed");
  }
}
