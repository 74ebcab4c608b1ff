package org.paperlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** {@link TextLines} on hand-written texts: what a CSV reader sees, and the line it reports. */
class TextLinesTest {
  private static TextLines of(String text) {
    return new TextLines(new BufferedReader(new StringReader(text)));
  }

  @Test
  void dropsTheByteOrderMarkAndCountsSkippedBlankLines() throws IOException {
    TextLines t = of("\uFEFFa,b\n\n  \t\n1,2\r\n\n3,4");
    assertEquals(0, t.lineNumber());
    assertEquals("a,b", t.next());
    assertEquals(1, t.lineNumber());
    assertEquals("1,2", t.next());
    assertEquals(4, t.lineNumber(), "two blank lines skipped, still counted");
    assertEquals("3,4", t.next());
    assertEquals(6, t.lineNumber());
    assertNull(t.next());
  }

  @Test
  void aByteOrderMarkAfterTheFirstLineIsData() throws IOException {
    TextLines t = of("x\n\uFEFFy\n");
    assertEquals("x", t.next());
    assertEquals("\uFEFFy", t.next());
  }

  @Test
  void aFileOfOnlyBlankLinesHasNoLines() throws IOException {
    TextLines t = of("\uFEFF\n \n\n");
    assertNull(t.next());
    assertEquals(3, t.lineNumber());
  }
}
