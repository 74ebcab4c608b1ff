package org.paperlab.gsd;

import java.util.Optional;
import org.paperlab.core.Checks;

/** The argument checks shared by every generator's fit ({@link Gsd}, {@link RelaxedProjection}). */
final class FitArguments {
  private FitArguments() {}

  /**
   * Fails with {@link IllegalArgumentException} unless no argument is null, there is one finite
   * target per query of a non-empty {@code set}, and the warm start, if any, has the workloads'
   * schema.
   */
  static void check(WorkloadSet set, double[] targets, Optional<Table> warmStart) {
    Checks.notNull("workloads", set);
    Checks.notNull("targets", targets);
    Checks.notNull("warmStart", warmStart);
    Checks.sameSize("targets length", targets.length, "number of queries", set.size());
    Checks.allFinite("targets", targets);
    Checks.require(set.count() > 0, "there are no workloads to fit");
    warmStart.ifPresent(set::checkTable);
  }
}
