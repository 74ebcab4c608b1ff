/** JMH benchmarks of paperlab, one package per area; shared settings in {@link org.paperlab.bench.BenchmarkBase}. */
package org.paperlab.bench;
