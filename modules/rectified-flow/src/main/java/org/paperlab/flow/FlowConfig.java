package org.paperlab.flow;

import java.util.List;
import org.paperlab.core.Checks;
import org.paperlab.core.nn.Activation;

/**
 * How to fit a rectified flow's velocity field {@code v(x, t)}: the loss of Liu, Gong and Liu
 * (2022), Eq. 1,
 *
 * <pre>
 *   min_v  E_t E_{(X_0, X_1)} || (X_1 - X_0) - v(t X_1 + (1 - t) X_0, t) ||^2
 * </pre>
 *
 * by Adam on minibatches, with the options of Lee, Lin and Fanti (2024): the time distribution,
 * the pseudo-Huber loss, and (Tong et al. 2023; Pooladian et al. 2023) a minibatch-OT coupling.
 *
 * @param hidden hidden widths of the MLP velocity field (its input is {@code x} and the raw time
 *     {@code t} as one more column, its output has the data's dimension)
 * @param activation hidden activation
 * @param steps Adam steps
 * @param batchSize pairs per step
 * @param learningRate Adam's step size (betas 0.9, 0.999, epsilon 1e-8)
 * @param timeDistribution how {@code t} is drawn
 * @param loss the regression loss and its reduction
 * @param coupling how unpaired samples are paired (ignored when pairs are given)
 * @param emaDecay decay of an exponential moving average of the weights, used for sampling; 0
 *     for none
 * @param clipNorm clip the gradient to this global L2 norm; {@code Infinity} for no clipping
 * @param logEvery record the batch loss every this many steps
 * @param seed the root seed of the initialization, the batches and the times
 * @param threads threads of the data-parallel gradient ({@code 0}: all cores)
 */
public record FlowConfig(
    List<Integer> hidden,
    Activation activation,
    int steps,
    int batchSize,
    double learningRate,
    TimeDistribution timeDistribution,
    FlowLoss loss,
    Coupling coupling,
    double emaDecay,
    double clipNorm,
    int logEvery,
    long seed,
    int threads) {

  public FlowConfig {
    Checks.notNull("hidden", hidden);
    hidden = List.copyOf(hidden);
    for (int i = 0; i < hidden.size(); i++) {
      Checks.positive("hidden[" + i + "]", hidden.get(i));
    }
    Checks.notNull("activation", activation);
    Checks.positive("steps", steps);
    Checks.positive("batchSize", batchSize);
    Checks.positive("learningRate", learningRate);
    Checks.notNull("timeDistribution", timeDistribution);
    Checks.notNull("loss", loss);
    Checks.notNull("coupling", coupling);
    Checks.require(emaDecay >= 0 && emaDecay < 1, "emaDecay = %s must be in [0, 1) (0: no EMA)", emaDecay);
    Checks.require(clipNorm > 0, "clipNorm = %s must be > 0 (Infinity: no clipping)", clipNorm);
    Checks.positive("logEvery", logEvery);
    Checks.nonNegative("threads", threads);
  }

  /**
   * The official 2-D notebook's training: MLP 100-100 tanh, 10,000 Adam steps at 5e-3, batch
   * 2048, {@code t ~ U(0, 1)}, squared error summed over the dimensions, independent coupling, no
   * EMA, no clipping; loss logged every 100 steps; seed 0; all cores.
   */
  public static FlowConfig defaults() {
    return new FlowConfig(List.of(100, 100), Activation.TANH, 10_000, 2048, 5e-3,
        new TimeDistribution.Uniform(0.0), new FlowLoss.SquaredL2(FlowLoss.Reduction.SUM),
        new Coupling.Independent(), 0.0, Double.POSITIVE_INFINITY, 100, 0L, 0);
  }

  /** The settings of a distillation fit: {@code t = 0} only (the official "t0" schedule). */
  public FlowConfig forDistillation() {
    return withTimeDistribution(new TimeDistribution.Zero());
  }

  public FlowConfig withHidden(List<Integer> v) {
    return new FlowConfig(v, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withHidden(Integer... v) {
    return withHidden(List.of(v));
  }

  public FlowConfig withActivation(Activation v) {
    return new FlowConfig(hidden, v, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withSteps(int v) {
    return new FlowConfig(hidden, activation, v, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withBatchSize(int v) {
    return new FlowConfig(hidden, activation, steps, v, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withLearningRate(double v) {
    return new FlowConfig(hidden, activation, steps, batchSize, v, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withTimeDistribution(TimeDistribution v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, v, loss, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withLoss(FlowLoss v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, v, coupling, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withCoupling(Coupling v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, v, emaDecay, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withEmaDecay(double v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, v, clipNorm, logEvery, seed, threads);
  }

  public FlowConfig withClipNorm(double v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, v, logEvery, seed, threads);
  }

  public FlowConfig withLogEvery(int v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, v, seed, threads);
  }

  public FlowConfig withSeed(long v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, v, threads);
  }

  public FlowConfig withThreads(int v) {
    return new FlowConfig(hidden, activation, steps, batchSize, learningRate, timeDistribution, loss, coupling, emaDecay, clipNorm, logEvery, seed, v);
  }
}
