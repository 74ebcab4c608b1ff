package org.paperlab.bench.gsd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.gsd.AdultData;
import org.paperlab.gsd.IncrementalAnswers;
import org.paperlab.gsd.QueryOptions;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.Workload;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.gsd.Workloads;

/**
 * Private-GSD's candidate scoring cost against the synthetic size N (Liu et al. 2023, Section 4):
 * scoring one generation's 100 candidates (each the best dataset with one cell changed) on the
 * 2-way and 3-way marginals of binned Adult with at most 2,000 cells (193 workloads, 124,146
 * queries, as in {@code gsd-adult-marginals}).
 *
 * <ul>
 *   <li>{@code incremental}: {@link IncrementalAnswers#deltaFitness(int, int, int[], int, float[],
 *       int, int[])}, which evaluates only the workloads that read the changed column; its cost
 *       must not grow with N;
 *   <li>{@code incrementalFreshRows}: as {@code incremental}, but every call draws a new
 *       population (random rows and cells, as a fit does), so the rows' cached hits are not in
 *       the CPU cache: what a generation of a real fit pays for scoring;
 *   <li>{@code incrementalAllWorkloads}: the same as {@code incremental} without the column
 *       restriction (every level of the row recomputed);
 *   <li>{@code hitCache}: whether the query each row hits is cached ({@code always}), recomputed
 *       from the row ({@code never}), or cached while {@code N x levels <= 2^21} ({@code auto});
 *   <li>{@code recount}: the peer without the trick: recount every query on the full candidate
 *       dataset (one candidate per op; multiply by 100 for a population), O(N x levels).
 * </ul>
 */
public class GsdScoringBench extends BenchmarkBase {
  @Param({"1000", "2000", "4000", "8000", "16000", "32000"})
  public int rows;

  /** Per-row hit cache: {@code auto} (the library default), {@code always}, {@code never}. */
  @Param({"auto"})
  public String hitCache;

  private static final int POPULATION = 100;
  private WorkloadSet set;
  private IncrementalAnswers best;
  private int[] candRow;
  private int[] candCol;
  private int[] candCat;
  private float[] candNum;
  private int[] scratch;
  private Table candidateTable;
  private int dc;
  private int[] sizes;
  private SplittableRandom fresh;
  private int[] freshCat;

  @Setup
  public void setup() {
    Table all = AdultData.binned();
    QueryOptions q = QueryOptions.defaults().withMaxCells(2000);
    List<Workload> w = new ArrayList<>(Workloads.family(all.schema(), "2way", q));
    w.addAll(Workloads.family(all.schema(), "3way", q));
    set = new WorkloadSet(all.schema(), w);
    double[] y = set.answers(all);
    Table start = Table.random(all.schema(), rows, 1L);
    SplittableRandom rng = new SplittableRandom(3); // the candidates
    long limit = switch (hitCache) {
      case "always" -> Long.MAX_VALUE;
      case "never" -> 0L;
      default -> IncrementalAnswers.HIT_CACHE_LIMIT;
    };
    best = new IncrementalAnswers(set, y, start, limit);
    dc = all.schema().dc();
    sizes = all.schema().catSizes();
    fresh = new SplittableRandom(2);
    freshCat = new int[all.schema().dc()];
    candRow = new int[POPULATION];
    candCol = new int[POPULATION];
    candCat = new int[POPULATION * dc];
    candNum = new float[0];
    for (int i = 0; i < POPULATION; i++) {
      candRow[i] = rng.nextInt(rows);
      best.copyRow(candRow[i], candCat, i * dc, candNum, 0);
      candCol[i] = rng.nextInt(dc);
      candCat[i * dc + candCol[i]] = rng.nextInt(sizes[candCol[i]]);
    }
    scratch = new int[2 * set.levels()];
    int[] cat = start.catCodes();
    System.arraycopy(candCat, 0, cat, candRow[0] * dc, dc);
    candidateTable = new Table(all.schema(), rows, cat, new float[0]);
  }

  @Benchmark
  public double incremental() {
    double s = 0;
    for (int i = 0; i < POPULATION; i++) {
      s += best.deltaFitness(candRow[i], candCol[i], candCat, i * dc, candNum, 0, scratch);
    }
    return s;
  }

  @Benchmark
  public double incrementalFreshRows() {
    double s = 0;
    for (int i = 0; i < POPULATION; i++) {
      int r = fresh.nextInt(rows);
      best.copyRow(r, freshCat, 0, candNum, 0);
      int j = fresh.nextInt(dc);
      freshCat[j] = fresh.nextInt(sizes[j]);
      s += best.deltaFitness(r, j, freshCat, 0, candNum, 0, scratch);
    }
    return s;
  }

  @Benchmark
  public double incrementalAllWorkloads() {
    double s = 0;
    for (int i = 0; i < POPULATION; i++) {
      s += best.deltaFitness(candRow[i], candCat, i * dc, candNum, 0, scratch);
    }
    return s;
  }

  @Benchmark
  public void recount(Blackhole bh) {
    bh.consume(set.counts(candidateTable));
  }
}
