package org.paperlab.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.ConfigsTest.Circle;
import org.paperlab.core.config.ConfigsTest.Color;
import org.paperlab.core.config.ConfigsTest.Dot;
import org.paperlab.core.config.ConfigsTest.Rect;
import org.paperlab.core.config.ConfigsTest.Shape;

class VariantsTest {
  @Test
  void namesInDeclarationOrder() {
    assertEquals(List.of("circle", "rect", "dot"), Variants.names(Shape.class));
    assertEquals(List.of("dark-red", "blue"), Variants.names(Color.class));
  }

  @Test
  void parseAndFormatAreInverse() {
    assertEquals(new Rect(1, 2), Variants.parse(Shape.class, " rect( w = 1 , h=2 ) "));
    assertEquals(new Circle(3), Variants.parse(Shape.class, "circle(3)"));
    assertEquals(new Dot(), Variants.parse(Shape.class, "dot"));
    assertEquals(Color.DARK_RED, Variants.parse(Color.class, "dark_red"));
    for (Shape s : List.of(new Rect(0.1, 1e300), new Circle(Double.MIN_VALUE), new Dot())) {
      assertEquals(s, Variants.parse(Shape.class, Variants.format(s)));
    }
    assertEquals("rect(w=0.5, h=4.0)", Variants.format(new Rect(0.5, 4)));
    assertEquals("dot", Variants.name(new Dot()));
  }

  @Test
  void unknownNameListsEveryVariant() {
    var e = assertThrows(InvalidArgumentException.class, () -> Variants.parse(Shape.class, "hexagon", "shape"));
    assertEquals("shape = 'hexagon' is not one of circle, rect, dot", e.getMessage());
  }

  @Test
  void aVariantWithDefaultsMayLeaveComponentsOut() {
    assertEquals(new Rect(1, 1), Variants.parse(Shape.class, "rect"));
    assertEquals(new Rect(3, 1), Variants.parse(Shape.class, "rect(w=3)"));
  }

  @Test
  void missingOrUnknownComponentsAreErrors() {
    // Circle has no defaults(): its radius must be given
    var missing = assertThrows(InvalidArgumentException.class, () -> Variants.parse(Shape.class, "circle"));
    assertTrue(missing.getMessage().contains("needs r"), missing.getMessage());
    var unknown = assertThrows(InvalidArgumentException.class, () -> Variants.parse(Shape.class, "rect(w=1, h=2, d=3)"));
    assertTrue(unknown.getMessage().contains("unknown component 'd'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Variants.parse(Shape.class, "rect(w=1, h=2"));
  }
}
