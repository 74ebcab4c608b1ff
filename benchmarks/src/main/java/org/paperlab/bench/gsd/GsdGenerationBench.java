package org.paperlab.bench.gsd;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.gsd.AdultData;
import org.paperlab.gsd.FitResult;
import org.paperlab.gsd.Gsd;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.QueryOptions;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.gsd.Workloads;

/**
 * Private-GSD generations per second on the 3-way marginals of binned Adult (the 210 triples with
 * at most 10,000 cells, 587,193 queries; population 100, elite 5): a fit of {@code generations}
 * generations without early stopping, including the setup (5 random tables counted). Run with
 * {@code generations} 1 and 5001: the difference of the two times is the cost of 5,000
 * generations, so generations/s = 5000 / (t(5001) - t(1)).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class GsdGenerationBench extends BenchmarkBase {
  @Param({"2000", "32000"})
  public int rows;

  @Param({"1", "5001"})
  public int generations;

  @Param({"1", "2"})
  public int threads;

  private WorkloadSet set;
  private double[] targets;

  @Setup
  public void setup() {
    Table all = AdultData.binned();
    set = Workloads.build(all.schema(), List.of("3way"), QueryOptions.defaults().withMaxCells(10_000));
    targets = set.answers(all);
  }

  @Benchmark
  public FitResult<GsdConfig> fit() {
    GsdConfig c = GsdConfig.defaults().withRows(rows).withMaxGenerations(generations).withThreads(threads)
        .withEarlyStopWindow(Integer.MAX_VALUE).withSeed(7);
    return Gsd.fit(c, set, targets);
  }
}
