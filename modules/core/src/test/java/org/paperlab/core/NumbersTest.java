package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void acceptsDecimalScientificAndTheWords() {
    assertEquals(12.0, Numbers.parseDouble("12"));
    assertEquals(-0.5, Numbers.parseDouble("-0.5"));
    assertEquals(0.5, Numbers.parseDouble(".5"));
    assertEquals(5.0, Numbers.parseDouble("5."));
    assertEquals(1e-9, Numbers.parseDouble("1e-9"));
    assertEquals(2500.0, Numbers.parseDouble("+2.5E+3"));
    assertEquals(Double.POSITIVE_INFINITY, Numbers.parseDouble("inf"));
    assertEquals(Double.NEGATIVE_INFINITY, Numbers.parseDouble("-Infinity"));
    assertTrue(Double.isNaN(Numbers.parseDouble("NaN")));
  }

  @Test
  void refusesJavaLiteralsAndBlanks() {
    for (String s : new String[] {"1d", "2f", "0x1p-1", " 1", "1 ", "", "1e", "e5", "--1", "1,5", "\"1\""}) {
      assertFalse(Numbers.isNumber(s), s);
      assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(s), s);
    }
  }

  @Test
  void wholeNumbersMayBeWrittenScientific() {
    assertEquals(1_000_000L, Numbers.parseLong("1e6"));
    assertEquals(20L, Numbers.parseLong("2.0e1"));
    assertEquals(Long.MAX_VALUE, Numbers.parseLong("9223372036854775807"));
    assertThrows(NumberFormatException.class, () -> Numbers.parseLong("9223372036854775808"));
    assertThrows(NumberFormatException.class, () -> Numbers.parseLong("2.5"));
    assertThrows(NumberFormatException.class, () -> Numbers.parseInt("3000000000"));
    assertEquals(-7, Numbers.parseInt("-7"));
  }

  /**
   * The hand-written scan against the regular expression that states the rule (the reference):
   * every string of up to 6 characters over the rule's alphabet and a few others, and random longer
   * ones.
   */
  @Test
  void theScanAcceptsExactlyWhatTheRuleSays() {
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    char[] alphabet = "+-.eE09x ".toCharArray();
    int accepted = 0;
    for (int len = 0; len <= 6; len++) {
      int total = (int) Math.pow(alphabet.length, len);
      for (int code = 0; code < total; code++) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, c = code; k < len; k++, c /= alphabet.length) {
          b.append(alphabet[c % alphabet.length]);
        }
        String t = b.toString();
        boolean expected = rule.matcher(t).matches();
        assertEquals(expected, Numbers.isDecimal(t), () -> "'" + t + "'");
        accepted += expected ? 1 : 0;
      }
    }
    assertTrue(accepted > 1000, "the enumeration should reach many valid numbers: " + accepted);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    char[] wide = "+-.eE0123456789d\u0661".toCharArray();
    for (int r = 0; r < 20_000; r++) {
      StringBuilder b = new StringBuilder();
      for (int k = rng.nextInt(14); k > 0; k--) {
        b.append(wide[rng.nextInt(wide.length)]);
      }
      String t = b.toString();
      assertEquals(rule.matcher(t).matches(), Numbers.isDecimal(t), () -> "'" + t + "'");
    }
  }
}
