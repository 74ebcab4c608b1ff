/**
 * JMH benchmarks of paperlab-private-gsd: candidate scoring cost against the synthetic size
 * (the incremental trick vs a full recount) and generations per second on Adult's 3-way
 * marginals.
 */
package org.paperlab.bench.gsd;
