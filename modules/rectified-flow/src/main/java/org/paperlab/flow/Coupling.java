package org.paperlab.flow;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * How the source and target samples of a training batch are paired when no pairs are given.
 *
 * <ul>
 *   <li>{@link Independent}: fresh independent draws of {@code X_0} and {@code X_1} every batch
 *       (the independent coupling of 1-rectified flow, Liu et al. 2022).
 *   <li>{@link MinibatchOt}: each batch, cut into blocks of {@code blockSize}, is re-paired inside
 *       each block by an entropic OT plan between the block's sources and targets (squared
 *       Euclidean cost, epsilon {@code epsilon} times the block's mean cost, paperlab-sinkhorn-ot),
 *       then one permutation drawn from the plan without replacement: each target is used once,
 *       so the batch keeps its marginals (torchcfm's sampler draws pairs with replacement and
 *       repeats points, its issue 142). Tong et al. 2023 (OT-CFM), Pooladian et al. 2023
 *       (multisample flow matching).
 * </ul>
 */
public sealed interface Coupling permits Coupling.Independent, Coupling.MinibatchOt {
  /** Parses {@code independent} or {@code ot(epsilon=0.01, blockSize=256)}. */
  static Coupling parse(String text) {
    return Variants.parse(Coupling.class, text, "coupling");
  }

  /** Independent pairs. */
  @Name("independent")
  record Independent() implements Coupling {}

  /** Pairs re-drawn from a minibatch entropic OT plan. */
  @Name("ot")
  record MinibatchOt(double epsilon, int blockSize) implements Coupling {
    public MinibatchOt {
      Checks.positive("epsilon", epsilon);
      Checks.require(blockSize >= 2, "blockSize = %d must be >= 2", blockSize);
    }

    /** Epsilon 0.01 x the mean cost, blocks of 256. */
    public static MinibatchOt defaults() {
      return new MinibatchOt(0.01, 256);
    }
  }
}
