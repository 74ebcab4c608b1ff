package org.paperlab.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import org.paperlab.core.Checks;

/**
 * The non-blank lines of a text with their line numbers, as paperlab's CSV readers see a file: a
 * UTF-8 byte-order mark at the start of the first line is dropped, and blank lines (empty or only
 * white space) are skipped but counted, so {@link #lineNumber()} is the 1-based line in the file
 * that a {@link DataFormatException} reports.
 */
public final class TextLines {
  private final BufferedReader reader;
  private long lineNumber;

  /** Reads from {@code reader}, from its current position (line 1). */
  public TextLines(BufferedReader reader) {
    this.reader = Checks.notNull("reader", reader);
  }

  /** The next line that is not blank, or null at the end of the text. */
  public String next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  /** The 1-based line number of the line {@link #next()} returned last (0 before the first call). */
  public long lineNumber() {
    return lineNumber;
  }
}
