package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Parallel;
import org.paperlab.core.ProgressListener;

/**
 * Private-GSD's generator: a genetic algorithm over synthetic datasets (Liu, Tang, Vietri and Wu
 * 2023, "Generating Private Synthetic Data with Genetic Algorithms", ICML, Algorithm 1 and
 * Section 4). It minimises the fitness
 *
 * <pre>
 *   F(D') = || q(D') - y ||_2^2     (exact 0/1 query answers q, target answers y)
 * </pre>
 *
 * using only function values, so the queries need not be differentiable. Each generation:
 *
 * <ol>
 *   <li><b>ask</b>: {@code P} candidates, each the current best dataset with one row changed;
 *       the first {@code P/2} by <em>mutation</em> (one cell of a random row redrawn uniformly
 *       from its column's domain), the rest by <em>crossover</em> (one column of a random row
 *       replaced by that column of a random row of a random elite dataset, plus
 *       {@code N(0, crossoverNoise^2)} on a numeric value, clipped to {@code [0, 1]});
 *   <li><b>score</b>: every candidate's fitness from the best dataset's statistics in
 *       {@code O(levels)} ({@link IncrementalAnswers}), evaluating only the workloads that read
 *       the changed column, in parallel over candidates;
 *   <li><b>tell</b>: the elite archive keeps the {@code E} fittest datasets seen (archive and
 *       candidates); the best candidate replaces the best dataset if it is fitter.
 * </ol>
 *
 * The run stops at {@link GsdConfig#maxGenerations()} or when the best fitness improved by less
 * than a relative {@link GsdConfig#tolerance()} over {@link GsdConfig#window()} generations.
 * Structure and defaults follow the official code ({@code models/gsd.py} in
 * giusevtr/private_gsd: {@code SimpleGAforSyncData} with {@code population_size_muta = 50},
 * {@code population_size_cross = 50}, {@code elite_size = 5}, {@code muta_rate = mate_rate = 1}).
 *
 * <p>Elite datasets are stored without copying {@code N} rows: an elite candidate is "the best
 * dataset at version v with row r replaced", and the best dataset's history (old rows of every
 * accepted replacement) answers "row s of version v" exactly. Candidates are scored on
 * {@link GsdConfig#threads()} workers ({@code core.Parallel}; 0 is all cores) when a generation is
 * large enough to pay for the hand-off ({@link #PARALLEL_MIN_LEVELS}); results depend only on the
 * seed, not on the number of threads.
 *
 * <pre>{@code
 * FitResult<GsdConfig> r = Gsd.fit(GsdConfig.defaults().withRows(500).withSeed(7), workloads, noisyAnswers);
 * Table synthetic = r.table();
 * }</pre>
 *
 * All randomness comes from {@code new SplittableRandom(config.seed())}.
 *
 * <p>The parts: the generation's candidates ({@code Population}) and their scoring over threads
 * ({@code PopulationScoring}), the elite archive ({@code EliteArchive}) and the best dataset's
 * past rows ({@code RowHistory}).
 */
public final class Gsd {
  private Gsd() {}

  /** Fits a table of {@link GsdConfig#rows()} rows to {@code targets}, one per query of {@code workloads}. */
  public static FitResult<GsdConfig> fit(GsdConfig config, WorkloadSet workloads, double[] targets) {
    return fit(config, workloads, targets, Optional.empty(), null);
  }

  /** As {@link #fit(GsdConfig, WorkloadSet, double[])}, telling {@code listener} the generations run. */
  public static FitResult<GsdConfig> fit(GsdConfig config, WorkloadSet workloads, double[] targets, ProgressListener listener) {
    return fit(config, workloads, targets, Optional.empty(), listener);
  }

  /**
   * As {@link #fit(GsdConfig, WorkloadSet, double[])}, starting from {@code warmStart} (its
   * evenly spaced rows, or its rows repeated, when the row count differs): the first dataset of
   * the elite archive.
   */
  public static FitResult<GsdConfig> fit(GsdConfig config, WorkloadSet workloads, double[] targets, Table warmStart) {
    return fit(config, workloads, targets, Optional.of(Checks.notNull("warmStart", warmStart)), null);
  }

  /** As {@link #fit(GsdConfig, WorkloadSet, double[], Table)}, telling {@code listener} the generations run. */
  public static FitResult<GsdConfig> fit(
      GsdConfig config, WorkloadSet workloads, double[] targets, Table warmStart, ProgressListener listener) {
    return fit(config, workloads, targets, Optional.of(Checks.notNull("warmStart", warmStart)), listener);
  }

  private static FitResult<GsdConfig> fit(
      GsdConfig config, WorkloadSet set, double[] targets, Optional<Table> warmStart, ProgressListener listener) {
    Checks.notNull("config", config);
    return fit(config, set, targets, warmStart, new SplittableRandom(config.seed()), listener);
  }

  /** The fit on the stream {@code rng} (a synthesis shares one stream between its steps). */
  static FitResult<GsdConfig> fit(
      GsdConfig config, WorkloadSet set, double[] targets, Optional<Table> warmStart, SplittableRandom rng,
      ProgressListener listener) {
    Checks.notNull("config", config);
    FitArguments.check(set, targets, warmStart);
    long start = System.nanoTime();
    return new Run(config, set, targets, warmStart, rng).go(start, ProgressListener.orNone(listener));
  }

  /**
   * {@code t} with {@code n} rows: evenly spaced rows of a larger table, rows repeated cyclically
   * for a smaller one (identity when the count matches).
   */
  static Table resize(Table t, int n) {
    if (t.n() == n) {
      return t;
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = t.n() > n ? (int) ((long) i * t.n() / n) : i % t.n();
    }
    return t.rows(idx);
  }

  /** One fit: all mutable state of the algorithm. */
  private static final class Run {
    final GsdConfig config;
    final SplittableRandom rng;
    final int n;
    final int dc;
    final int dn;
    final int d;
    final int[] sizes;
    final IncrementalAnswers best;
    final RowHistory history;
    final EliteArchive archive;
    final Population pop;
    final PopulationScoring scoring;
    long version;

    Run(GsdConfig config, WorkloadSet set, double[] targets, Optional<Table> warm, SplittableRandom rng) {
      this.config = config;
      this.rng = rng;
      this.n = config.rows();
      this.dc = set.schema().dc();
      this.dn = set.schema().dn();
      this.d = dc + dn;
      this.sizes = set.schema().catSizes();
      // initial elite: the warm start (if any) and random datasets; the fittest is the best
      int e = config.eliteSize();
      Table[] init = new Table[e];
      double[] fit = new double[e];
      for (int i = 0; i < e; i++) {
        init[i] = (i == 0 && warm.isPresent()) ? resize(warm.get(), n) : Table.random(set.schema(), n, rng);
        fit[i] = fitnessOf(set.counts(init[i]), targets, n);
      }
      int b = 0;
      for (int i = 1; i < e; i++) {
        if (fit[i] < fit[b]) {
          b = i;
        }
      }
      this.best = new IncrementalAnswers(set, targets, init[b]);
      this.history = new RowHistory(n, dc, dn);
      this.archive = new EliteArchive(e, dc, dn, best, history);
      for (int i = 0; i < e; i++) {
        archive.addFull(fit[i], init[i]);
      }
      this.pop = new Population(config.populationSize(), dc, dn);
      int threads = parallelWorth(config, set) ? Math.min(Parallel.threads(config.threads()), pop.size) : 1;
      this.scoring = new PopulationScoring(best, pop, threads);
    }

    FitResult<GsdConfig> go(long start, ProgressListener listener) {
      long maxGen = config.maxGenerations();
      int window = config.window();
      long traceEvery = Math.max(1, maxGen / 1000);
      List<double[]> trace = new ArrayList<>();
      trace.add(new double[] {0, best.fitness()});
      double last = best.fitness();
      boolean converged = false;
      long gen = 0;
      while (gen < maxGen) {
        gen++;
        ask();
        scoring.score();
        tell();
        if (gen % traceEvery == 0) {
          trace.add(new double[] {gen, best.fitness()});
          listener.progress(gen, maxGen);
        }
        if (gen % window == 0) {
          double f = best.recomputeFitness();
          if (f <= 0) {
            converged = true;
            break;
          }
          if (gen > window && (last - f) / last < config.tolerance()) {
            converged = true;
            break;
          }
          last = f;
        }
      }
      double f = best.recomputeFitness();
      if (trace.get(trace.size() - 1)[0] != gen) {
        trace.add(new double[] {gen, f});
      }
      double[] ti = new double[trace.size()];
      double[] tl = new double[trace.size()];
      for (int i = 0; i < ti.length; i++) {
        ti[i] = trace.get(i)[0];
        tl[i] = trace.get(i)[1];
      }
      double secs = (System.nanoTime() - start) / 1e9;
      listener.progress(maxGen, maxGen);
      return new FitResult<>(config, best.table(), f, gen, converged, secs, ti, tl);
    }

    /** Builds the population from the best dataset and the elite archive. */
    void ask() {
      int p = pop.size;
      int muta = p / 2;
      for (int i = 0; i < p; i++) {
        int r = rng.nextInt(n);
        pop.row[i] = r;
        best.copyRow(r, pop.cat, i * dc, pop.num, i * dn);
        int j = rng.nextInt(d);
        pop.col[i] = j;
        if (i < muta) {
          if (j < dc) {
            pop.cat[i * dc + j] = rng.nextInt(sizes[j]);
          } else {
            pop.num[i * dn + j - dc] = (float) rng.nextDouble();
          }
        } else {
          int e = rng.nextInt(archive.size());
          int s = rng.nextInt(n);
          if (j < dc) {
            pop.cat[i * dc + j] = archive.cat(e, s, j);
          } else {
            double v = archive.num(e, s, j - dc) + config.crossoverNoise() * rng.nextGaussian();
            pop.num[i * dn + j - dc] = (float) Math.min(1.0, Math.max(0.0, v));
          }
        }
      }
    }

    /** Updates the archive; the fittest candidate replaces the best dataset if it is fitter. */
    void tell() {
      archive.offer(pop, version);
      int b = pop.fittest();
      if (pop.fit[b] < best.fitness()) {
        int r = pop.row[b];
        history.record(r, best, version + 1);
        best.replaceRow(r, pop.cat, b * dc, pop.num, b * dn, scoring.scratch());
        version++;
      }
    }
  }

  /**
   * Below this many query levels evaluated per generation (population x mean levels of the
   * workloads reading a column), handing candidates to a second thread costs more than it saves
   * (measured with GsdGenerationBench: 3-way marginals of Adult, about 4,000 levels per
   * generation, run at the same speed on 1 and 2 threads; the mixed Adult workloads, about
   * 15,000, run 1.1-1.5x faster on 2).
   */
  static final long PARALLEL_MIN_LEVELS = 10_000;

  static boolean parallelWorth(GsdConfig config, WorkloadSet set) {
    int cols = set.schema().dc() + set.schema().dn();
    long levels = 0;
    for (int j = 0; j < cols; j++) {
      for (int w : set.workloadsReadingShared(j)) {
        levels += set.get(w).levels();
      }
    }
    return (double) levels / Math.max(1, cols) * config.populationSize() >= PARALLEL_MIN_LEVELS;
  }

  static double fitnessOf(int[] counts, double[] targets, int n) {
    double f = 0;
    double inv = 1.0 / n;
    for (int q = 0; q < counts.length; q++) {
      double e = counts[q] * inv - targets[q];
      f += e * e;
    }
    return f;
  }
}
