package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * Prefix (threshold) queries: {@code q_v(x) = 1[x_c = v AND x_j < t]} for every value {@code v}
 * of categorical column {@code c} (or the single query {@code 1[x_j < t]} without one), with
 * threshold {@code t} in scaled units (Liu et al. 2023, Section 6, "prefix queries"; the official
 * code's {@code Prefix} module draws {@code t} uniformly in {@code [0, 1]}). One level.
 */
public final class PrefixWorkload implements Workload {
  private final CategorySplit split;
  private final int numCol;
  private final Column numColumn;
  private final float threshold;

  /** Prefix queries on categorical column {@code catCol} (-1 for none) and numeric column {@code numCol}. */
  public PrefixWorkload(Schema schema, int catCol, int numCol, float threshold) {
    Checks.notNull("schema", schema);
    this.split = CategorySplit.of(schema, catCol);
    Checks.require(numCol >= 0 && numCol < schema.dn(), "numeric column index %d out of range [0, %d)", numCol, schema.dn());
    Checks.inClosed("threshold", threshold, 0, 1);
    this.numCol = numCol;
    this.numColumn = schema.numeric(numCol);
    this.threshold = threshold;
  }

  public int catColumn() {
    return split.index();
  }

  public int catSize() {
    return split.size();
  }

  public int numColumn() {
    return numCol;
  }

  /** Threshold in scaled units. */
  public float threshold() {
    return threshold;
  }

  @Override
  public int[] catColumnsRead() {
    return split.columnsRead();
  }

  @Override
  public int[] numColumnsRead() {
    return new int[] {numCol};
  }

  @Override
  public String family() {
    return "prefix";
  }

  @Override
  public String name() {
    return split.namePrefix() + numColumn.name() + " < " + threshold;
  }

  @Override
  public int size() {
    return split.size();
  }

  @Override
  public int levels() {
    return 1;
  }

  @Override
  public void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    out[outOff] = num[numOff + numCol] < threshold ? split.category(cat, catOff) : -1;
  }

  @Override
  public String describe(int q) {
    Checks.inRange("q", q, 0, split.size() - 1);
    double t = numColumn.min() + (numColumn.max() - numColumn.min()) * threshold;
    return split.describePrefix(q) + numColumn.name() + " < " + RangeWorkload.number(t);
  }
}
