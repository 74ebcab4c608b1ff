package org.paperlab.cli;

import org.paperlab.core.InvalidArgumentException;

/**
 * A command that knows which of its options set which library argument, so that a library error
 * that escapes it ({@code maxIterations = 0 must be > 0}) is told in the user's terms
 * ({@code --max-iter = 0 must be > 0}) by {@link Main}'s error handler.
 */
interface OptionNames {
  /** {@code e} renamed for the option that set its argument, or {@code e} itself. */
  InvalidArgumentException inOptionTerms(InvalidArgumentException e);
}
