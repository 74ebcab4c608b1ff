package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Seeds;
import org.paperlab.core.config.Variants;

/**
 * Builds the query families of Liu et al. (2023) over a schema:
 *
 * <ul>
 *   <li>{@code 1way}: every categorical column's 1-way marginal and every numeric column's
 *       histogram at the range resolutions;
 *   <li>{@code 2way}, {@code 3way}: k-way marginals over every set of k categorical columns with
 *       at most {@link QueryOptions#maxCells()} cells;
 *   <li>{@code range}: range marginals of every (categorical, numeric) pair at
 *       {@link QueryOptions#rangeResolutions()} and every (categorical, numeric, numeric) triple
 *       at {@link QueryOptions#rangeResolutions2()} (numeric columns only when there is no
 *       categorical column);
 *   <li>{@code prefix}: per categorical column, {@link QueryOptions#prefixesPerColumn()} workloads
 *       {@code x_c = v AND x_j < t} with {@code j} and {@code t ~ U(0,1)} random;
 *   <li>{@code halfspace}: per categorical column, {@link QueryOptions#halfspacesPerColumn()}
 *       workloads {@code x_c = v AND <w, x> > b}.
 * </ul>
 *
 * Random thresholds and halfspaces come from {@link QueryOptions#seed()} only, per column, so the
 * same options give the same queries on any machine. A family is named by {@link QueryFamily}.
 */
public final class Workloads {
  /** The family names, in canonical order ({@link QueryFamily}'s). */
  public static final List<String> FAMILIES = Variants.names(QueryFamily.class);

  private Workloads() {}

  /**
   * Parses a comma-separated family list such as {@code 2way,3way} (case and spaces ignored,
   * repeats dropped); an unknown name is an error listing the known ones ({@link QueryFamily#parse}).
   */
  public static List<String> parseFamilies(String spec) {
    Checks.notNull("queries", spec);
    Set<String> out = new LinkedHashSet<>();
    for (String s : spec.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      out.add(QueryFamily.parse(s).label());
    }
    Checks.require(!out.isEmpty(), "queries '%s' names no query family; known: %s", spec, String.join(",", FAMILIES));
    return List.copyOf(out);
  }

  /**
   * The families a synthesis or an evaluation uses when none are named: {@code 2way} and
   * {@code 3way} (as far as there are categorical columns for them) for categorical data,
   * {@code 2way} and {@code range} with numeric columns ({@code 1way} instead of {@code 2way} with
   * one categorical column).
   */
  public static List<String> defaultFamilies(Schema schema) {
    Checks.notNull("schema", schema);
    List<String> f = new ArrayList<>();
    f.add(schema.dc() >= 2 ? "2way" : "1way");
    if (schema.dn() == 0) {
      if (schema.dc() >= 3) {
        f.add("3way");
      }
    } else {
      f.add("range");
    }
    return List.copyOf(f);
  }

  /** All workloads of the given families, in the order given. */
  public static WorkloadSet build(Schema schema, List<String> families, QueryOptions options) {
    Checks.notNull("schema", schema);
    Checks.nonEmpty("families", families);
    Checks.notNull("options", options);
    List<Workload> all = new ArrayList<>();
    for (String f : families) {
      all.addAll(family(schema, f, options));
    }
    return new WorkloadSet(schema, all);
  }

  /** The workloads of one family, by name ({@link QueryFamily#parse}). */
  public static List<Workload> family(Schema schema, String family, QueryOptions o) {
    Checks.notNull("schema", schema);
    Checks.notNull("options", o);
    return QueryFamily.parse(family).workloads(schema, o);
  }

  static List<Workload> oneWay(Schema schema, QueryOptions o) {
    List<Workload> out = new ArrayList<>();
    for (int c = 0; c < schema.dc(); c++) {
      out.add(new MarginalWorkload(schema, c));
    }
    int[] res = resolutions(o.rangeResolutions());
    for (int j = 0; j < schema.dn(); j++) {
      out.add(new RangeWorkload(schema, "1way", -1, new int[] {j}, res));
    }
    return out;
  }

  static List<Workload> marginals(Schema schema, int k, String family, QueryOptions o) {
    int dc = schema.dc();
    Checks.require(dc >= k, "queries '%s' need at least %d categorical columns; the schema has %d", family, k, dc);
    List<Workload> out = new ArrayList<>();
    int[] sizes = schema.catSizes();
    int skipped = 0;
    for (int[] comb : combinations(dc, k)) {
      long cells = 1;
      for (int c : comb) {
        cells *= sizes[c];
      }
      if (cells <= o.maxCells()) {
        out.add(new MarginalWorkload(schema, comb));
      } else {
        skipped++;
      }
    }
    Checks.require(!out.isEmpty(),
        "every %s marginal has more than maxCells = %d cells (%d left out)", family, o.maxCells(), skipped);
    return out;
  }

  static List<Workload> ranges(Schema schema, QueryOptions o) {
    int dc = schema.dc();
    int dn = schema.dn();
    Checks.require(dn >= 1, "queries 'range' need a numeric column; the schema has none");
    int[] res = resolutions(o.rangeResolutions());
    int[] res2 = resolutions(o.rangeResolutions2());
    List<Workload> out = new ArrayList<>();
    int[] cats = dc == 0 ? new int[] {-1} : range(dc);
    for (int c : cats) {
      for (int j = 0; j < dn; j++) {
        out.add(new RangeWorkload(schema, "range", c, new int[] {j}, res));
      }
      if (res2.length > 0) {
        for (int[] p : combinations(dn, 2)) {
          out.add(new RangeWorkload(schema, "range", c, p, res2));
        }
      }
    }
    return out;
  }

  static List<Workload> prefixes(Schema schema, QueryOptions o) {
    int dc = schema.dc();
    int dn = schema.dn();
    Checks.require(dn >= 1, "queries 'prefix' need a numeric column; the schema has none");
    List<Workload> out = new ArrayList<>();
    int[] cats = dc == 0 ? new int[] {-1} : range(dc);
    for (int c : cats) {
      SplittableRandom rng = Seeds.of(o.seed()).child("prefix").child(c).random();
      for (int i = 0; i < o.prefixesPerColumn(); i++) {
        int j = rng.nextInt(dn);
        float t = (float) rng.nextDouble();
        out.add(new PrefixWorkload(schema, c, j, t));
      }
    }
    return out;
  }

  static List<Workload> halfspaces(Schema schema, QueryOptions o) {
    int dc = schema.dc();
    int dn = schema.dn();
    Checks.require(dn >= 1, "queries 'halfspace' need a numeric column; the schema has none");
    List<Workload> out = new ArrayList<>();
    int[] cats = dc == 0 ? new int[] {-1} : range(dc);
    for (int c : cats) {
      SplittableRandom rng = Seeds.of(o.seed()).child("halfspace").child(c).random();
      for (int i = 0; i < o.halfspacesPerColumn(); i++) {
        double[] w = new double[dn];
        double b = 0;
        for (int j = 0; j < dn; j++) {
          w[j] = rng.nextGaussian() / Math.sqrt(dn);
          b += w[j] * rng.nextDouble();
        }
        out.add(new HalfspaceWorkload(schema, c, w, b));
      }
    }
    return out;
  }

  private static int[] resolutions(List<Integer> r) {
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** All k-subsets of {@code 0..n-1} in lexicographic order. */
  static List<int[]> combinations(int n, int k) {
    List<int[]> out = new ArrayList<>();
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      c[i] = i;
    }
    if (k > n) {
      return out;
    }
    while (true) {
      out.add(c.clone());
      int i = k - 1;
      while (i >= 0 && c[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      c[i]++;
      for (int j = i + 1; j < k; j++) {
        c[j] = c[j - 1] + 1;
      }
    }
  }
}
