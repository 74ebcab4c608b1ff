/**
 * Benchmarks of paperlab-sinkhorn-ot: the fused kernel and log-domain sweeps, this machine's
 * memory bandwidth, and the driver of the POT head-to-head in {@code benchmarks/peers}.
 */
package org.paperlab.bench.ot;
