package org.paperlab.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/** The record <-> flat text map conversion, on a config that has every supported kind of value. */
class ConfigsTest {
  enum Color { DARK_RED, BLUE }

  sealed interface Shape permits Circle, Rect, Dot {}

  @Name("circle")
  record Circle(double r) implements Shape {
    Circle {
      Checks.positive("r", r);
    }
  }

  @Name("rect")
  record Rect(double w, double h) implements Shape {
    /** A unit square: the components a text leaves out. */
    public static Rect defaults() {
      return new Rect(1, 1);
    }
  }

  @Name("dot")
  record Dot() implements Shape {}

  record Inner(int a, List<Integer> widths) {
    Inner {
      Checks.positive("a", a);
      widths = List.copyOf(widths);
    }
  }

  record Cfg(double eps, int n, long seed, boolean lazy, Color color, Shape shape, List<Shape> shapes,
      Inner inner, List<Double> deltas, String label, double tau) {
    Cfg {
      Checks.positive("n", n);
      shapes = List.copyOf(shapes);
      deltas = List.copyOf(deltas);
    }
  }

  static Cfg sample() {
    return new Cfg(0.1 + 0.2, 7, -3L, true, Color.DARK_RED, new Rect(1.5, 2.0),
        List.of(new Dot(), new Circle(0.25)), new Inner(4, List.of(100, 100)), List.of(0.5, 1e-3), "a b",
        Double.POSITIVE_INFINITY);
  }

  @Test
  void flatMapHasEveryKeyInOrderWithItsTextForm() {
    // expected text written by hand from the rules in Values' javadoc
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("eps", "0.30000000000000004");
    expected.put("n", "7");
    expected.put("seed", "-3");
    expected.put("lazy", "true");
    expected.put("color", "dark-red");
    expected.put("shape", "rect(w=1.5, h=2.0)");
    expected.put("shapes", "dot,circle(r=0.25)");
    expected.put("inner.a", "4");
    expected.put("inner.widths", "100,100");
    expected.put("deltas", "0.5,0.001");
    expected.put("label", "a b");
    expected.put("tau", "Infinity");
    assertEquals(expected, Configs.toMap(sample()));
    assertEquals(List.copyOf(expected.keySet()), Configs.keys(Cfg.class));
  }

  @Test
  void roundTripIsExact() {
    Cfg c = sample();
    Cfg back = Configs.fromMap(Cfg.class, Configs.toMap(c));
    assertEquals(c, back);
    assertEquals(Double.doubleToRawLongBits(c.eps()), Double.doubleToRawLongBits(back.eps()));
  }

  @Test
  void withReplacesOnlyTheNamedSettings() {
    Cfg c = Configs.with(sample(), Map.of("n", "1e3", "shape", "circle(2)", "inner.a", "9", "color", "BLUE"));
    assertEquals(1000, c.n());
    assertEquals(new Circle(2), c.shape());
    assertEquals(9, c.inner().a());
    assertEquals(Color.BLUE, c.color());
    assertEquals(sample().deltas(), c.deltas());
  }

  @Test
  void jsonMapKeepsNumbersAsNumbers() {
    Map<String, Object> j = Configs.toJson(sample());
    assertEquals(7, j.get("n"));
    assertEquals(true, j.get("lazy"));
    assertEquals("Infinity", j.get("tau"));
    assertEquals("rect(w=1.5, h=2.0)", j.get("shape"));
    assertEquals(4, j.get("inner.a"));
  }

  @Test
  void unknownKeyListsTheValidOnes() {
    var e = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "size", "3"));
    assertEquals("size", e.argument());
    assertTrue(e.getMessage().contains("eps, n, seed, lazy, color, shape, shapes, inner.a, inner.widths"), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    var notInt = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "n", "2.5"));
    assertEquals("n", notInt.argument());
    var javaLiteral = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "eps", "1d"));
    assertEquals("eps", javaLiteral.argument());
    var notBool = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "lazy", "yes"));
    assertEquals("lazy", notBool.argument());
    var color = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "color", "green"));
    assertTrue(color.getMessage().contains("dark-red, blue"), color.getMessage());
  }

  @Test
  void constructorChecksRunAndNameTheNestedKey() {
    var n = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "n", "0"));
    assertEquals("n = 0 must be > 0", n.getMessage());
    var nested = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "inner.a", "-1"));
    assertEquals("inner.a = -1 must be > 0", nested.getMessage());
    var variant = assertThrows(InvalidArgumentException.class, () -> Configs.with(sample(), "shape", "circle(r=-2)"));
    assertEquals("shape.r = -2.0 must be > 0 and finite", variant.getMessage());
  }

  @Test
  void missingKeyIsAnError() {
    Map<String, String> m = Configs.toMap(sample());
    m.remove("seed");
    var e = assertThrows(InvalidArgumentException.class, () -> Configs.fromMap(Cfg.class, m));
    assertEquals("seed", e.argument());
  }
}
