package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.paperlab.core.Checks;

/**
 * An ordered collection of workloads over one schema, with every query numbered globally:
 * workload {@code w}'s queries are {@code offset(w) .. offset(w)+size(w)-1}, and its levels are
 * {@code levelOffset(w) .. levelOffset(w)+levels(w)-1} among the {@link #levels()} levels of the
 * set. Counting a table is one pass over its rows, {@code O(n * levels)}.
 */
public final class WorkloadSet {
  private final Schema schema;
  private final List<Workload> workloads;
  private final int[] offsets;
  private final int[] levelOffsets;
  private final int size;
  private final int levels;
  // fast path for marginals: for workload w, its columns and strides are
  // margCols/margStrides[margStart[w] .. margStart[w+1]); margStart[w] == margStart[w+1] means "not a marginal"
  private final int[] margStart;
  private final int[] margCols;
  private final int[] margStrides;
  // byColumn[j]: the workloads that read column j (categorical columns 0..dc-1, then numeric dc..dc+dn-1)
  private final int[][] byColumn;

  public WorkloadSet(Schema schema, List<? extends Workload> workloads) {
    Checks.notNull("schema", schema);
    Checks.notNull("workloads", workloads);
    this.schema = schema;
    this.workloads = List.copyOf(workloads);
    this.offsets = new int[this.workloads.size()];
    this.levelOffsets = new int[this.workloads.size()];
    long s = 0;
    int l = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = (int) s;
      levelOffsets[i] = l;
      s += this.workloads.get(i).size();
      l += this.workloads.get(i).levels();
      Checks.require(s <= Integer.MAX_VALUE, "the workloads hold more than 2^31 queries");
    }
    this.size = (int) s;
    this.levels = l;
    this.margStart = new int[offsets.length + 1];
    int total = 0;
    for (Workload w : this.workloads) {
      if (w instanceof MarginalWorkload m) {
        total += m.columns().length;
      }
    }
    this.margCols = new int[total];
    this.margStrides = new int[total];
    int k = 0;
    for (int i = 0; i < offsets.length; i++) {
      margStart[i] = k;
      if (this.workloads.get(i) instanceof MarginalWorkload m) {
        int[] cols = m.columns();
        int[] sizes = m.sizes();
        int stride = 1;
        for (int c = cols.length - 1; c >= 0; c--) {
          margCols[k + c] = cols[c];
          margStrides[k + c] = stride;
          stride *= sizes[c];
        }
        k += cols.length;
      }
    }
    margStart[offsets.length] = k;
    int dc = schema.dc();
    List<List<Integer>> cols = new ArrayList<>();
    for (int j = 0; j < dc + schema.dn(); j++) {
      cols.add(new ArrayList<>());
    }
    for (int i = 0; i < offsets.length; i++) {
      Workload w = this.workloads.get(i);
      for (int c : w.catColumnsRead()) {
        cols.get(c).add(i);
      }
      for (int c : w.numColumnsRead()) {
        cols.get(dc + c).add(i);
      }
    }
    this.byColumn = new int[cols.size()][];
    for (int j = 0; j < byColumn.length; j++) {
      byColumn[j] = cols.get(j).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  /**
   * The workloads that read column {@code j}: categorical columns are {@code 0..dc-1}, numeric
   * columns {@code dc..dc+dn-1}. A row change confined to column {@code j} can change only
   * their answers.
   */
  public int[] workloadsReading(int j) {
    return byColumn[j].clone();
  }

  int[] workloadsReadingShared(int j) {
    return byColumn[j];
  }

  /**
   * Writes the global query index hit in every level of workload {@code w} for one row into
   * {@code out[outOff + levelOffset(w) ...]}.
   */
  public void hits(int w, int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    int a = margStart[w];
    int b = margStart[w + 1];
    if (a < b) {
      int idx = offsets[w];
      for (int c = a; c < b; c++) {
        idx += margStrides[c] * cat[catOff + margCols[c]];
      }
      out[outOff + levelOffsets[w]] = idx;
      return;
    }
    Workload wl = workloads.get(w);
    int lo = outOff + levelOffsets[w];
    wl.hits(cat, catOff, num, numOff, out, lo);
    int off = offsets[w];
    for (int l = 0, L = wl.levels(); l < L; l++) {
      if (out[lo + l] >= 0) {
        out[lo + l] += off;
      }
    }
  }

  public Schema schema() {
    return schema;
  }

  public List<Workload> list() {
    return workloads;
  }

  /** Number of workloads. */
  public int count() {
    return workloads.size();
  }

  public Workload get(int w) {
    return workloads.get(w);
  }

  /** First global query index of workload {@code w}. */
  public int offset(int w) {
    return offsets[w];
  }

  /** First global level of workload {@code w}. */
  public int levelOffset(int w) {
    return levelOffsets[w];
  }

  /** Total number of queries. */
  public int size() {
    return size;
  }

  /** Total number of levels: the number of (global) query indices a row produces. */
  public int levels() {
    return levels;
  }

  /** The family names present, in first-appearance order. */
  public List<String> families() {
    var s = new LinkedHashSet<String>();
    workloads.forEach(w -> s.add(w.family()));
    return List.copyOf(s);
  }

  /** Indices of the workloads of {@code family}. */
  public int[] indicesOf(String family) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < workloads.size(); i++) {
      if (workloads.get(i).family().equals(family)) {
        idx.add(i);
      }
    }
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The set of the workloads at {@code indices}, in that order. */
  public WorkloadSet subset(int[] indices) {
    List<Workload> l = new ArrayList<>();
    for (int i : indices) {
      l.add(workloads.get(i));
    }
    return new WorkloadSet(schema, l);
  }

  /** This set followed by {@code other}'s workloads. */
  public WorkloadSet concat(WorkloadSet other) {
    Checks.require(other.schema.equals(schema) || other.schema.columns().equals(schema.columns()),
        "cannot join workloads over different schemas");
    List<Workload> l = new ArrayList<>(workloads);
    l.addAll(other.workloads);
    return new WorkloadSet(schema, l);
  }

  /**
   * Writes the global query index hit in every level (or -1) for one row into
   * {@code out[outOff .. outOff + levels())}.
   */
  public void hits(int[] cat, int catOff, float[] num, int numOff, int[] out, int outOff) {
    for (int w = 0; w < offsets.length; w++) {
      hits(w, cat, catOff, num, numOff, out, outOff);
    }
  }


  /** How many rows of {@code table} satisfy each query (exact integer counts). */
  public int[] counts(Table table) {
    checkTable(table);
    int[] counts = new int[size];
    int[] h = new int[levels];
    int dc = schema.dc();
    int dn = schema.dn();
    int[] cat = table.catArray();
    float[] num = table.numArray();
    for (int r = 0; r < table.n(); r++) {
      hits(cat, r * dc, num, r * dn, h, 0);
      for (int q : h) {
        if (q >= 0) {
          counts[q]++;
        }
      }
    }
    return counts;
  }

  /** Every query's answer on {@code table}: the fraction of its rows that satisfy it. */
  public double[] answers(Table table) {
    int[] c = counts(table);
    double[] a = new double[c.length];
    double inv = 1.0 / table.n();
    for (int i = 0; i < c.length; i++) {
      a[i] = c[i] * inv;
    }
    return a;
  }

  /** The part of a global answer vector that belongs to workload {@code w}. */
  public double[] slice(double[] all, int w) {
    Checks.sameSize("answer vector length", all.length, "number of queries", size);
    double[] s = new double[workloads.get(w).size()];
    System.arraycopy(all, offsets[w], s, 0, s.length);
    return s;
  }

  void checkTable(Table table) {
    Checks.notNull("table", table);
    Checks.require(table.schema().columns().equals(schema.columns()),
        "the table's schema %s differs from the workloads' schema %s", table.schema(), schema);
    Checks.positive("rows of the table", table.n());
  }
}
