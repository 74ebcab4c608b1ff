/**
 * Last-iterate convergence of stochastic gradient methods: Zijian Liu and Zhengyuan Zhou,
 * "Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods" (ICLR 2024, arXiv
 * 2312.08531).
 *
 * <p>{@link org.paperlab.sgd.Sgd} runs composite stochastic mirror descent
 * {@code x_{t+1} = argmin_{x in X} { h(x) + <g_t, x> + D_psi(x, x_t)/eta_t }} ({@link
 * org.paperlab.sgd.CompositeStep}) many times in parallel on a {@link
 * org.paperlab.sgd.StochasticProblem} with a known optimum, with a {@link org.paperlab.sgd.Schedule},
 * {@link org.paperlab.sgd.Output}s (last iterate, uniform, suffix, Shamir-Zhang and power-weighted
 * averages), a {@link org.paperlab.sgd.NoiseModel} and optional clipping, and summarizes the gap
 * {@code F - F*} at geometric checkpoints: mean, type-7 {@link org.paperlab.sgd.Quantiles} at
 * {@code 1 - delta}, and log-log {@link org.paperlab.sgd.SlopeEstimate}s with bootstrap intervals.
 * {@link org.paperlab.sgd.HarveyLowerBound} is the instance on which the last iterate of
 * {@code 1/sqrt(T)}-step subgradient descent is a {@code ln T} factor worse than averaging, with an
 * O(1)-per-step exact simulation and its closed form. {@link org.paperlab.sgd.ProblemSpec} names
 * the problems with their parameters and the run settings they imply.
 *
 * <p>The module follows paperlab's method contract: {@code Sgd.run(config, problem[, listener])}
 * and {@code Sgd.sweep(config, problems, horizons[, listener])}; {@link org.paperlab.sgd.SgdResult}
 * is a {@code MethodResult} with {@code toMetrics()}; the variant families carry {@code @Name} and
 * {@code parse(String)}.
 */
package org.paperlab.sgd;
