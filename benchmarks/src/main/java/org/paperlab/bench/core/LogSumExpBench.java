package org.paperlab.bench.core;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.custom.LogSumExp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.core.Kernels;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

/**
 * Row-wise log-sum-exp of an {@code n x n} matrix: paperlab's stable kernel (max-shift with ND4J
 * ops), ND4J's own {@code LogSumExp} op (faster but wrong for rows far below the array's max),
 * and a plain-Java loop over the flat float array split across the cores.
 */
public class LogSumExpBench extends BenchmarkBase {
  @Param({"FLOAT", "DOUBLE"})
  public String type;

  @Param({"1000", "4000"})
  public int n;

  INDArray x;
  float[] flat;
  int cols;

  @Setup
  public void setup() {
    SplittableRandom rng = Seeds.of(1).random();
    x = Tensors.randn(rng, DataType.valueOf(type), n, n).muli(10);
    flat = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    cols = n;
  }

  @Benchmark
  public INDArray paperlab() {
    return Kernels.logSumExp(x, 1);
  }

  @Benchmark
  public INDArray nd4j() {
    return Nd4j.exec(new LogSumExp(x, 1))[0];
  }

  @Benchmark
  public double[] plainJavaFloat() {
    double[] out = new double[flat.length / cols];
    IntStream.range(0, out.length).parallel().forEach(i -> out[i] = Kernels.logSumExp(flat, i * cols, cols));
    return out;
  }
}
