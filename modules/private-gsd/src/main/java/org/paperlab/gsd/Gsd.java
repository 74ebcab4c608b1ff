package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.paperlab.core.Checks;

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
 * {@link GsdConfig#threads()} workers when a generation is large enough to pay for the hand-off
 * ({@link #PARALLEL_MIN_LEVELS}); results depend only on the seed, not on the number of threads.
 */
public final class Gsd implements Generator {
  private final GsdConfig config;

  public Gsd(GsdConfig config) {
    this.config = Checks.notNull("config", config);
  }

  public GsdConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "gsd";
  }

  @Override
  public int rows() {
    return config.rows();
  }

  @Override
  public FitResult fit(WorkloadSet set, double[] targets, Optional<Table> warmStart, SplittableRandom rng) {
    FitArguments.check(set, targets, warmStart, rng);
    long start = System.nanoTime();
    Run run = new Run(set, targets, warmStart, rng);
    try {
      return run.go(start);
    } finally {
      run.close();
    }
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
  private final class Run implements AutoCloseable {
    final WorkloadSet set;
    final double[] targets;
    final SplittableRandom rng;
    final int n;
    final int dc;
    final int dn;
    final int d;
    final int p;
    final int[] sizes;
    final IncrementalAnswers best;
    final History history;
    final Archive archive;
    final ForkJoinPool pool;
    // the population of one generation
    final int[] candRow;
    final int[] candCol;
    final int[] candCat;
    final float[] candNum;
    final double[] candFit;
    final Scorer[] scorers;
    long version;

    Run(WorkloadSet set, double[] targets, Optional<Table> warm, SplittableRandom rng) {
      this.set = set;
      this.targets = targets;
      this.rng = rng;
      this.n = config.rows();
      this.dc = set.schema().dc();
      this.dn = set.schema().dn();
      this.d = dc + dn;
      this.p = config.populationSize();
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
      this.history = new History(n, dc, dn);
      this.archive = new Archive(e, dc, dn);
      for (int i = 0; i < e; i++) {
        archive.addFull(fit[i], init[i]);
      }
      this.candRow = new int[p];
      this.candCol = new int[p];
      this.candCat = new int[p * dc];
      this.candNum = new float[p * dn];
      this.candFit = new double[p];
      int threads = parallelWorth(set) ? Math.min(config.threads(), p) : 1;
      this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
      this.scorers = new Scorer[threads];
      for (int t = 0; t < threads; t++) {
        scorers[t] = new Scorer(t * p / threads, (t + 1) * p / threads, new int[Math.max(2, 2 * set.levels())]);
      }
    }

    FitResult go(long start) {
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
        score();
        tell();
        if (gen % traceEvery == 0) {
          trace.add(new double[] {gen, best.fitness()});
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
      return new FitResult("gsd", best.table(), f, gen, converged, secs, ti, tl);
    }

    /** Builds the population from the best dataset and the elite archive. */
    void ask() {
      int muta = p / 2;
      for (int i = 0; i < p; i++) {
        int r = rng.nextInt(n);
        candRow[i] = r;
        best.copyRow(r, candCat, i * dc, candNum, i * dn);
        int j = rng.nextInt(d);
        candCol[i] = j;
        if (i < muta) {
          if (j < dc) {
            candCat[i * dc + j] = rng.nextInt(sizes[j]);
          } else {
            candNum[i * dn + j - dc] = (float) rng.nextDouble();
          }
        } else {
          int e = rng.nextInt(archive.size());
          int s = rng.nextInt(n);
          if (j < dc) {
            candCat[i * dc + j] = archive.cat(e, s, j, this);
          } else {
            double v = archive.num(e, s, j - dc, this) + config.crossoverNoise() * rng.nextGaussian();
            candNum[i * dn + j - dc] = (float) Math.min(1.0, Math.max(0.0, v));
          }
        }
      }
    }

    void score() {
      if (pool == null) {
        scorers[0].run();
        return;
      }
      Future<?>[] fs = new Future<?>[scorers.length - 1];
      for (int t = 0; t < fs.length; t++) {
        fs[t] = pool.submit(scorers[t + 1]);
      }
      scorers[0].run();
      try {
        for (Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while scoring candidates", ex);
      } catch (ExecutionException ex) {
        throw new IllegalStateException("scoring candidates failed: " + ex.getCause(), ex.getCause());
      }
    }

    void tell() {
      archive.offer(candFit, candRow, candCat, candNum, version);
      int b = 0;
      for (int i = 1; i < p; i++) {
        if (candFit[i] < candFit[b]) {
          b = i;
        }
      }
      if (candFit[b] < best.fitness()) {
        int r = candRow[b];
        history.record(r, best, version + 1);
        best.replaceRow(r, candCat, b * dc, candNum, b * dn, scorers[0].scratch);
        version++;
      }
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }

    /** Scores a contiguous block of candidates. */
    final class Scorer implements Runnable {
      final int from;
      final int to;
      final int[] scratch;

      Scorer(int from, int to, int[] scratch) {
        this.from = from;
        this.to = to;
        this.scratch = scratch;
      }

      @Override
      public void run() {
        double f = best.fitness();
        for (int i = from; i < to; i++) {
          candFit[i] = f + best.deltaFitness(candRow[i], candCol[i], candCat, i * dc, candNum, i * dn, scratch);
        }
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

  private boolean parallelWorth(WorkloadSet set) {
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

  /**
   * The best dataset's past rows: for every accepted replacement, the row index, the version it
   * created, and the row's previous values, chained per row so that "row s at version v" is a
   * short walk back from the row's latest change.
   */
  static final class History {
    private final int dc;
    private final int dn;
    private final int[] last;
    private int size;
    private int[] prev = new int[1024];
    private long[] versions = new long[1024];
    private int[] oldCat;
    private float[] oldNum;

    History(int n, int dc, int dn) {
      this.dc = dc;
      this.dn = dn;
      this.last = new int[n];
      Arrays.fill(last, -1);
      this.oldCat = new int[1024 * dc];
      this.oldNum = new float[1024 * dn];
    }

    /** Records that row {@code r} of {@code best} is about to change, creating {@code newVersion}. */
    void record(int r, IncrementalAnswers best, long newVersion) {
      if (size == prev.length) {
        int cap = size * 2;
        prev = Arrays.copyOf(prev, cap);
        versions = Arrays.copyOf(versions, cap);
        oldCat = Arrays.copyOf(oldCat, cap * dc);
        oldNum = Arrays.copyOf(oldNum, cap * dn);
      }
      best.copyRow(r, oldCat, size * dc, oldNum, size * dn);
      versions[size] = newVersion;
      prev[size] = last[r];
      last[r] = size;
      size++;
    }

    /** Old categorical value {@code j} of log entry {@code k} (tests). */
    int oldCatForTest(int k, int j) {
      return oldCat[k * dc + j];
    }

    /** The log entry holding row {@code s} as it was at {@code version}, or -1 if unchanged since. */
    int find(long version, int s) {
      int found = -1;
      for (int k = last[s]; k >= 0 && versions[k] > version; k = prev[k]) {
        found = k;
      }
      return found;
    }
  }

  /** The elite archive: the E fittest datasets seen, each a full table or a one-row edit of a past best. */
  static final class Archive {
    private final int capacity;
    private final int dc;
    private final int dn;
    private final List<Entry> entries = new ArrayList<>();

    record Entry(double fitness, Table full, long version, int row, int[] cat, float[] num) {}

    Archive(int capacity, int dc, int dn) {
      this.capacity = capacity;
      this.dc = dc;
      this.dn = dn;
    }

    int size() {
      return entries.size();
    }

    void addFull(double fitness, Table t) {
      entries.add(new Entry(fitness, t, -1, -1, null, null));
      entries.sort((a, b) -> Double.compare(a.fitness(), b.fitness()));
      while (entries.size() > capacity) {
        entries.remove(entries.size() - 1);
      }
    }

    /** Keeps the fittest of the archive and the candidates (archive first on ties). */
    void offer(double[] fit, int[] rows, int[] cat, float[] num, long version) {
      double worst = entries.size() < capacity ? Double.POSITIVE_INFINITY : entries.get(entries.size() - 1).fitness();
      for (int i = 0; i < fit.length; i++) {
        if (fit[i] < worst) {
          Entry e = new Entry(fit[i], null, version, rows[i],
              Arrays.copyOfRange(cat, i * dc, (i + 1) * dc), Arrays.copyOfRange(num, i * dn, (i + 1) * dn));
          int pos = entries.size();
          while (pos > 0 && entries.get(pos - 1).fitness() > fit[i]) {
            pos--;
          }
          entries.add(pos, e);
          if (entries.size() > capacity) {
            entries.remove(entries.size() - 1);
          }
          worst = entries.size() < capacity ? Double.POSITIVE_INFINITY : entries.get(entries.size() - 1).fitness();
        }
      }
    }

    int cat(int e, int s, int j, Run run) {
      Entry en = entries.get(e);
      if (en.full() != null) {
        return en.full().cat(s, j);
      }
      if (s == en.row()) {
        return en.cat()[j];
      }
      int k = run.history.find(en.version(), s);
      return k < 0 ? run.best.cat(s, j) : run.history.oldCat[k * dc + j];
    }

    float num(int e, int s, int j, Run run) {
      Entry en = entries.get(e);
      if (en.full() != null) {
        return en.full().num(s, j);
      }
      if (s == en.row()) {
        return en.num()[j];
      }
      int k = run.history.find(en.version(), s);
      return k < 0 ? run.best.num(s, j) : run.history.oldNum[k * dn + j];
    }
  }
}
