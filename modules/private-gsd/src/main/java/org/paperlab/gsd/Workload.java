package org.paperlab.gsd;

/**
 * A group of statistical queries answered exactly (each query is 0/1 per row; its answer is the
 * fraction of rows where it is 1), measured together by one Gaussian mechanism call.
 *
 * <p>Every workload is a union of {@link #levels()} <em>partitions</em>: within one level a row
 * satisfies at most one query. So a row's contribution to the whole workload is described by one
 * query index per level ({@link #hits}), which is what makes Private-GSD's incremental scoring
 * cost {@code O(levels)} per changed row (Liu, Tang, Vietri and Wu 2023, Section 4: "the
 * statistics of a neighbouring dataset differ only in the rows that changed"). It also fixes the
 * L2 sensitivity under replace-one-row neighbours: replacing a row moves at most two answers per
 * level, each by {@code 1/n}, so {@code Delta_2 = sqrt(2 * levels) / n} (the same constant as the
 * official code's {@code workload_sensitivity = sqrt(2 * levels)}).
 */
public sealed interface Workload permits MarginalWorkload, RangeWorkload, PrefixWorkload, HalfspaceWorkload {
  /** The family it belongs to: {@code 1way, 2way, 3way, range, prefix, halfspace}. */
  String family();

  /** A short human-readable name, e.g. {@code workclass x sex}. */
  String name();

  /** Number of queries. */
  int size();

  /** Number of partitions (a row satisfies at most one query in each). */
  int levels();

  /**
   * Writes, for each level {@code l}, the index (in {@code 0..size()-1}) of the query the row
   * satisfies in that level, or -1, to {@code out[outOff + l]}. The row is
   * {@code cat[catOff .. catOff+dc)} and {@code num[numOff .. numOff+dn)}.
   */
  void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff);

  /** The categorical columns (indices among categorical columns) the queries read. */
  int[] catColumnsRead();

  /** The numeric columns (indices among numeric columns) the queries read. */
  int[] numColumnsRead();

  /** A description of query {@code q} (for reports). */
  String describe(int q);

  /** L2 sensitivity of the answer vector under replace-one-row neighbours of {@code n} rows. */
  default double l2Sensitivity(int n) {
    return Math.sqrt(2.0 * levels()) / n;
  }
}
