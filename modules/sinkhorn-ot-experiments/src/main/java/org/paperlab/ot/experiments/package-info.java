/**
 * The experiments of the Sinkhorn and Monge gap module: {@code ot-sinkhorn} (solver convergence,
 * plan, lazy solve, bandwidth), {@code ot-monge-gap-2d} (two moons to S-curve maps with and without
 * the Monge gap) and {@code ot-gaussian-map} (Gaussian maps against the closed form, L2-UVP).
 */
package org.paperlab.ot.experiments;
