package org.paperlab.gsd;

import java.util.List;
import org.paperlab.core.Checks;

/**
 * How {@link Workloads} builds each query family.
 *
 * @param maxCells marginals (2way, 3way) with more cells than this are left out, like the
 *     official code's {@code max_workload_size}
 * @param rangeResolutions bin counts for range marginals with one numeric column (and the
 *     numeric 1-way histograms)
 * @param rangeResolutions2 bin counts (per axis) for range marginals with two numeric columns;
 *     empty to leave them out
 * @param prefixesPerColumn random (numeric column, threshold) pairs per categorical column
 * @param halfspacesPerColumn random halfspaces per categorical column
 * @param seed seed of the random thresholds and halfspaces (fixed, so that a synthesizer and an
 *     evaluator build the same queries; it depends on no data)
 */
public record QueryOptions(
    int maxCells,
    List<Integer> rangeResolutions,
    List<Integer> rangeResolutions2,
    int prefixesPerColumn,
    int halfspacesPerColumn,
    long seed) {
  public QueryOptions {
    Checks.positive("maxCells", maxCells);
    Checks.notNull("rangeResolutions", rangeResolutions);
    Checks.notNull("rangeResolutions2", rangeResolutions2);
    rangeResolutions = List.copyOf(rangeResolutions);
    rangeResolutions2 = List.copyOf(rangeResolutions2);
    Checks.require(!rangeResolutions.isEmpty(), "rangeResolutions must not be empty");
    for (int r : rangeResolutions) {
      Checks.inRange("range resolution", r, 1, 4096);
    }
    for (int r : rangeResolutions2) {
      Checks.inRange("two-column range resolution", r, 1, 256);
    }
    Checks.positive("prefixesPerColumn", prefixesPerColumn);
    Checks.positive("halfspacesPerColumn", halfspacesPerColumn);
  }

  /**
   * Marginals up to 100,000 cells; ranges at resolutions 2, 4, ..., 64 (one numeric column) and
   * 2, 4, 8, 16 (two numeric columns); 64 prefixes and 64 halfspaces per categorical column;
   * query seed 0.
   */
  public static QueryOptions defaults() {
    return new QueryOptions(100_000, List.of(2, 4, 8, 16, 32, 64), List.of(2, 4, 8, 16), 64, 64, 0L);
  }

  public QueryOptions withMaxCells(int v) {
    return new QueryOptions(v, rangeResolutions, rangeResolutions2, prefixesPerColumn, halfspacesPerColumn, seed);
  }

  public QueryOptions withRangeResolutions(List<Integer> v) {
    return new QueryOptions(maxCells, v, rangeResolutions2, prefixesPerColumn, halfspacesPerColumn, seed);
  }

  public QueryOptions withRangeResolutions2(List<Integer> v) {
    return new QueryOptions(maxCells, rangeResolutions, v, prefixesPerColumn, halfspacesPerColumn, seed);
  }

  public QueryOptions withPrefixesPerColumn(int v) {
    return new QueryOptions(maxCells, rangeResolutions, rangeResolutions2, v, halfspacesPerColumn, seed);
  }

  public QueryOptions withHalfspacesPerColumn(int v) {
    return new QueryOptions(maxCells, rangeResolutions, rangeResolutions2, prefixesPerColumn, v, seed);
  }

  public QueryOptions withSeed(long v) {
    return new QueryOptions(maxCells, rangeResolutions, rangeResolutions2, prefixesPerColumn, halfspacesPerColumn, v);
  }
}
