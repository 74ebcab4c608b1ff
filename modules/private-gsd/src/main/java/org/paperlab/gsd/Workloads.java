package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.Seeds;

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
 * same options give the same queries on any machine.
 */
public final class Workloads {
  /** The family names, in canonical order. */
  public static final List<String> FAMILIES = List.of("1way", "2way", "3way", "range", "prefix", "halfspace");

  private Workloads() {}

  /** Parses a comma-separated family list such as {@code 2way,3way}; unknown names are errors. */
  public static List<String> parseFamilies(String spec) {
    Checks.notNull("queries", spec);
    Set<String> out = new LinkedHashSet<>();
    for (String s : spec.split(",")) {
      String f = s.trim().toLowerCase(Locale.ROOT);
      if (f.isEmpty()) {
        continue;
      }
      Checks.require(FAMILIES.contains(f), "unknown query family '%s'; known: %s", s.trim(), String.join(",", FAMILIES));
      out.add(f);
    }
    Checks.require(!out.isEmpty(), "queries '%s' names no query family; known: %s", spec, String.join(",", FAMILIES));
    return List.copyOf(out);
  }

  /** All workloads of the given families, in the order given. */
  public static WorkloadSet build(Schema schema, List<String> families, QueryOptions options) {
    Checks.notNull("schema", schema);
    Checks.nonEmpty("families", families);
    Checks.notNull("options", options);
    List<Workload> all = new ArrayList<>();
    for (String f : families) {
      List<Workload> part = family(schema, f, options);
      all.addAll(part);
    }
    return new WorkloadSet(schema, all);
  }

  /** The workloads of one family. */
  public static List<Workload> family(Schema schema, String family, QueryOptions o) {
    int dc = schema.dc();
    int dn = schema.dn();
    List<Workload> out = new ArrayList<>();
    int[] res = o.rangeResolutions().stream().mapToInt(Integer::intValue).toArray();
    int[] res2 = o.rangeResolutions2().stream().mapToInt(Integer::intValue).toArray();
    switch (family) {
      case "1way" -> {
        for (int c = 0; c < dc; c++) {
          out.add(new MarginalWorkload(schema, c));
        }
        for (int j = 0; j < dn; j++) {
          out.add(new RangeWorkload(schema, "1way", -1, new int[] {j}, res));
        }
      }
      case "2way", "3way" -> {
        int k = family.charAt(0) - '0';
        Checks.require(dc >= k, "queries '%s' need at least %d categorical columns; the schema has %d", family, k, dc);
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
      }
      case "range" -> {
        Checks.require(dn >= 1, "queries 'range' need a numeric column; the schema has none");
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
      }
      case "prefix" -> {
        Checks.require(dn >= 1, "queries 'prefix' need a numeric column; the schema has none");
        int[] cats = dc == 0 ? new int[] {-1} : range(dc);
        for (int c : cats) {
          SplittableRandom rng = Seeds.of(o.seed()).child("prefix").child(c).random();
          for (int i = 0; i < o.prefixesPerColumn(); i++) {
            int j = rng.nextInt(dn);
            float t = (float) rng.nextDouble();
            out.add(new PrefixWorkload(schema, c, j, t));
          }
        }
      }
      case "halfspace" -> {
        Checks.require(dn >= 1, "queries 'halfspace' need a numeric column; the schema has none");
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
      }
      default -> throw new IllegalArgumentException(
          "unknown query family '" + family + "'; known: " + String.join(",", FAMILIES));
    }
    return out;
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
