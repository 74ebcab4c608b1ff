package org.paperlab.bench.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.core.Kernels;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

/** Pairwise squared Euclidean distances between two {@code n x d} clouds (one GEMM). */
public class PairwiseDistanceBench extends BenchmarkBase {
  @Param({"1000", "4000"})
  public int n;

  @Param({"2", "64"})
  public int d;

  @Param({"FLOAT", "DOUBLE"})
  public String type;

  INDArray x;
  INDArray y;

  @Setup
  public void setup() {
    var rng = Seeds.of(2).random();
    x = Tensors.randn(rng, DataType.valueOf(type), n, d);
    y = Tensors.randn(rng, DataType.valueOf(type), n, d);
  }

  @Benchmark
  public INDArray paperlab() {
    return Kernels.pairwiseSquaredDistances(x, y);
  }
}
