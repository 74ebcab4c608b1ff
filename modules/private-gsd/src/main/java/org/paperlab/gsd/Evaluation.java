package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Checks;

/**
 * Query error of a synthetic table against the real one: for every query family, the max and
 * the mean over its queries of {@code |q(real) - q(synthetic)|} (answers as fractions of rows),
 * the two error measures of Liu et al. (2023), Section 6.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Errors of one family.
   *
   * @param family family name
   * @param workloads number of workloads
   * @param queries number of queries
   * @param max largest absolute error
   * @param mean mean absolute error
   */
  public record FamilyError(String family, int workloads, int queries, double max, double mean) {}

  /** Errors per family (in the set's family order) of {@code synthetic} against {@code real}. */
  public static Map<String, FamilyError> errors(WorkloadSet set, Table real, Table synthetic) {
    return errors(set, set.answers(real), set.answers(synthetic));
  }

  /** Errors per family from precomputed answer vectors. */
  public static Map<String, FamilyError> errors(WorkloadSet set, double[] real, double[] synthetic) {
    Checks.sameSize("real answers", real.length, "number of queries", set.size());
    Checks.sameSize("synthetic answers", synthetic.length, "number of queries", set.size());
    Map<String, FamilyError> out = new LinkedHashMap<>();
    for (String f : set.families()) {
      int[] idx = set.indicesOf(f);
      double max = 0;
      double sum = 0;
      long count = 0;
      for (int w : idx) {
        int o = set.offset(w);
        for (int q = 0; q < set.get(w).size(); q++) {
          double e = Math.abs(real[o + q] - synthetic[o + q]);
          max = Math.max(max, e);
          sum += e;
          count++;
        }
      }
      out.put(f, new FamilyError(f, idx.length, (int) count, max, count == 0 ? 0 : sum / count));
    }
    return out;
  }

  /** The errors as a JSON-ready list. */
  public static List<Map<String, Object>> toJson(Map<String, FamilyError> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FamilyError e : errors.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("family", e.family());
      m.put("workloads", e.workloads());
      m.put("queries", e.queries());
      m.put("max_error", e.max());
      m.put("mean_error", e.mean());
      out.add(m);
    }
    return out;
  }
}
