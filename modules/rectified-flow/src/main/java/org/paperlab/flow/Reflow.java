package org.paperlab.flow;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reflow step of Liu, Gong and Liu (2022), Section 2.2: the pairs {@code (Z_0, Z_1)} of a
 * trained flow, {@code Z_1} the end of the flow started at {@code Z_0}. A flow fit on the pairs of
 * a k-rectified flow is the (k + 1)-rectified flow; its coupling is deterministic, so its paths do
 * not cross, and its transport cost {@code E||Z_1 - Z_0||^2} is not larger (their Theorem 3.5).
 * The official code draws the pairs with the EMA weights by RK45 at {@code rtol = atol = 1e-5};
 * the official 2-D notebook by Euler with 100 steps.
 */
public final class Reflow {
  private Reflow() {}

  /** The pairs of {@code model} from the starting points {@code z0} ({@code n x d}). */
  public static TrainingData.Paired pairs(SamplerConfig sampler, FlowModel model, INDArray z0) {
    Checks.notNull("sampler", sampler);
    Checks.require(!sampler.backward(), "reflow pairs integrate forward (source to target)");
    SampleResult r = FlowSampler.solve(sampler.withRecordPath(false), model, z0);
    return new TrainingData.Paired(r.start(), r.samples(), model.rectification());
  }

  /** The pairs of {@code model} from {@code n} standard Gaussian starting points drawn from {@code seed}. */
  public static TrainingData.Paired pairs(SamplerConfig sampler, FlowModel model, int n, long seed) {
    Checks.positive("n", n);
    INDArray z0 = Tensors.randn(Seeds.of(seed).child("reflow-z0").random(), DataType.FLOAT, n, model.dim());
    return pairs(sampler, model, z0);
  }
}
