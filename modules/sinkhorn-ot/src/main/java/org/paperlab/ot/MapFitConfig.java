package org.paperlab.ot;

import java.util.List;
import org.paperlab.core.Checks;
import org.paperlab.core.nn.Activation;

/**
 * Settings of Monge-gap-regularized map fitting (Uscidda and Cuturi 2023, Section 6: the loss
 * {@code S_eps_fit(T#mu, nu) + lambda M(T)} with an MLP map).
 *
 * @param hidden hidden widths of the MLP map
 * @param activation hidden activation
 * @param steps Adam steps
 * @param batchSize source and target samples per step
 * @param learningRate Adam step size
 * @param lambda weight of the Monge gap (0: fitting loss only)
 * @param cost the ground cost of both terms
 * @param epsFit epsilon of the Sinkhorn divergence, relative to the mean cost between T(x) and y
 * @param epsReg epsilon of the Monge gap, relative to the mean cost between x and T(x)
 * @param sinkhornTolerance L1 marginal tolerance of every inner solve
 * @param sinkhornMaxIterations iteration cap of every inner solve
 * @param logEvery record the full loss (with the constant {@code OT(y, y)} term) every this many
 *     steps
 * @param residual parametrize the map as {@code T(x) = x + MLP(x)} (an identity skip): the map
 *     starts near the identity, whose Monge gap is at its floor, and the network only learns the
 *     displacement; {@code false}: {@code T(x) = MLP(x)}
 * @param seed the seed of the fit's one random stream, {@code new SplittableRandom(seed)}: the
 *     network's initial weights, then the source and target batches of every step, in that order
 *
 * <p>Every component has a text form ({@code Configs.toMap}/{@code Configs.fromMap} of
 * paperlab-core): {@code hidden=32,64,32}, {@code activation=gelu}, {@code cost=sqeuclidean},
 * {@code residual=false}, {@code seed=0}, ...
 */
public record MapFitConfig(
    List<Integer> hidden,
    Activation activation,
    int steps,
    int batchSize,
    double learningRate,
    double lambda,
    StandardCost cost,
    double epsFit,
    double epsReg,
    double sinkhornTolerance,
    int sinkhornMaxIterations,
    int logEvery,
    boolean residual,
    long seed) {

  public MapFitConfig {
    Checks.notNull("hidden", hidden);
    hidden = List.copyOf(hidden);
    for (int i = 0; i < hidden.size(); i++) {
      Checks.positive("hidden[" + i + "]", hidden.get(i));
    }
    Checks.notNull("activation", activation);
    Checks.positive("steps", steps);
    Checks.require(batchSize >= 2, "batchSize = %d must be >= 2", batchSize);
    Checks.positive("learningRate", learningRate);
    Checks.nonNegative("lambda", lambda);
    Checks.notNull("cost", cost);
    Checks.positive("epsFit", epsFit);
    Checks.positive("epsReg", epsReg);
    Checks.positive("sinkhornTolerance", sinkhornTolerance);
    Checks.positive("sinkhornMaxIterations", sinkhornMaxIterations);
    Checks.positive("logEvery", logEvery);
  }

  /**
   * The paper's 2-D setup: MLP [32, 64, 32] with GELU, 5,000 Adam steps of 1e-3 on batches of 256,
   * eps_fit = 0.1 and eps_reg = 0.01 times the mean cost, lambda = 0.1, squared Euclidean cost,
   * no identity skip, seed 0.
   */
  public static MapFitConfig defaults() {
    return new MapFitConfig(List.of(32, 64, 32), Activation.GELU, 5000, 256, 1e-3, 0.1,
        StandardCost.SQEUCLIDEAN, 0.1, 0.01, 1e-5, 2000, 50, false, 0L);
  }

  public MapFitConfig withSteps(int s) {
    return new MapFitConfig(hidden, activation, s, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withBatchSize(int b) {
    return new MapFitConfig(hidden, activation, steps, b, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withLambda(double l) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, l, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withCost(StandardCost c) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, c, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withHidden(List<Integer> h) {
    return new MapFitConfig(h, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withLearningRate(double lr) {
    return new MapFitConfig(hidden, activation, steps, batchSize, lr, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withEpsilons(double fit, double reg) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, fit, reg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withLogEvery(int k) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, k, residual, seed);
  }

  public MapFitConfig withResidual(boolean r) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, r, seed);
  }

  public MapFitConfig withSeed(long s) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, s);
  }

  public MapFitConfig withActivation(Activation a) {
    return new MapFitConfig(hidden, a, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withEpsFit(double e) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, e, epsReg, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withEpsReg(double e) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, e, sinkhornTolerance, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withSinkhornTolerance(double t) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, t, sinkhornMaxIterations, logEvery, residual, seed);
  }

  public MapFitConfig withSinkhornMaxIterations(int k) {
    return new MapFitConfig(hidden, activation, steps, batchSize, learningRate, lambda, cost, epsFit, epsReg, sinkhornTolerance, k, logEvery, residual, seed);
  }
}
