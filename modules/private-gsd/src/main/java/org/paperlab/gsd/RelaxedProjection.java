package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;

/**
 * The first-order baseline: relaxed adaptive projection in the style of RAP (Aydore et al.
 * 2021, "Differentially Private Query Release Through Adaptive Projection") and its mixed-type
 * extension RAP++ (Vietri et al. 2022), the methods Private-GSD is compared with.
 *
 * <p>The synthetic data is made continuous: every categorical cell is a softmax distribution
 * {@code p = softmax(theta)} over its categories, every numeric cell a value {@code x in [0, 1]}.
 * Every query becomes a product of differentiable factors, averaged over the {@code N'} rows:
 *
 * <ul>
 *   <li>{@code 1[x_c = v]} becomes {@code p_c[v]};
 *   <li>{@code 1[x in bin k of R]} becomes {@code s(b(x - k/R)) - s(b(x - (k+1)/R))} (outer edges
 *       at minus/plus infinity, so the bins of a resolution still sum to one);
 *   <li>{@code 1[x < t]} becomes {@code s(b(t - x))}, {@code 1[<w,x> > b0]} becomes
 *       {@code s(b(<w,x> - b0))},
 * </ul>
 *
 * with the logistic sigmoid {@code s} and a slope {@code b} that grows geometrically from
 * {@link RapConfig#slopeStart()} to {@link RapConfig#slopeEnd()}. Adam (Kingma and Ba 2015)
 * minimises the squared L2 distance between the relaxed answers and the targets; numeric values
 * are projected back to {@code [0, 1]} after each step. Finally every categorical cell is
 * sampled from its softmax (RAP's randomized rounding) and the rounded table is returned; its
 * exact answers are what is evaluated ({@link RapConfig#samplesPerRow()} samples per relaxed row). The relaxation error on non-differentiable queries is the
 * gap the paper points at.
 *
 * <p>A k-factor query block is evaluated as {@code A[i,j,l] = (1/N') sum_r f1[r,i] f2[r,j]
 * f3[r,l]} with the gradient {@code dL/df1[r,i] = (1/N') sum_{j,l} 2(A - y)[i,j,l] f2[r,j] f3[r,l]}
 * (and likewise for the other factors), in plain Java loops over flat float arrays, split over
 * {@link RapConfig#threads()} threads ({@code core.Parallel}; 0 is all cores) by blocks with a
 * fixed assignment: results are reproducible for a given resolved thread count (the assignment
 * fixes the order of the floating-point sums).
 *
 * <pre>{@code
 * FitResult<RapConfig> r = RelaxedProjection.fit(RapConfig.defaults().withSeed(7), workloads, noisyAnswers);
 * }</pre>
 *
 * All randomness (the random start and the rounding) comes from
 * {@code new SplittableRandom(config.seed())}.
 *
 * <p>The parts: {@code RelaxedTable} (logits, softmax, numeric values and their Adam state),
 * {@code RelaxedQueries} (the workloads as {@code QueryBlock}s of {@code RelaxedFactor}s, with
 * the shared {@code SoftBins}), {@code RelaxedGradient} (loss and gradients over threads, each
 * thread a {@code BlockWorker}), {@code SlopeSchedule} and {@code RandomizedRounding}.
 */
public final class RelaxedProjection {
  private RelaxedProjection() {}

  /**
   * Fits a table of {@link RapConfig#outputRows()} rows to {@code targets}, one per query of
   * {@code workloads}, from a random relaxed table.
   */
  public static FitResult<RapConfig> fit(RapConfig config, WorkloadSet workloads, double[] targets) {
    return fit(config, workloads, targets, Optional.empty(), null);
  }

  /** As {@link #fit(RapConfig, WorkloadSet, double[])}, telling {@code listener} the Adam steps run. */
  public static FitResult<RapConfig> fit(RapConfig config, WorkloadSet workloads, double[] targets, ProgressListener listener) {
    return fit(config, workloads, targets, Optional.empty(), listener);
  }

  /**
   * As {@link #fit(RapConfig, WorkloadSet, double[])}, starting from {@code warmStart} (its rows
   * resized to {@link RapConfig#rows()}, logit 2 on every cell's value).
   */
  public static FitResult<RapConfig> fit(RapConfig config, WorkloadSet workloads, double[] targets, Table warmStart) {
    return fit(config, workloads, targets, Optional.of(Checks.notNull("warmStart", warmStart)), null);
  }

  /** As {@link #fit(RapConfig, WorkloadSet, double[], Table)}, telling {@code listener} the Adam steps run. */
  public static FitResult<RapConfig> fit(
      RapConfig config, WorkloadSet workloads, double[] targets, Table warmStart, ProgressListener listener) {
    return fit(config, workloads, targets, Optional.of(Checks.notNull("warmStart", warmStart)), listener);
  }

  private static FitResult<RapConfig> fit(
      RapConfig config, WorkloadSet set, double[] targets, Optional<Table> warmStart, ProgressListener listener) {
    Checks.notNull("config", config);
    return fit(config, set, targets, warmStart, new SplittableRandom(config.seed()), listener);
  }

  /** The fit on the stream {@code rng} (a synthesis shares one stream between its steps). */
  static FitResult<RapConfig> fit(
      RapConfig config, WorkloadSet set, double[] targets, Optional<Table> warmStart, SplittableRandom rng,
      ProgressListener listener) {
    Checks.notNull("config", config);
    FitArguments.check(set, targets, warmStart);
    ProgressListener progress = ProgressListener.orNone(listener);
    long start = System.nanoTime();
    int iters = config.iterations();
    RelaxedTable table = RelaxedTable.start(set.schema(), config.rows(), warmStart, rng);
    RelaxedQueries queries = RelaxedQueries.of(set, config.rows());
    SlopeSchedule slopes = SlopeSchedule.of(config);
    List<double[]> trace = new ArrayList<>();
    long traceEvery = Math.max(1, iters / 200);
    float[] gTheta = new float[table.theta.length];
    float[] gX = new float[table.x.length];
    RelaxedGradient gradient = new RelaxedGradient(table, queries, targets, Parallel.threads(config.threads()));
    for (int t = 1; t <= iters; t++) {
      float slope = slopes.at(t);
      table.softmax();
      double loss = gradient.compute(slope, gTheta, gX);
      if (t % traceEvery == 0 || t == 1 || t == iters) {
        trace.add(new double[] {t, loss});
        progress.progress(t, iters);
      }
      table.adamStep(gTheta, gX, t, config.learningRate(), config.numericLearningRate());
    }
    table.softmax();
    Table rounded = RandomizedRounding.sample(table, config.samplesPerRow(), set.schema(), rng);
    double loss = Gsd.fitnessOf(set.counts(rounded), targets, rounded.n());
    double[] ti = new double[trace.size()];
    double[] tl = new double[trace.size()];
    for (int i = 0; i < ti.length; i++) {
      ti[i] = trace.get(i)[0];
      tl[i] = trace.get(i)[1];
    }
    return new FitResult<>(config, rounded, loss, iters, false, (System.nanoTime() - start) / 1e9, ti, tl);
  }
}
