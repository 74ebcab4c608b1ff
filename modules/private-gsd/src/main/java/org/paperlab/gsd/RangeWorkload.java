package org.paperlab.gsd;

import java.util.Arrays;
import org.paperlab.core.Checks;

/**
 * Range marginals: an optional categorical column and one or two numeric columns cut into
 * {@code R} equal-width bins of {@code [0, 1]} (scaled units), for every resolution {@code R} in
 * {@link #resolutions()}: {@code q(x) = 1[x_c = v AND x_j in [a/R, (a+1)/R) (AND x_k in
 * [b/R, (b+1)/R))]}, the last bin closed at 1 (Liu et al. 2023, Section 2 and 6, "range
 * queries" on mixed-type data; the official code's binned {@code Marginals} with several
 * {@code levels}). Each resolution is one level (a partition of the rows).
 */
public final class RangeWorkload implements Workload {
  private final String family;
  private final CategorySplit split;
  private final int[] numCols;
  private final Column[] numColumns;
  private final int[] resolutions;
  private final int[] levelOffsets;
  private final int size;

  /**
   * Range marginals over categorical column {@code catCol} (-1 for none) and numeric columns
   * {@code numCols} (1 or 2) at the given resolutions; {@code family} is the family it reports.
   */
  public RangeWorkload(Schema schema, String family, int catCol, int[] numCols, int[] resolutions) {
    Checks.notNull("schema", schema);
    Checks.notNull("family", family);
    Checks.require(numCols.length == 1 || numCols.length == 2, "a range workload needs 1 or 2 numeric columns, got %d", numCols.length);
    Checks.require(resolutions.length >= 1, "a range workload needs at least one resolution");
    this.split = CategorySplit.of(schema, catCol);
    this.family = family;
    this.numCols = numCols.clone();
    this.numColumns = new Column[numCols.length];
    for (int i = 0; i < numCols.length; i++) {
      Checks.require(numCols[i] >= 0 && numCols[i] < schema.dn(), "numeric column index %d out of range [0, %d)", numCols[i], schema.dn());
      numColumns[i] = schema.numeric(numCols[i]);
    }
    Checks.require(numCols.length == 1 || numCols[0] != numCols[1], "the two numeric columns must differ");
    this.resolutions = resolutions.clone();
    this.levelOffsets = new int[resolutions.length];
    long s = 0;
    for (int l = 0; l < resolutions.length; l++) {
      Checks.inRange("resolution", resolutions[l], 1, 1 << 12);
      levelOffsets[l] = (int) s;
      long cells = split.size();
      for (int i = 0; i < numCols.length; i++) {
        cells *= resolutions[l];
      }
      s += cells;
      Checks.require(s <= Integer.MAX_VALUE, "range workload has too many cells");
    }
    this.size = (int) s;
  }

  /** Categorical column index, or -1. */
  public int catColumn() {
    return split.index();
  }

  /** Category count (1 when there is no categorical column). */
  public int catSize() {
    return split.size();
  }

  /** Numeric column indices (1 or 2). */
  public int[] numColumns() {
    return numCols.clone();
  }

  /** Bin counts per level. */
  public int[] resolutions() {
    return resolutions.clone();
  }

  /** First query index of level {@code l}. */
  public int levelOffset(int l) {
    return levelOffsets[l];
  }

  /** Bin of a scaled value at resolution {@code r}: {@code min(r-1, floor(x r))}. */
  public static int bin(float x, int r) {
    int b = (int) (x * r);
    return b >= r ? r - 1 : Math.max(b, 0);
  }

  /** A number with at most 4 significant digits and no trailing zeros. */
  static String number(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  @Override
  public int[] catColumnsRead() {
    return split.columnsRead();
  }

  @Override
  public int[] numColumnsRead() {
    return numCols.clone();
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public String name() {
    StringBuilder sb = new StringBuilder();
    sb.append(split.namePrefix());
    for (int i = 0; i < numColumns.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(numColumns[i].name());
    }
    sb.append(" @ ").append(Arrays.toString(resolutions));
    return sb.toString();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int levels() {
    return resolutions.length;
  }

  @Override
  public void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    int v = split.category(cat, catOff);
    float x0 = num[numOff + numCols[0]];
    if (numCols.length == 1) {
      for (int l = 0; l < resolutions.length; l++) {
        int r = resolutions[l];
        out[outOff + l] = levelOffsets[l] + v * r + bin(x0, r);
      }
    } else {
      float x1 = num[numOff + numCols[1]];
      for (int l = 0; l < resolutions.length; l++) {
        int r = resolutions[l];
        out[outOff + l] = levelOffsets[l] + (v * r + bin(x0, r)) * r + bin(x1, r);
      }
    }
  }

  @Override
  public String describe(int q) {
    Checks.inRange("q", q, 0, size - 1);
    int l = levelOffsets.length - 1;
    while (levelOffsets[l] > q) {
      l--;
    }
    int r = resolutions[l];
    int rest = q - levelOffsets[l];
    int[] bins = new int[numCols.length];
    for (int i = numCols.length - 1; i >= 0; i--) {
      bins[i] = rest % r;
      rest /= r;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(split.describePrefix(rest));
    for (int i = 0; i < numCols.length; i++) {
      Column c = numColumns[i];
      double lo = c.min() + (c.max() - c.min()) * bins[i] / r;
      double hi = c.min() + (c.max() - c.min()) * (bins[i] + 1) / r;
      sb.append(i == 0 ? "" : " AND ")
          .append(c.name()).append(" in [").append(number(lo)).append(", ").append(number(hi))
          .append(bins[i] == r - 1 ? "]" : ")");
    }
    return sb.toString();
  }
}
