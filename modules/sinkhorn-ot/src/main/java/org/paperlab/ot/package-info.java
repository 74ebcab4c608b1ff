/**
 * Entropic optimal transport: Sinkhorn solvers (kernel domain with automatic stabilization, log
 * domain, lazy point-cloud costs, epsilon scaling, over-relaxation, unbalanced KL marginals), the
 * debiased Sinkhorn divergence with its gradient, the Monge gap, and Monge-gap-regularized map
 * fitting.
 *
 * <p>Papers: Cuturi 2013, "Sinkhorn Distances"; Schmitzer 2019, "Stabilized sparse scaling
 * algorithms for entropy regularized transport problems"; Feydy et al. 2019, "Interpolating
 * between Optimal Transport and MMD using Sinkhorn Divergences"; Chizat et al. 2018, "Scaling
 * algorithms for unbalanced optimal transport problems"; Thibault et al. 2017, "Overrelaxed
 * Sinkhorn-Knopp algorithm"; Uscidda and Cuturi 2023, "The Monge Gap: A Regularizer to Learn All
 * Transport Maps".
 *
 * <p>Entry points, each {@code verb(config, inputs...[, ProgressListener])} with the config first
 * (paperlab's method contract): {@link org.paperlab.ot.Sinkhorn#solve},
 * {@link org.paperlab.ot.SinkhornDivergence#solve}, {@link org.paperlab.ot.MongeGap#solve} (a
 * problem given in full), {@link org.paperlab.ot.MapFitter#fit} and
 * {@link org.paperlab.ot.EntropicMap#fit} (a map learned from samples). Their results implement
 * {@code MethodResult} ({@code config()}, {@code seconds()}, {@code toMetrics()}); the configs
 * ({@link org.paperlab.ot.SinkhornConfig}, {@link org.paperlab.ot.MapFitConfig}) convert to and
 * from flat text maps with core's {@code Configs}, and every named setting ({@code Method},
 * {@code Precision}, {@code EpsilonScale}, {@code ErrorNorm}, {@code StandardCost}) parses
 * through {@code Variants}. {@link org.paperlab.ot.GaussianMaps} is the closed-form OT map
 * between Gaussians.
 *
 * <p>Inside (package-private), one idea per file: {@code Sinkhorn.run} builds a
 * {@code SinkhornState} (weights, epsilon, potentials, scalings, marginals and the
 * {@code Progress} counters) over a {@code Storage} (the cost and kernel matrices in float or
 * double, {@code FloatStorage} or {@code DoubleStorage}, chosen once), runs the stages of an
 * {@code EpsilonSchedule} with a {@code KernelIteration} or a {@code LogIteration} (exact
 * {@code SoftMinSteps} for starts and repairs, over-relaxation by {@code Momentum}, row blocks and
 * their scratch in {@code RowBlocks} over core's {@code Parallel}), and reports the
 * {@code Objectives}. The row arithmetic is {@code RowKernels}: {@code ScalarRowKernels}, or
 * {@code VectorRowKernels} over {@code VectorProducts}, {@code VectorExpKernels} and
 * {@code VectorCostRows}. {@code Weights} is the one rule for measure weights. {@code KernelSweep}
 * is a benchmark hook (one iteration at a time), not API: its JMH benchmark lives in the
 * benchmarks module in this package.
 */
package org.paperlab.ot;
