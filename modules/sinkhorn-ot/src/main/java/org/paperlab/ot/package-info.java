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
 * <p>Entry points: {@link org.paperlab.ot.Sinkhorn}, {@link org.paperlab.ot.SinkhornDivergence},
 * {@link org.paperlab.ot.MongeGap}, {@link org.paperlab.ot.MapFitter}.
 *
 * <p>Inside (package-private), one idea per file: {@code Sinkhorn.run} builds a
 * {@code SinkhornState} (weights, epsilon, potentials, scalings, marginals and the
 * {@code Progress} counters) over a {@code Storage} (the cost and kernel matrices in float or
 * double, {@code FloatStorage} or {@code DoubleStorage}, chosen once), runs the stages of an
 * {@code EpsilonSchedule} with a {@code KernelIteration} or a {@code LogIteration} (exact
 * {@code SoftMinSteps} for starts and repairs, over-relaxation by {@code Momentum}, row blocks and
 * their scratch in {@code RowBlocks}), and reports the {@code Objectives}. The row arithmetic is
 * {@code RowKernels}: {@code ScalarRowKernels}, or {@code VectorRowKernels} over
 * {@code VectorProducts}, {@code VectorExpKernels} and {@code VectorCostRows}.
 */
package org.paperlab.ot;
