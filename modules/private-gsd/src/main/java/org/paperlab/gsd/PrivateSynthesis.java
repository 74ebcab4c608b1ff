package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.config.Variants;

/**
 * Select-measure-generate with zCDP accounting (Liu, Tang, Vietri and Wu 2023, Section 3 and
 * Algorithm 2; the official code's {@code fit_zcdp}, {@code fit_zcdp_adaptive} and
 * {@code fit_zcdp_hybrid}):
 *
 * <ul>
 *   <li><b>one-shot</b>: each of the {@code m} workloads is measured by the Gaussian mechanism
 *       with {@code rho / m}; the generator fits the noisy answers once.
 *   <li><b>adaptive</b>: {@code T} rounds with {@code rho / T} each: half to select the {@code K}
 *       not yet measured workloads with the largest max-error of the current synthetic data
 *       (exponential mechanism as Gumbel top-K, score sensitivity {@code 1/n}), half to measure
 *       them ({@code rho / (2 T K)} each); the generator refits on everything measured so far,
 *       starting from the previous synthetic table.
 *   <li><b>hybrid</b>: the 1-way workloads are measured one-shot with the share
 *       {@code m1 / (m1 + T K)} of the budget, the rest adaptively.
 * </ul>
 *
 * Every mechanism call is charged to a {@link PrivacyLedger}; the charges sum to
 * {@code rho = Zcdp.rho(epsilon, delta)}, so the whole run is (epsilon, delta)-DP with respect to
 * replacing one row of the real table (the domain being public).
 *
 * <pre>{@code
 * SynthesisConfig c = SynthesisConfig.defaults().withEpsilon(1.0).withSeed(7)
 *     .withGenerator(GsdConfig.defaults().withRows(2000));          // delta 1/n^2, one-shot
 * SynthesisResult r = PrivateSynthesis.fit(c, real, workloads);
 * Table synthetic = r.synthetic();
 * }</pre>
 *
 * <p>All randomness of a synthesis comes from one stream, {@code new SplittableRandom(seed)},
 * drawn in the order the steps run: the measurements, the random start of the adaptive mode, the
 * selections and the generator's fits (which continue the same stream instead of seeding their
 * own).
 */
public final class PrivateSynthesis {
  private PrivateSynthesis() {}

  /** Synthesizes a table from {@code real} under {@code config}, matching the {@code workloads}. */
  public static SynthesisResult fit(SynthesisConfig config, Table real, WorkloadSet workloads) {
    return fit(config, real, workloads, null);
  }

  /**
   * As {@link #fit(SynthesisConfig, Table, WorkloadSet)}, telling {@code listener} the generator
   * fits done (1 for one-shot, {@code T} for adaptive, {@code T + 1} for hybrid).
   *
   * @throws IllegalArgumentException for bad arguments, among them the default delta
   *     {@code 1/n^2} with a table of one row, and {@code rounds x perRound} above the number of
   *     workloads that can be selected
   */
  public static SynthesisResult fit(SynthesisConfig config, Table real, WorkloadSet workloads, ProgressListener listener) {
    Checks.notNull("config", config);
    Checks.notNull("workloads", workloads);
    workloads.checkTable(real);
    Checks.require(workloads.count() > 0, "there are no workloads to measure");
    ProgressListener progress = ProgressListener.orNone(listener);
    long start = System.nanoTime();
    int n = real.n();
    SynthesisConfig resolved = config.withDelta(config.resolvedDelta(n));
    GeneratorConfig generator = resolved.generator();
    SplittableRandom rng = new SplittableRandom(config.seed());
    double rho = resolved.rho(n);
    PrivacyLedger ledger = new PrivacyLedger(rho);
    double[] truth = workloads.answers(real);
    List<Measurement> measured = new ArrayList<>();
    List<FitResult<?>> fits = new ArrayList<>();
    WorkloadSet all = workloads;
    int totalFits = switch (config.mode()) {
      case ONE_SHOT -> 1;
      case ADAPTIVE -> config.rounds();
      case HYBRID -> config.rounds() + 1;
    };
    Table synthetic;
    switch (config.mode()) {
      case ONE_SHOT -> {
        int[] everything = new int[all.count()];
        Arrays.setAll(everything, i -> i);
        measured.addAll(measureAll(all, everything, truth, n, rho, rng, ledger));
        FitResult<?> f = fitMeasured(generator, all, measured, Optional.empty(), rng);
        fits.add(f);
        progress.progress(fits.size(), totalFits);
        synthetic = f.table();
      }
      case ADAPTIVE -> {
        checkAdaptive(config, all.count(), all.count());
        synthetic = adaptive(config, all, truth, n, rho, Table.random(all.schema(), generator.outputRows(), rng),
            measured, fits, generator, rng, ledger, progress, totalFits);
      }
      case HYBRID -> {
        int[] oneWay = all.indicesOf("1way");
        if (oneWay.length == 0) {
          WorkloadSet extra = Workloads.build(all.schema(), List.of("1way"), QueryOptions.defaults());
          all = extra.concat(all);
          truth = all.answers(real);
          oneWay = all.indicesOf("1way");
        }
        int rest = all.count() - oneWay.length;
        checkAdaptive(config, rest, all.count());
        int tk = config.rounds() * config.perRound();
        double rhoOneShot = rho * oneWay.length / (double) (oneWay.length + tk);
        measured.addAll(measureAll(all, oneWay, truth, n, rhoOneShot, rng, ledger));
        FitResult<?> f = fitMeasured(generator, all, measured, Optional.empty(), rng);
        fits.add(f);
        progress.progress(fits.size(), totalFits);
        synthetic = adaptive(config, all, truth, n, rho - rhoOneShot, f.table(), measured, fits, generator, rng, ledger,
            progress, totalFits);
      }
      default -> throw new IllegalStateException("unknown mode " + config.mode());
    }
    return new SynthesisResult(resolved, rho, synthetic, all, measured, ledger, fits, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The measure step of a one-shot synthesis on its own: every workload measured once by the
   * Gaussian mechanism with an even share of the budget, from
   * {@code new SplittableRandom(config.seed())} ({@code config.generator()} is not used). Fit
   * several generators to the same noisy answers with {@link Measurements#workloads()} and
   * {@link Measurements#targets()}.
   *
   * @throws IllegalArgumentException for a mode other than one-shot, or bad arguments as
   *     {@link #fit(SynthesisConfig, Table, WorkloadSet)}
   */
  public static Measurements measure(SynthesisConfig config, Table real, WorkloadSet workloads) {
    Checks.notNull("config", config);
    Checks.notNull("workloads", workloads);
    Checks.require(config.mode() == BudgetMode.ONE_SHOT,
        "measure is the measure step of a one-shot synthesis; mode = %s selects with the generator (use fit)",
        Variants.name(config.mode()));
    workloads.checkTable(real);
    Checks.require(workloads.count() > 0, "there are no workloads to measure");
    long start = System.nanoTime();
    int n = real.n();
    SynthesisConfig resolved = config.withDelta(config.resolvedDelta(n));
    double rho = resolved.rho(n);
    PrivacyLedger ledger = new PrivacyLedger(rho);
    int[] everything = new int[workloads.count()];
    Arrays.setAll(everything, i -> i);
    List<Measurement> m = measureAll(workloads, everything, workloads.answers(real), n, rho,
        new SplittableRandom(config.seed()), ledger);
    return new Measurements(resolved, rho, workloads, m, ledger, (System.nanoTime() - start) / 1e9);
  }

  private static void checkAdaptive(SynthesisConfig c, int selectable, int total) {
    Checks.require((long) c.rounds() * c.perRound() <= selectable,
        "rounds x perRound = %d x %d = %d exceeds the %d workloads that can be selected (of %d)",
        c.rounds(), c.perRound(), (long) c.rounds() * c.perRound(), selectable, total);
  }

  /**
   * Measures the workloads at {@code indices} with the Gaussian mechanism, splitting
   * {@code rho} evenly.
   */
  static List<Measurement> measureAll(
      WorkloadSet set, int[] indices, double[] truth, int n, double rho, SplittableRandom rng, PrivacyLedger ledger) {
    Checks.require(indices.length > 0, "nothing to measure");
    double each = rho / indices.length;
    List<Measurement> out = new ArrayList<>();
    for (int w : indices) {
      Workload wl = set.get(w);
      double[] y = GaussianMechanism.measure(wl, set.slice(truth, w), n, each, rng, ledger);
      out.add(new Measurement(w, y, each, GaussianMechanism.sigma(wl.l2Sensitivity(n), each), 0));
    }
    return out;
  }

  /** The noisy answers of {@code measured}, measurement {@code i} being workload {@code i} of {@code sub}, in its query order. */
  static double[] targets(WorkloadSet sub, List<Measurement> measured) {
    double[] targets = new double[sub.size()];
    for (int i = 0; i < measured.size(); i++) {
      System.arraycopy(measured.get(i).noisyShared(), 0, targets, sub.offset(i), sub.get(i).size());
    }
    return targets;
  }

  /** Fits the generator to the measured workloads only, on the stream {@code rng}. */
  static FitResult<?> fitMeasured(
      GeneratorConfig gen, WorkloadSet set, List<Measurement> measured, Optional<Table> warm, SplittableRandom rng) {
    int[] idx = measured.stream().mapToInt(Measurement::workload).toArray();
    WorkloadSet sub = set.subset(idx);
    double[] targets = targets(sub, measured);
    if (gen instanceof GsdConfig g) {
      return Gsd.fit(g, sub, targets, warm, rng, null);
    }
    if (gen instanceof RapConfig r) {
      return RelaxedProjection.fit(r, sub, targets, warm, rng, null);
    }
    throw new IllegalStateException("no fit for generator " + gen);
  }

  private static Table adaptive(
      SynthesisConfig c, WorkloadSet all, double[] truth, int n, double rhoAdaptive, Table start,
      List<Measurement> measured, List<FitResult<?>> fits, GeneratorConfig gen, SplittableRandom rng, PrivacyLedger ledger,
      ProgressListener progress, int totalFits) {
    double perRound = rhoAdaptive / c.rounds();
    int k = c.perRound();
    boolean[] taken = new boolean[all.count()];
    for (Measurement m : measured) {
      taken[m.workload()] = true;
    }
    Table synthetic = start;
    for (int t = 1; t <= c.rounds(); t++) {
      double[] scores = maxErrors(all, truth, all.answers(synthetic));
      double rhoSelect = perRound / 2;
      int[] picked = ExponentialMechanism.topK(scores, k, 1.0 / n, rhoSelect, taken, rng);
      double scale = ExponentialMechanism.gumbelScale(1.0 / n, rhoSelect / k);
      for (int w : picked) {
        ledger.charge("exponential", "round " + t + ": select " + all.get(w).family() + ": " + all.get(w).name(),
            rhoSelect / k, scale);
      }
      double rhoMeasure = perRound / 2 / k;
      for (int w : picked) {
        taken[w] = true;
        Workload wl = all.get(w);
        double[] y = GaussianMechanism.measure(wl, all.slice(truth, w), n, rhoMeasure, rng, ledger);
        measured.add(new Measurement(w, y, rhoMeasure, GaussianMechanism.sigma(wl.l2Sensitivity(n), rhoMeasure), t));
      }
      FitResult<?> f = fitMeasured(gen, all, measured, Optional.of(synthetic), rng);
      fits.add(f);
      progress.progress(fits.size(), totalFits);
      synthetic = f.table();
    }
    return synthetic;
  }

  /** Per workload, the largest absolute difference between two answer vectors. */
  public static double[] maxErrors(WorkloadSet set, double[] a, double[] b) {
    double[] out = new double[set.count()];
    for (int w = 0; w < set.count(); w++) {
      int o = set.offset(w);
      double m = 0;
      for (int q = 0; q < set.get(w).size(); q++) {
        m = Math.max(m, Math.abs(a[o + q] - b[o + q]));
      }
      out[w] = m;
    }
    return out;
  }
}
