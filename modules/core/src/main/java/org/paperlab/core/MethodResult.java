package org.paperlab.core;

import java.util.Map;

/**
 * What every method's result record offers beside its own figures: the config it ran with, its
 * wall time, and its headline numbers under the flat keys that the command line and the
 * experiments write ({@code toMetrics}). Arrays in a result are copies or read-only views.
 *
 * @param <C> the method's config record
 */
public interface MethodResult<C extends Record> {
  /** The config of the call that produced this result. */
  C config();

  /** Wall time of the call, in seconds. */
  double seconds();

  /**
   * The headline numbers under flat keys (documented in the module's README): numbers, booleans
   * and strings, in a stable order; a non-finite number is written as its text by the writers.
   */
  Map<String, Object> toMetrics();
}
