package org.paperlab.notebook;

import java.util.List;

/**
 * A cell that did not run to its end: it did not compile, it threw, or it was interrupted. The
 * kernel reports it as a Jupyter error: the error name is the simple name of the subclass
 * ({@code CompileError}, {@code RuntimeError}, {@code Interrupted}) and the traceback is
 * {@link #traceback()}: plain text lines that name the cell, the line in it and its source.
 *
 * <p>The message is the same report joined by line breaks: {@code jupyter nbconvert --execute}
 * prints only the error's name and message (the traceback it reads from the reply is the
 * kernel's stack trace, which this exception leaves empty), so its log shows which line failed.
 */
public abstract sealed class CellException extends RuntimeException
    permits CellException.CompileError, CellException.RuntimeError, CellException.Interrupted {
  private static final long serialVersionUID = 1L;

  private final List<String> traceback;

  private CellException(List<String> traceback) {
    // no stack trace of the kernel's own: the traceback is the user's
    super(String.join("\n", traceback), null, false, false);
    this.traceback = List.copyOf(traceback);
  }

  /** The report, one line per element (no line breaks inside); the first line says what failed. */
  public List<String> traceback() {
    return traceback;
  }

  /** A snippet of the cell was rejected by the compiler. */
  public static final class CompileError extends CellException {
    private static final long serialVersionUID = 1L;

    CompileError(List<String> traceback) {
      super(traceback);
    }
  }

  /** A snippet threw an exception (its class and message are the error's message). */
  public static final class RuntimeError extends CellException {
    private static final long serialVersionUID = 1L;

    RuntimeError(List<String> traceback) {
      super(traceback);
    }
  }

  /** The cell was stopped by an interrupt (Jupyter's interrupt button or a timeout). */
  public static final class Interrupted extends CellException {
    private static final long serialVersionUID = 1L;

    Interrupted(List<String> traceback) {
      super(traceback);
    }
  }
}
