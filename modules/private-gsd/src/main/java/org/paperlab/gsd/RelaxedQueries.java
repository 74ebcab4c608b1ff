package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.List;

/**
 * The relaxed form of a workload set for {@link RelaxedProjection}: every workload as query
 * blocks of at most three factors ({@link QueryBlock}, {@link RelaxedFactor}), in workload
 * order, and the soft-bin tables they share ({@link SoftBins}).
 *
 * <ul>
 *   <li>a k-way marginal is one block of k {@link RelaxedFactor.Category} factors;
 *   <li>a range workload is one block per resolution: the optional categorical column, then a
 *       {@link RelaxedFactor.SoftBin} per numeric column;
 *   <li>a prefix workload is the optional categorical column and a {@link RelaxedFactor.Prefix};
 *   <li>a halfspace workload is the optional categorical column and a
 *       {@link RelaxedFactor.Halfspace}.
 * </ul>
 *
 * @param blocks the blocks, in workload (and resolution) order
 * @param bins the soft-bin tables the {@link RelaxedFactor.SoftBin} factors read
 */
record RelaxedQueries(List<QueryBlock> blocks, SoftBins bins) {
  /** The relaxed queries of {@code set} for {@code n} relaxed rows. */
  static RelaxedQueries of(WorkloadSet set, int n) {
    int[] catSize = set.schema().catSizes();
    SoftBins.Registry registry = new SoftBins.Registry();
    List<QueryBlock> blocks = new ArrayList<>();
    for (int wi = 0; wi < set.count(); wi++) {
      Workload w = set.get(wi);
      int off = set.offset(wi);
      if (w instanceof MarginalWorkload m) {
        int[] cols = m.columns();
        RelaxedFactor[] f = new RelaxedFactor[cols.length];
        for (int i = 0; i < cols.length; i++) {
          f[i] = new RelaxedFactor.Category(cols[i], catSize[cols[i]]);
        }
        blocks.add(QueryBlock.of(f, off, n));
      } else if (w instanceof RangeWorkload rw) {
        int[] res = rw.resolutions();
        int[] nc = rw.numColumns();
        for (int l = 0; l < res.length; l++) {
          List<RelaxedFactor> f = new ArrayList<>();
          if (rw.catColumn() >= 0) {
            f.add(new RelaxedFactor.Category(rw.catColumn(), rw.catSize()));
          }
          for (int c : nc) {
            f.add(new RelaxedFactor.SoftBin(c, res[l], registry.table(c, res[l])));
          }
          blocks.add(QueryBlock.of(f.toArray(new RelaxedFactor[0]), off + rw.levelOffset(l), n));
        }
      } else if (w instanceof PrefixWorkload pw) {
        List<RelaxedFactor> f = new ArrayList<>();
        if (pw.catColumn() >= 0) {
          f.add(new RelaxedFactor.Category(pw.catColumn(), pw.catSize()));
        }
        f.add(new RelaxedFactor.Prefix(pw.numColumn(), pw.threshold()));
        blocks.add(QueryBlock.of(f.toArray(new RelaxedFactor[0]), off, n));
      } else if (w instanceof HalfspaceWorkload hw) {
        List<RelaxedFactor> f = new ArrayList<>();
        if (hw.catColumn() >= 0) {
          f.add(new RelaxedFactor.Category(hw.catColumn(), hw.catSize()));
        }
        f.add(new RelaxedFactor.Halfspace(hw.normal(), hw.offset()));
        blocks.add(QueryBlock.of(f.toArray(new RelaxedFactor[0]), off, n));
      }
    }
    return new RelaxedQueries(List.copyOf(blocks), registry.allocate(n));
  }

  /** The largest block's number of cells (at least 1). */
  int maxCells() {
    int m = 1;
    for (QueryBlock b : blocks) {
      m = Math.max(m, b.cells());
    }
    return m;
  }

  /** The largest factor size of any block (at least 1). */
  int maxFactorSize() {
    int m = 1;
    for (QueryBlock b : blocks) {
      for (RelaxedFactor f : b.f()) {
        m = Math.max(m, f.size());
      }
    }
    return m;
  }
}
