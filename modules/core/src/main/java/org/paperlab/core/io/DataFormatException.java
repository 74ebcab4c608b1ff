package org.paperlab.core.io;

import java.nio.file.Path;

/**
 * A malformed input file, located by file, line and column (1-based; 0 when not applicable).
 * The message reads {@code file:line:column: problem}, the form editors and terminals link to.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final int column;
  private final String problem;

  public DataFormatException(Path file, long line, int column, String problem) {
    super(location(file, line, column) + ": " + problem);
    this.file = String.valueOf(file);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** The file as given. */
  public String file() {
    return file;
  }

  /** 1-based line, or 0 for a problem with the whole file. */
  public long line() {
    return line;
  }

  /** 1-based column (field index for CSV), or 0 for a whole line or file. */
  public int column() {
    return column;
  }

  /** The problem without the location. */
  public String problem() {
    return problem;
  }

  private static String location(Path file, long line, int column) {
    StringBuilder s = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    return s.toString();
  }
}
