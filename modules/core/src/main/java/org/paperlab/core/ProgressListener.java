package org.paperlab.core;

/**
 * Progress of a long library call, told to the caller: {@code done} of {@code total} units
 * (steps, runs, generations) are finished. A method's entry point takes one as its optional last
 * argument; the command line and the experiments show it as a progress bar. Calls come one at a
 * time, possibly from worker threads; an implementation must be quick.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Listens to nothing. */
  ProgressListener NONE = (done, total) -> {};

  /** {@code done} of {@code total} units are finished. */
  void progress(long done, long total);

  /** {@code listener}, or {@link #NONE} when null. */
  static ProgressListener orNone(ProgressListener listener) {
    return listener == null ? NONE : listener;
  }
}
