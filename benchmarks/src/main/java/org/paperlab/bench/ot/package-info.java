/**
 * Benchmarks of paperlab-sinkhorn-ot: this machine's memory bandwidth and the driver of the POT
 * head-to-head in {@code benchmarks/peers}; the fused kernel and log-domain sweeps are timed by
 * {@code org.paperlab.ot.SinkhornSweepBench} (it needs a package-private hook of the library).
 */
package org.paperlab.bench.ot;
