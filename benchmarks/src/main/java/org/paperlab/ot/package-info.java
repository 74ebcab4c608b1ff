/**
 * Benchmarks that need package-private hooks of paperlab-sinkhorn-ot ({@code KernelSweep}): they
 * sit in the library's own package, which the class path lets another jar share. Not API; the
 * other OT benchmarks are in {@code org.paperlab.bench.ot}.
 */
package org.paperlab.ot;
