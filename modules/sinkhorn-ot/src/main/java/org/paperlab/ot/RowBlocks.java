package org.paperlab.ot;

import java.util.Arrays;
import org.paperlab.core.Parallel;

/**
 * The row blocks every sweep of a solve runs over, each with its own scratch ({@link Block}): the
 * blocks of core's {@link Parallel} ({@code [n b / t, n (b+1) / t)} for block {@code b} of
 * {@code t = min(threads, n)}), and the reductions over them in block order, so that every result
 * is deterministic for a given (resolved) thread count.
 */
final class RowBlocks {
  /** A loop body over rows {@code [lo, hi)} with the scratch of their block. */
  @FunctionalInterface
  interface Body {
    void run(Block w, int lo, int hi);
  }

  /** One row's term of {@link #sumRows}, computed with the scratch of its row block. */
  @FunctionalInterface
  interface RowTerm {
    double of(int i, Block w);
  }

  private final int threads;
  private final int n;
  private final int m;
  private final Block[] blocks;

  RowBlocks(int threads, int n, int m, Storage storage) {
    this.threads = threads;
    this.n = n;
    this.m = m;
    blocks = new Block[Parallel.blockCount(threads, n)];
    for (int q = 0; q < blocks.length; q++) {
      blocks[q] = new Block(m, storage.newRow());
    }
  }

  /** Number of blocks. */
  int count() {
    return blocks.length;
  }

  /** Block {@code q}'s scratch. */
  Block block(int q) {
    return blocks[q];
  }

  /** Runs {@code body} on every block ({@link Parallel#blocks}). */
  void run(Body body) {
    Parallel.blocks(threads, n, (blk, lo, hi) -> body.run(blocks[blk], lo, hi));
  }

  /** {@code sum_i term(i)} over all rows: row blocks in parallel, their sums added in block order. */
  double sumRows(RowTerm term) {
    double[] part = new double[blocks.length];
    Parallel.blocks(threads, n, (blk, lo, hi) -> {
      Block w = blocks[blk];
      double s = 0;
      for (int i = lo; i < hi; i++) {
        s += term.of(i, w);
      }
      part[blk] = s;
    });
    double s = 0;
    for (double p : part) {
      s += p;
    }
    return s;
  }

  /** {@code t = sum_q t_q} of the blocks' column accumulators, added in block order. */
  void sumColumns(double[] t) {
    System.arraycopy(blocks[0].t, 0, t, 0, m);
    for (int q = 1; q < blocks.length; q++) {
      double[] p = blocks[q].t;
      for (int j = 0; j < m; j++) {
        t[j] += p[j];
      }
    }
  }

  /**
   * One block's scratch: a column accumulator {@code t}, a row buffer {@code e}, a cost-row
   * cursor, four-row buffers, and what a sweep measures over the block's rows (marginal error
   * sums, the range of the new scalings, the last row that failed).
   */
  static final class Block {
    final double[] t;
    final double[] e;
    final Storage.CostRow row;
    final double[] s4 = new double[4];
    final double[] a4 = new double[4];
    private double l1;
    private double l2;
    private double maxAbs;
    private double qlo;
    private double qhi;
    private int bad = -1;

    Block(int m, Storage.CostRow row) {
      t = new double[m];
      e = new double[m];
      this.row = row;
    }

    /** Clears the column accumulator and the measurements before a sweep. */
    void startSweep() {
      Arrays.fill(t, 0.0);
      l1 = 0;
      l2 = 0;
      maxAbs = 0;
      qlo = 1;
      qhi = 1;
      bad = -1;
    }

    /** Adds a marginal residual {@code d} to the error sums. */
    void addError(double d) {
      l1 += Math.abs(d);
      l2 += d * d;
    }

    /** Row {@code i}'s sum or scaling was 0 or not finite. */
    void markBad(int i) {
      bad = i;
    }

    /** A new scaling ratio {@code u_i / a_i = q} (the fast path keeps no logs). */
    void noteRatio(double q) {
      qlo = Math.min(qlo, q);
      qhi = Math.max(qhi, q);
    }

    /** A new log-scaling {@code lu_i = ln}. */
    void noteLogScaling(double ln) {
      maxAbs = Math.max(maxAbs, Math.abs(ln));
    }

    /** The sum of {@code |residual|} over the block's rows. */
    double l1() {
      return l1;
    }

    /** The sum of squared residuals over the block's rows. */
    double l2() {
      return l2;
    }

    /** The last row of the block whose sum or scaling failed, or -1. */
    int bad() {
      return bad;
    }

    /** {@code max |log(u_i / a_i)|} over the block's new scalings. */
    double maxAbsLogScaling() {
      return Math.max(maxAbs, Math.max(-Math.log(qlo), Math.log(qhi)));
    }
  }
}
