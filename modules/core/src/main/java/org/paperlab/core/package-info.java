/**
 * paperlab's shared tensor layer on ND4J: numerically stable kernels ({@link
 * org.paperlab.core.Kernels}), seeded randomness ({@link org.paperlab.core.Seeds}), argument
 * checks ({@link org.paperlab.core.Checks}), array helpers ({@link org.paperlab.core.Tensors}) and
 * sample distances ({@link org.paperlab.core.SampleDistances}). ND4J's {@code INDArray} is the
 * tensor type; this package adds what every method shares and what ND4J lacks.
 */
package org.paperlab.core;
