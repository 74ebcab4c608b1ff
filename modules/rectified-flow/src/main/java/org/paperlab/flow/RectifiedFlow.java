package org.paperlab.flow;

import org.paperlab.core.Checks;
import org.paperlab.core.ProgressListener;

/**
 * Fits the velocity field of a rectified flow (Liu, Gong and Liu 2022, Algorithm 1):
 *
 * <pre>
 *   min_v  E_{t ~ p(t)} E_{(X_0, X_1) ~ coupling}  loss( v(t X_1 + (1 - t) X_0, t) - (X_1 - X_0) )
 * </pre>
 *
 * with Adam on minibatches of the {@link TrainingData}: unpaired samples paired by the config's
 * {@link Coupling} at every batch (the 1-rectified flow of an independent or minibatch-OT
 * coupling), or given pairs, such as the pairs {@code (Z_0, Z_1)} of a trained flow drawn by
 * {@link Reflow#pairs}: a fit on the pairs of a k-rectified flow is the (k + 1)-rectified flow,
 * whose paths are straighter and whose transport cost {@code E||Z_1 - Z_0||^2} is not larger
 * (Liu et al., Theorem 3.5). A fit on pairs with the zero time distribution
 * ({@link FlowConfig#forDistillation()}) is a distillation into the one-step map
 * {@code z0 + v(z0, 0)}.
 *
 * <pre>{@code
 * FlowFit rf1 = RectifiedFlow.fit(FlowConfig.defaults(), TrainingData.Unpaired.fromGaussian(x1));
 * TrainingData.Paired pairs = Reflow.pairs(SamplerConfig.defaults(), rf1.model(), z0);
 * FlowFit rf2 = RectifiedFlow.fit(FlowConfig.defaults(), pairs, rf1.model(), null);  // warm start
 * INDArray x = FlowSampler.solve(SamplerConfig.euler(1), rf2.model(), noise).samples();
 * }</pre>
 *
 * A warm start copies the raw (not the averaged) weights of the given model and starts a fresh
 * EMA, as the official CIFAR-10 reflow does; without one the network starts from PyTorch's
 * default initialization drawn from the config's seed (the official 2-D notebook trains its 2-RF
 * from scratch). Results depend only on the config and the data: the same call gives the same
 * model bit for bit.
 */
public final class RectifiedFlow {
  private RectifiedFlow() {}

  /** Fits a flow from scratch. */
  public static FlowFit fit(FlowConfig config, TrainingData data) {
    return fit(config, data, null, null);
  }

  /** Fits a flow from scratch, telling {@code listener} the steps done. */
  public static FlowFit fit(FlowConfig config, TrainingData data, ProgressListener listener) {
    return fit(config, data, null, listener);
  }

  /**
   * Fits a flow, starting from {@code warmStart}'s raw weights when it is not null (its network
   * shape must be the config's), telling {@code listener} (may be null) the steps done.
   */
  public static FlowFit fit(FlowConfig config, TrainingData data, FlowModel warmStart, ProgressListener listener) {
    Checks.notNull("config", config);
    Checks.notNull("data", data);
    if (data instanceof TrainingData.Paired && !(config.coupling() instanceof Coupling.Independent)) {
      throw new org.paperlab.core.InvalidArgumentException("coupling",
          " = " + org.paperlab.core.config.Variants.format(config.coupling())
              + " re-pairs unpaired samples; given pairs keep their own coupling (use independent)");
    }
    if (warmStart != null) {
      Checks.sameSize("dimension of the warm-start model", warmStart.dim(), "dimension of the data", data.dim());
      Checks.require(warmStart.network().hidden().equals(config.hidden())
              && warmStart.network().activation() == config.activation(),
          "the warm-start model's network (%s %s) differs from the config's (%s %s)",
          warmStart.network().hidden(), warmStart.network().activation(), config.hidden(), config.activation());
    }
    return new Trainer(config, data, warmStart).run(ProgressListener.orNone(listener));
  }
}
