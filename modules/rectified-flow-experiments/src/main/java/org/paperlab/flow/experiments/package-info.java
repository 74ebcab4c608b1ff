/**
 * The rectified-flow experiments: {@code flow-2d-mixtures} (the official notebook's toy, 1- and
 * 2-rectified flow with the independent and the minibatch-OT coupling), {@code flow-2d-generation}
 * (Gaussian to three 2-D toys: time distribution, loss and coupling against NFE) and
 * {@code flow-digits} (8x8 handwritten digits: 1-RF, 2-RF and the distilled one-step map).
 */
package org.paperlab.flow.experiments;
