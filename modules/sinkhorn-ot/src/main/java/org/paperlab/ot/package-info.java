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
 */
package org.paperlab.ot;
