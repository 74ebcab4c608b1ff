/**
 * Rectified flow (Liu, Gong and Liu 2022, "Flow Straight and Fast: Learning to Generate and
 * Transfer Data with Rectified Flow", ICLR 2023; official code gnobitab/RectifiedFlow) and the
 * training improvements of Lee, Lin and Fanti (2024, "Improving the Training of Rectified Flows",
 * NeurIPS; code sangyun884/rfpp).
 *
 * <p>Time runs from the source ({@code t = 0}, {@code pi_0}) to the target ({@code t = 1},
 * {@code pi_1}) as in Liu et al.: {@code X_t = t X_1 + (1 - t) X_0} with target velocity
 * {@code X_1 - X_0}. A velocity field {@code v(x, t)} (a {@link org.paperlab.core.nn.Mlp} with a
 * time input) is fit by {@link org.paperlab.flow.RectifiedFlow#fit}; {@link
 * org.paperlab.flow.FlowSampler#solve} integrates {@code dZ/dt = v(Z, t)} forward or backward;
 * {@link org.paperlab.flow.Reflow#pairs} draws the pairs {@code (Z_0, Z_1)} of a trained flow for
 * the next ("reflow", k-rectified flow), and a fit with the zero time distribution distills them
 * into a one-step map {@code z0 + v(z0, 0)}. {@link org.paperlab.flow.FlowMetrics} gives
 * straightness and transport cost; {@link org.paperlab.flow.FlowModel} saves and loads.
 */
package org.paperlab.flow;
