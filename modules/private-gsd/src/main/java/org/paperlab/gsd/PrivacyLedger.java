package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Checks;

/**
 * The record of every privacy mechanism call of a synthesis and the zCDP it spent. zCDP composes
 * additively (Bun and Steinke 2016, Lemma 2.3), so the guarantee of the whole run is the sum of
 * the entries; a ledger refuses a charge that would exceed its budget (beyond a relative
 * {@code 1e-9} for floating-point rounding of even splits).
 */
public final class PrivacyLedger {
  /**
   * One mechanism call.
   *
   * @param mechanism {@code gaussian}, {@code exponential} (one pick of report-noisy-max)
   * @param target what it measured or selected (workload name, round)
   * @param rho zCDP spent
   * @param noiseScale Gaussian sigma or Gumbel scale used
   */
  public record Entry(String mechanism, String target, double rho, double noiseScale) {}

  private final double budget;
  private final List<Entry> entries = new ArrayList<>();
  private double spent;

  /** A ledger for a total budget of {@code rho}-zCDP ({@code +Infinity} for non-private runs). */
  public PrivacyLedger(double budget) {
    Checks.require(budget > 0, "budget rho = %s must be > 0", budget);
    this.budget = budget;
  }

  /** Records a mechanism call; fails when the budget would be exceeded. */
  public synchronized void charge(String mechanism, String target, double rho, double noiseScale) {
    Checks.positive("rho", rho);
    Checks.require(spent + rho <= budget * (1 + 1e-9),
        "charging rho = %s for %s (%s) exceeds the budget: spent %s of %s", rho, mechanism, target, spent, budget);
    entries.add(new Entry(mechanism, target, rho, noiseScale));
    spent += rho;
  }

  public double budget() {
    return budget;
  }

  /** Sum of the entries' rho. */
  public synchronized double spent() {
    double s = 0;
    for (Entry e : entries) {
      s += e.rho();
    }
    return s;
  }

  public synchronized List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries));
  }

  /**
   * The entries as a JSON-ready list: {@code mechanism}, {@code target}, {@code rho},
   * {@code noise_scale} per call (the {@code ledger} of {@code paperlab gsd synthesize}'s report).
   */
  public synchronized List<Map<String, Object>> toJson() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("mechanism", e.mechanism());
      x.put("target", e.target());
      x.put("rho", e.rho());
      x.put("noise_scale", e.noiseScale());
      out.add(x);
    }
    return out;
  }

  /** Number of calls per mechanism name. */
  public synchronized long count(String mechanism) {
    return entries.stream().filter(e -> e.mechanism().equals(mechanism)).count();
  }
}
