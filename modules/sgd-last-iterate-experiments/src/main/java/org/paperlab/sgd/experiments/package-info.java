/**
 * The experiments of the SGD last-iterate module (Liu and Zhou 2024), each a {@code paperlab run}
 * experiment with metrics.json, CSV tables and charts: {@code sgd-lower-bound},
 * {@code sgd-convex}, {@code sgd-strongly-convex}, {@code sgd-simplex}, {@code sgd-heavy-tails},
 * {@code sgd-high-probability}.
 */
package org.paperlab.sgd.experiments;
