/**
 * Small dense networks ({@link org.paperlab.core.nn.Mlp}) with hand-written backpropagation over
 * ND4J matrix products, optimizers (Adam, SGD), gradient clipping and an exponential moving
 * average of weights.
 */
package org.paperlab.core.nn;
