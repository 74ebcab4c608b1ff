package org.paperlab.gsd;

import java.util.Arrays;
import java.util.Locale;
import org.paperlab.core.Checks;

/**
 * Halfspace queries: {@code q_v(x) = 1[x_c = v AND <w, x_num> > b]} for every value {@code v} of
 * categorical column {@code c} (or the single query {@code 1[<w, x_num> > b]} without one), over
 * all numeric columns in scaled units (Liu et al. 2023, Section 6, "halfspace queries"). One
 * level. {@link Workloads} draws {@code w ~ N(0, I/dn)} as the official code does and puts the
 * hyperplane through a uniform random point of the unit cube, so no query is empty by
 * construction (the official code draws {@code b ~ N(0, 1)}).
 */
public final class HalfspaceWorkload implements Workload {
  private final CategorySplit split;
  private final double[] w;
  private final double b;

  /** Halfspace queries on categorical column {@code catCol} (-1 for none) with normal {@code w} and offset {@code b}. */
  public HalfspaceWorkload(Schema schema, int catCol, double[] w, double b) {
    Checks.notNull("schema", schema);
    this.split = CategorySplit.of(schema, catCol);
    Checks.notNull("w", w);
    Checks.sameSize("length of w", w.length, "number of numeric columns", schema.dn());
    Checks.require(w.length > 0, "halfspace queries need at least one numeric column");
    Checks.allFinite("w", w);
    Checks.finite("b", b);
    this.w = w.clone();
    this.b = b;
  }

  public int catColumn() {
    return split.index();
  }

  public int catSize() {
    return split.size();
  }

  /** The normal vector (over the numeric columns, scaled units). */
  public double[] normal() {
    return w.clone();
  }

  public double offset() {
    return b;
  }

  /** {@code <w, x> - b} for the row's numeric values. */
  public double margin(float[] num, int numOff) {
    double s = -b;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * num[numOff + i];
    }
    return s;
  }

  @Override
  public int[] catColumnsRead() {
    return split.columnsRead();
  }

  @Override
  public int[] numColumnsRead() {
    int[] all = new int[w.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  @Override
  public String family() {
    return "halfspace";
  }

  @Override
  public String name() {
    return split.namePrefix() + "halfspace";
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
    out[outOff] = margin(num, numOff) > 0 ? split.category(cat, catOff) : -1;
  }

  @Override
  public String describe(int q) {
    Checks.inRange("q", q, 0, split.size() - 1);
    return split.describePrefix(q) + String.format(Locale.ROOT, "<%s, x> > %.4f (scaled)", Arrays.toString(w), b);
  }
}
