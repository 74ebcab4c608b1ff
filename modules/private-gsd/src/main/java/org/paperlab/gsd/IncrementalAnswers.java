package org.paperlab.gsd;

import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * The state Private-GSD keeps for its current best synthetic dataset: the rows, the exact
 * integer count of every query, the residuals {@code e_q = c_q / N - y_q} against the target
 * (noisy measured) answers {@code y}, the fitness {@code sum_q e_q^2}, and for every row the
 * query it hits in every level.
 *
 * <p>This is the efficiency trick of Liu, Tang, Vietri and Wu (2023), Section 4 ("the
 * statistics of a candidate are the statistics of the parent minus the removed row's
 * contribution plus the added row's"): a candidate that replaces one row changes at most two
 * counts per level, so its fitness is
 *
 * <pre>
 *   F' = F + sum over levels with old cell a != new cell b of
 *        (1/N)(1/N - 2 e_a)  +  (1/N)(1/N + 2 e_b)
 * </pre>
 *
 * computed in {@code O(levels)} time whatever {@code N} is ({@link #deltaFitness}); cells of
 * different levels are distinct queries, so the terms never overlap. {@link #replaceRow} applies
 * the change to the counts exactly (integers), so after any number of replacements the counts
 * equal a recount of the rows ({@link WorkloadSet#counts}).
 *
 * <p>The query hit by every row in every level is cached while {@code N x levels} is at most
 * {@link #HIT_CACHE_LIMIT} entries; above that the removed row's hits are recomputed from the row
 * (a few arithmetic operations per level) instead of read from an array too large for the CPU
 * caches, so the cost per candidate stays flat in {@code N} (GsdScoringBench).
 *
 * <p>Not thread-safe for writes; {@link #deltaFitness} only reads and may run concurrently. The
 * {@code scratch} arrays must hold {@code 2 * levels()} ints (one per calling thread).
 */
public final class IncrementalAnswers {
  private final WorkloadSet set;
  private final int n;
  private final int dc;
  private final int dn;
  private final int levels;
  private final int[] cat;
  private final float[] num;
  private final int[] counts;
  private final double[] targets;
  private final double[] err;
  private final int[] rowHits;
  private final double inv;
  private final boolean cached;
  private double fitness;

  /**
   * Largest {@code N x levels} for which the per-row hits are cached (8 MB of ints): measured
   * with GsdScoringBench on Adult's marginals (193 levels), caching scores 100 fresh candidates in
   * 29-32 us up to N = 8,000 but 61-68 us at N = 16,000-32,000, where recomputing takes 39-42 us.
   */
  public static final long HIT_CACHE_LIMIT = 1L << 21;

  /** Counts {@code start} (copied) against {@code targets}, one per query of {@code set}. */
  public IncrementalAnswers(WorkloadSet set, double[] targets, Table start) {
    this(set, targets, start, HIT_CACHE_LIMIT);
  }

  /**
   * As above, caching the per-row hits only while {@code N x levels <= hitCacheLimit} (0: never,
   * {@code Long.MAX_VALUE}: always).
   */
  public IncrementalAnswers(WorkloadSet set, double[] targets, Table start, long hitCacheLimit) {
    Checks.notNull("set", set);
    Checks.notNull("targets", targets);
    Checks.sameSize("targets length", targets.length, "number of queries", set.size());
    Checks.allFinite("targets", targets);
    set.checkTable(start);
    this.set = set;
    this.n = start.n();
    this.dc = set.schema().dc();
    this.dn = set.schema().dn();
    this.levels = set.levels();
    this.cat = start.catCodes();
    this.num = start.numValues();
    this.targets = targets.clone();
    this.counts = new int[set.size()];
    this.err = new double[set.size()];
    this.cached = (long) n * levels <= hitCacheLimit;
    this.rowHits = new int[cached ? n * Math.max(1, levels) : levels];
    this.inv = 1.0 / n;
    for (int r = 0; r < n; r++) {
      int base = cached ? r * levels : 0;
      set.hits(cat, r * dc, num, r * dn, rowHits, base);
      for (int l = 0; l < levels; l++) {
        int q = rowHits[base + l];
        if (q >= 0) {
          counts[q]++;
        }
      }
    }
    recomputeFitness();
  }

  /** Number of rows. */
  public int rows() {
    return n;
  }

  /** Number of levels (query indices per row). */
  public int levels() {
    return levels;
  }

  public WorkloadSet workloads() {
    return set;
  }

  /** The current fitness {@code sum_q (c_q/N - y_q)^2}, maintained incrementally. */
  public double fitness() {
    return fitness;
  }

  /** Recomputes residuals and fitness from the exact counts (removes accumulated rounding). */
  public double recomputeFitness() {
    double f = 0;
    for (int q = 0; q < counts.length; q++) {
      err[q] = counts[q] * inv - targets[q];
      f += err[q] * err[q];
    }
    fitness = f;
    return f;
  }

  /**
   * The change of fitness if row {@code row} were replaced by the given values; {@code scratch}
   * must hold at least {@code 2 * levels()} ints (one per calling thread).
   */
  public double deltaFitness(int row, int[] newCat, int catOff, float[] newNum, int numOff, int[] scratch) {
    set.hits(newCat, catOff, newNum, numOff, scratch, 0);
    int[] old = rowHits;
    int base = row * levels;
    if (!cached) {
      set.hits(cat, row * dc, num, row * dn, scratch, levels);
      old = scratch;
      base = levels;
    }
    return addDelta(0, old, base, scratch, 0, levels);
  }

  /**
   * As {@link #deltaFitness}, for a new row that differs from row {@code row} only in column
   * {@code column} (categorical columns {@code 0..dc-1}, numeric {@code dc..}): only the
   * workloads reading that column are evaluated ({@link WorkloadSet#workloadsReading}).
   *
   * @throws IllegalArgumentException when {@code row} or {@code column} is out of range
   */
  public double deltaFitness(int row, int column, int[] newCat, int catOff, float[] newNum, int numOff, int[] scratch) {
    if (row < 0 || row >= n) {
      throw new InvalidArgumentException("row", " = " + row + " must be in [0, " + n + ")");
    }
    if (column < 0 || column >= dc + dn) {
      throw new InvalidArgumentException("column", " = " + column + " must be in [0, " + (dc + dn) + ")");
    }
    int[] ws = set.workloadsReadingShared(column);
    int[] old = rowHits;
    int base = row * levels;
    if (!cached) {
      old = scratch;
      base = levels;
    }
    double d = 0;
    for (int w : ws) {
      set.hits(w, newCat, catOff, newNum, numOff, scratch, 0);
      if (!cached) {
        set.hits(w, cat, row * dc, num, row * dn, scratch, levels);
      }
      int lo = set.levelOffset(w);
      d = addDelta(d, old, base, scratch, lo, lo + set.get(w).levels());
    }
    return d;
  }

  /**
   * Adds to {@code d}, term by term in level order, the change of fitness from levels
   * {@code lo..hi-1} when a row's hits move from {@code old[base + l]} to {@code hits[l]}: a row
   * leaving query {@code a} changes its squared residual by {@code inv (inv - 2 err_a)}, one
   * arriving at {@code b} by {@code inv (inv + 2 err_b)}.
   */
  private double addDelta(double d, int[] old, int base, int[] hits, int lo, int hi) {
    for (int l = lo; l < hi; l++) {
      int a = old[base + l];
      int b = hits[l];
      if (a != b) {
        if (a >= 0) {
          d += inv * (inv - 2 * err[a]);
        }
        if (b >= 0) {
          d += inv * (inv + 2 * err[b]);
        }
      }
    }
    return d;
  }

  /**
   * Replaces row {@code row} with the given values, updating counts, residuals, hits and fitness
   * in {@code O(levels)}.
   */
  public void replaceRow(int row, int[] newCat, int catOff, float[] newNum, int numOff, int[] scratch) {
    double d = deltaFitness(row, newCat, catOff, newNum, numOff, scratch);
    int[] old = cached ? rowHits : scratch;
    int base = cached ? row * levels : levels;
    for (int l = 0; l < levels; l++) {
      int a = old[base + l];
      int b = scratch[l];
      if (a != b) {
        if (a >= 0) {
          counts[a]--;
          err[a] -= inv;
        }
        if (b >= 0) {
          counts[b]++;
          err[b] += inv;
        }
        if (cached) {
          rowHits[base + l] = b;
        }
      }
    }
    System.arraycopy(newCat, catOff, cat, row * dc, dc);
    System.arraycopy(newNum, numOff, num, row * dn, dn);
    fitness += d;
  }

  /** A copy of the exact counts. */
  public int[] counts() {
    return counts.clone();
  }

  /** A copy of the rows as a table. */
  public Table table() {
    return Table.wrap(set.schema(), n, cat.clone(), num.clone());
  }

  /** Categorical code of column {@code j} in {@code row}. */
  public int cat(int row, int j) {
    return cat[row * dc + j];
  }

  /** Numeric value of column {@code j} in {@code row}. */
  public float num(int row, int j) {
    return num[row * dn + j];
  }

  /** Copies row {@code row} into the given arrays. */
  public void copyRow(int row, int[] toCat, int catOff, float[] toNum, int numOff) {
    System.arraycopy(cat, row * dc, toCat, catOff, dc);
    System.arraycopy(num, row * dn, toNum, numOff, dn);
  }
}
