/** Rectified-flow speed: paperlab's side of the PyTorch head-to-head (benchmarks/peers/rectified_flow_compare.py). */
package org.paperlab.bench.flow;
