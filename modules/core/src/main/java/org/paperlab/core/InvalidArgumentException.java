package org.paperlab.core;

import java.util.Objects;

/**
 * A bad argument, with the name it was given under kept apart from the rest of the message, so
 * that a caller who knows the argument by another name can say it in the user's terms: the
 * command line reports {@code --max-iter = 0 must be > 0} where the library says
 * {@code maxIterations = 0 must be > 0} ({@link #renamed}).
 *
 * <p>It is an {@link IllegalArgumentException}, so code that catches that keeps working.
 */
public final class InvalidArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String argument;
  private final String detail;

  /**
   * @param argument the argument's name, e.g. {@code maxIterations}
   * @param detail the rest of the message, e.g. {@code " = 0 must be > 0"}: the message is
   *     {@code argument + detail}
   */
  public InvalidArgumentException(String argument, String detail) {
    super(Objects.requireNonNull(argument, "argument") + Objects.requireNonNull(detail, "detail"));
    this.argument = argument;
    this.detail = detail;
  }

  /** The argument's name as the library knows it. */
  public String argument() {
    return argument;
  }

  /** The message without the argument's name. */
  public String detail() {
    return detail;
  }

  /** The same failure told under another name, e.g. a command-line option. */
  public InvalidArgumentException renamed(String name) {
    InvalidArgumentException e = new InvalidArgumentException(name, detail);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
