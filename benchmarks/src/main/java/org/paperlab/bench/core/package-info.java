/** Benchmarks of paperlab-core's kernels: log-sum-exp, pairwise distances, MLP training steps. */
package org.paperlab.bench.core;
