package org.paperlab.lab;

import java.nio.file.Path;
import org.paperlab.core.Checks;

/**
 * How to run an experiment.
 *
 * @param outRoot the results root; runs go to {@code outRoot/<experiment>/<run-id>/} and the
 *     report page to {@code outRoot/index.html}
 * @param seed the root seed of every random stream in the run
 * @param quick the quick size (seconds to a minute) instead of the paper-scale default
 */
public record RunOptions(Path outRoot, long seed, boolean quick) {
  public RunOptions {
    Checks.notNull("outRoot", outRoot);
  }

  /** {@code results/}, seed 0, default size. */
  public static RunOptions defaults() {
    return new RunOptions(Path.of("results"), 0L, false);
  }

  public RunOptions withOutRoot(Path p) {
    return new RunOptions(p, seed, quick);
  }

  public RunOptions withSeed(long s) {
    return new RunOptions(outRoot, s, quick);
  }

  public RunOptions withQuick(boolean q) {
    return new RunOptions(outRoot, seed, q);
  }
}
