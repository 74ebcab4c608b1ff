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
}
