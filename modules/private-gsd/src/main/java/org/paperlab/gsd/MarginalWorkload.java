package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.List;
import org.paperlab.core.Checks;

/**
 * A k-way marginal over categorical columns: one query per combination of values,
 * {@code q(x) = 1[x_{c1} = v1 AND ... AND x_{ck} = vk]} (Liu et al. 2023, Section 2, "k-way
 * marginal queries"). One level: every row satisfies exactly one query.
 */
public final class MarginalWorkload implements Workload {
  private final String family;
  private final int[] cols;
  private final int[] strides;
  private final int size;
  private final List<Column> columns;

  /** The marginal over categorical columns {@code cols} (indices among categorical columns). */
  public MarginalWorkload(Schema schema, int... cols) {
    Checks.notNull("schema", schema);
    Checks.require(cols.length >= 1, "a marginal needs at least one column");
    this.cols = cols.clone();
    this.strides = new int[cols.length];
    this.columns = new ArrayList<>();
    long s = 1;
    for (int i = cols.length - 1; i >= 0; i--) {
      Checks.require(cols[i] >= 0 && cols[i] < schema.dc(), "categorical column index %d out of range [0, %d)", cols[i], schema.dc());
      strides[i] = (int) s;
      s *= schema.categorical(cols[i]).size();
      Checks.require(s <= Integer.MAX_VALUE, "marginal over %d columns has too many cells", cols.length);
    }
    for (int c : cols) {
      columns.add(schema.categorical(c));
    }
    this.size = (int) s;
    this.family = cols.length + "way";
  }

  /** The categorical column indices. */
  public int[] columns() {
    return cols.clone();
  }

  /** Category count of each column, in order. */
  public int[] sizes() {
    int[] s = new int[cols.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = columns.get(i).size();
    }
    return s;
  }

  @Override
  public int[] catColumnsRead() {
    return cols.clone();
  }

  @Override
  public int[] numColumnsRead() {
    return new int[0];
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public String name() {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      sb.append(sb.length() == 0 ? "" : " x ").append(c.name());
    }
    return sb.toString();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int levels() {
    return 1;
  }

  @Override
  public void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    int idx = 0;
    for (int i = 0; i < cols.length; i++) {
      idx += strides[i] * cat[catOff + cols[i]];
    }
    out[outOff] = idx;
  }

  @Override
  public String describe(int q) {
    Checks.inRange("q", q, 0, size - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cols.length; i++) {
      int v = (q / strides[i]) % columns.get(i).size();
      sb.append(i == 0 ? "" : " AND ").append(columns.get(i).name()).append('=').append(columns.get(i).categories().get(v));
    }
    return sb.toString();
  }
}
