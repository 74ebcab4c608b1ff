package org.paperlab.flow;

import java.util.SplittableRandom;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Sinkhorn;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornResult;
import org.paperlab.ot.StandardCost;
import org.paperlab.ot.TransportPlan;

/**
 * Re-pairs a block of sources with a block of targets by minibatch OT ({@link
 * Coupling.MinibatchOt}): an entropic plan {@code P} between the two blocks (uniform weights,
 * squared Euclidean cost, epsilon relative to the mean cost), then a permutation drawn from it
 * without replacement: the sources are visited in a random order, and each takes a target not yet
 * taken with probability proportional to its row of {@code P} (uniformly among the free ones when
 * that row has no mass left on them). Every target is used exactly once.
 */
final class OtPairing {
  private final SinkhornConfig sinkhorn;

  OtPairing(Coupling.MinibatchOt coupling) {
    // one thread: the plan's sums then do not depend on the machine's core count. A loose L1
    // marginal tolerance: the plan only weighs the draws of a permutation (measured on the 2-D
    // toy, blocks of 256 at 0.01 x mean cost: 2.8 ms per block at 1e-3, 51 iterations)
    this.sinkhorn = SinkhornConfig.defaults().withEpsilon(coupling.epsilon(), EpsilonScale.MEAN)
        .withTolerance(1e-3).withMaxIterations(1000).withThreads(1);
  }

  /**
   * Reorders rows {@code [lo, lo + b)} of {@code x1} (row-major, {@code d} columns) so that row
   * {@code i} is the target paired with source row {@code i} of {@code x0}.
   */
  void pair(float[] x0, float[] x1, int lo, int b, int d, SplittableRandom rng) {
    double[] p0 = new double[b * d];
    double[] p1 = new double[b * d];
    for (int q = 0; q < b * d; q++) {
      p0[q] = x0[lo * d + q];
      p1[q] = x1[lo * d + q];
    }
    SinkhornResult r = Sinkhorn.solve(sinkhorn, PointCloud.of(p0, b, d), PointCloud.of(p1, b, d), StandardCost.SQEUCLIDEAN);
    TransportPlan plan = r.plan();
    int[] order = new int[b];
    for (int i = 0; i < b; i++) {
      order[i] = i;
    }
    for (int i = b - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    boolean[] taken = new boolean[b];
    int[] partner = new int[b];
    double[] row = new double[b];
    for (int k = 0; k < b; k++) {
      int i = order[k];
      plan.row(i, row);
      double total = 0;
      for (int j = 0; j < b; j++) {
        if (!taken[j]) {
          total += row[j];
        }
      }
      int pick = -1;
      if (total > 0 && Double.isFinite(total)) {
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int j = 0; j < b; j++) {
          if (!taken[j]) {
            acc += row[j];
            pick = j;
            if (u < acc) {
              break;
            }
          }
        }
      } else {
        int free = rng.nextInt(b - k);
        for (int j = 0; j < b; j++) {
          if (!taken[j] && free-- == 0) {
            pick = j;
            break;
          }
        }
      }
      taken[pick] = true;
      partner[i] = pick;
    }
    float[] copy = new float[b * d];
    System.arraycopy(x1, lo * d, copy, 0, b * d);
    for (int i = 0; i < b; i++) {
      System.arraycopy(copy, partner[i] * d, x1, (lo + i) * d, d);
    }
  }
}
