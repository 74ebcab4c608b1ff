package org.paperlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {
  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void messagesNameArgumentValueAndRule() {
    assertEquals("epsilon = -1.0 must be > 0 and finite", message(() -> Checks.positive("epsilon", -1.0)));
    assertEquals("epsilon = NaN must be > 0 and finite", message(() -> Checks.positive("epsilon", Double.NaN)));
    assertEquals("steps = 0 must be > 0", message(() -> Checks.positive("steps", 0)));
    assertEquals("p = NaN must be in (1.0, 2.0]", message(() -> Checks.inOpenClosed("p", Double.NaN, 1, 2)));
    assertEquals("delta = 1.0 must be in (0.0, 1.0)", message(() -> Checks.inOpen("delta", 1.0, 0, 1)));
    assertEquals("x must not be null", message(() -> Checks.notNull("x", null)));
    assertEquals(
        "mode = fast is not allowed; allowed values: [a, b]",
        message(() -> Checks.oneOf("mode", "fast", List.of("a", "b"))));
    assertEquals("w[1] = Infinity must be finite", message(() -> Checks.allFinite("w", new double[] {0, Double.POSITIVE_INFINITY})));
    assertEquals("a[1] = -0.5 must be >= 0", message(() -> Checks.probabilityVector("a", new double[] {1.5, -0.5}, 1e-9)));
    assertEquals(
        "b must sum to 1 (within 1.0E-9), sums to 0.5",
        message(() -> Checks.probabilityVector("b", new double[] {0.25, 0.25}, 1e-9)));
  }

  @Test
  void validValuesPassThrough() {
    assertEquals(0.5, Checks.positive("x", 0.5));
    assertEquals(0.0, Checks.nonNegative("x", 0.0));
    assertEquals(2.0, Checks.inOpenClosed("p", 2.0, 1, 2));
  }
}
