package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * Prefix (threshold) queries: {@code q_v(x) = 1[x_c = v AND x_j < t]} for every value {@code v}
 * of categorical column {@code c} (or the single query {@code 1[x_j < t]} without one), with
 * threshold {@code t} in scaled units (Liu et al. 2023, Section 6, "prefix queries"; the official
 * code's {@code Prefix} module draws {@code t} uniformly in {@code [0, 1]}). One level.
 */
public final class PrefixWorkload implements Workload {
  private final int catCol;
  private final Column catColumn;
  private final int catSize;
  private final int numCol;
  private final Column numColumn;
  private final float threshold;

  /** Prefix queries on categorical column {@code catCol} (-1 for none) and numeric column {@code numCol}. */
  public PrefixWorkload(Schema schema, int catCol, int numCol, float threshold) {
    Checks.notNull("schema", schema);
    Checks.require(catCol >= -1 && catCol < schema.dc(), "categorical column index %d out of range [-1, %d)", catCol, schema.dc());
    Checks.require(numCol >= 0 && numCol < schema.dn(), "numeric column index %d out of range [0, %d)", numCol, schema.dn());
    Checks.inClosed("threshold", threshold, 0, 1);
    this.catCol = catCol;
    this.catColumn = catCol >= 0 ? schema.categorical(catCol) : null;
    this.catSize = catCol >= 0 ? catColumn.size() : 1;
    this.numCol = numCol;
    this.numColumn = schema.numeric(numCol);
    this.threshold = threshold;
  }

  public int catColumn() {
    return catCol;
  }

  public int catSize() {
    return catSize;
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
    return catCol >= 0 ? new int[] {catCol} : new int[0];
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
    return (catColumn != null ? catColumn.name() + " x " : "") + numColumn.name() + " < " + threshold;
  }

  @Override
  public int size() {
    return catSize;
  }

  @Override
  public int levels() {
    return 1;
  }

  @Override
  public void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    out[outOff] = num[numOff + numCol] < threshold ? (catCol >= 0 ? cat[catOff + catCol] : 0) : -1;
  }

  @Override
  public String describe(int q) {
    Checks.inRange("q", q, 0, catSize - 1);
    double t = numColumn.min() + (numColumn.max() - numColumn.min()) * threshold;
    return (catColumn != null ? catColumn.name() + "=" + catColumn.categories().get(q) + " AND " : "")
        + numColumn.name() + " < " + RangeWorkload.number(t);
  }
}
