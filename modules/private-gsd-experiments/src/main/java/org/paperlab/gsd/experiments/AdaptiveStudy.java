package org.paperlab.gsd.experiments;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.style.Styler;
import org.paperlab.core.Checks;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.Seeds;
import org.paperlab.gsd.BudgetMode;
import org.paperlab.gsd.Evaluation;
import org.paperlab.gsd.FitResult;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.Measurement;
import org.paperlab.gsd.PrivacyLedger;
import org.paperlab.gsd.PrivateSynthesis;
import org.paperlab.gsd.RapConfig;
import org.paperlab.gsd.RelaxedProjection;
import org.paperlab.gsd.SynthesisConfig;
import org.paperlab.gsd.SynthesisResult;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;

/**
 * The adaptive arm of the Adult experiments, beside their one-shot runs (Liu, Tang, Vietri and Wu
 * 2023, Section 3 and Algorithm 2; the protocol of the official ICML scripts
 * {@code dev/ICML/gsd_adaptive_categorical_icml.py} and {@code gsd_adaptive_hs.py}): {@code T}
 * rounds of {@code rho / T}, each spending half on selecting the {@code K} not yet measured
 * candidate workloads on which the current synthetic table errs most (exponential mechanism,
 * Gumbel top-K) and half on measuring them (Gaussian mechanism), GSD refitting everything
 * measured so far from the previous round's table. With {@code rho = Zcdp.rho(epsilon, delta)}
 * and {@code n} real rows (the official {@code fit_zcdp_adaptive} and
 * {@code private_select_measure_statistic}, term for term):
 *
 * <pre>
 * rho_select  = rho_measure = rho / (2T)                 per round, so the T rounds spend rho
 * selection:  top-K of score_w + b G_w, score_w the max error of workload w, G_w ~ Gumbel(0, 1),
 *             b = (1/n) sqrt(K) / sqrt(2 rho_select) = sqrt(K T) / (n sqrt(rho))   (K picks of rho / (2TK))
 * measurement: sigma_w = Delta_w / sqrt(2 rho / (2TK)) = Delta_w sqrt(T K / rho),  Delta_w = sqrt(2 levels_w) / n
 * </pre>
 *
 * <p>"GSD and RAP on the same selections": the rounds run once per (seed, epsilon, T), driven by
 * GSD ({@link PrivateSynthesis#fit} in adaptive mode, so the selections score GSD's tables); RAP
 * is then fitted once, from a random start and with the one-shot arm's settings, to the
 * {@code T x K} workloads and noisy answers that synthesis measured
 * ({@link SynthesisResult#measuredWorkloads(int)}, {@link SynthesisResult#measuredTargets(int)}).
 * The two generators therefore differ only in the generate step, as in the one-shot arm; RAP's
 * numbers are not those of RAP's own adaptive loop (which would select on its own errors).
 *
 * <p>Runs: {@code T = mainRounds} at every epsilon of the study, and every {@code T} of
 * {@code rounds} at epsilon 1.0, each for the protocol's seeds (the first of the study's). Errors are on the real training table over
 * every workload family of the experiment (the candidates are only some of them). metrics.json
 * (means over seeds): {@code <gsd|rap>_adaptive_T<T>_<family>_<max|mean>_eps<eps>},
 * {@code <gsd|rap>_adaptive_T<T>_<seconds|iterations>_eps<eps>} (GSD: the whole synthesis and its
 * generations summed over the rounds; RAP: its one fit), and for seed 0
 * {@code adaptive_T<T>_<ledger_rho|rho_select|rho_measure>_eps<eps>} (the per-round ledger
 * summed: all of it, its selections, its measurements). Files: {@code adaptive-errors.csv},
 * {@code adaptive-fits.csv}, {@code adaptive-ledger.csv} (every round of every run: selection and
 * measurement rho, the cumulative total, the workloads selected), charts
 * {@code adaptive-error-<max|mean>-<family>.png} (error vs epsilon, one-shot and adaptive),
 * {@code adaptive-rounds-<max|mean>-<family>.png} (error vs T at epsilon 1.0) and
 * {@code adaptive-ledger.png}.
 */
final class AdaptiveStudy {
  /** The epsilon of the sweep over T. */
  static final double SWEEP_EPSILON = 1.0;

  /**
   * The adaptive protocol of an experiment.
   *
   * @param families the candidate workload families (the others are evaluated, never selected)
   * @param perRound workloads selected per round, K
   * @param rounds the values of T run at epsilon 1.0, increasing
   * @param mainRounds the T run at every epsilon (one of {@code rounds})
   * @param seeds the seeds 0..seeds-1 of the adaptive arm (at most the study's; fewer keeps the
   *     default size within its CPU budget)
   * @param gsd GSD's settings in every round
   */
  record Protocol(List<String> families, int perRound, List<Integer> rounds, int mainRounds, int seeds, GsdConfig gsd) {
    Protocol {
      families = List.copyOf(families);
      rounds = List.copyOf(rounds);
      Checks.require(!families.isEmpty(), "no candidate families");
      Checks.positive("perRound", perRound);
      Checks.positive("seeds", seeds);
      Checks.require(rounds.contains(mainRounds), "mainRounds = %d is not one of rounds %s", mainRounds, rounds);
      for (int i = 1; i < rounds.size(); i++) {
        Checks.require(rounds.get(i) > rounds.get(i - 1), "rounds %s must increase", rounds);
      }
      Checks.notNull("gsd", gsd);
    }
  }

  /** One adaptive run: epsilon and T. */
  private record Run(int eps, int rounds) {}

  private static final String[] METHODS = {"gsd", "rap"};
  private static final Color GSD_COLOR = new Color(0x1f77b4);
  private static final Color RAP_COLOR = new Color(0xd62728);
  private static final Color FLOOR_COLOR = new Color(0x7f7f7f);

  private final RunContext ctx;
  private final Table train;
  private final WorkloadSet workloads;
  private final double[] truth;
  private final double[] epsilons;
  private final int seeds;
  private final RapConfig rap;
  private final Protocol protocol;
  private final double[][][] oneShotMax;
  private final double[][][] oneShotMean;

  /**
   * @param seeds the study's seeds; the adaptive arm runs the first {@code min(seeds, protocol.seeds())}
   * @param oneShotMax the one-shot arm's max errors, {@code [method gsd, rap, nonprivate][eps][family]},
   *     means over seeds (for the charts)
   * @param oneShotMean the same for the mean errors
   */
  AdaptiveStudy(RunContext ctx, Table train, WorkloadSet workloads, double[] truth, double[] epsilons, int seeds,
      RapConfig rap, Protocol protocol, double[][][] oneShotMax, double[][][] oneShotMean) {
    this.ctx = ctx;
    this.train = train;
    this.workloads = workloads;
    this.truth = truth;
    this.epsilons = epsilons;
    this.seeds = Math.min(seeds, protocol.seeds());
    this.rap = rap;
    this.protocol = protocol;
    this.oneShotMax = oneShotMax;
    this.oneShotMean = oneShotMean;
  }

  /** The metric key of method {@code m} at {@code T} rounds: {@code gsd_adaptive_T50}. */
  static String key(String method, int rounds) {
    return method + "_adaptive_T" + rounds;
  }

  void run() {
    List<String> families = workloads.families();
    int fams = families.size();
    List<Integer> cand = new ArrayList<>();
    for (String f : protocol.families()) {
      for (int w : workloads.indicesOf(f)) {
        cand.add(w);
      }
    }
    WorkloadSet candidates = workloads.subset(cand.stream().mapToInt(Integer::intValue).toArray());
    int k = protocol.perRound();
    SynthesisConfig base = SynthesisConfig.defaults().withMode(BudgetMode.ADAPTIVE).withPerRound(k)
        .withRounds(protocol.mainRounds()).withGenerator(protocol.gsd());
    int sweep = -1;
    for (int e = 0; e < epsilons.length; e++) {
      if (epsilons[e] == SWEEP_EPSILON) {
        sweep = e;
      }
    }
    Checks.require(sweep >= 0, "the study has no epsilon %s for the sweep over T", SWEEP_EPSILON);
    List<Run> runs = new ArrayList<>();
    for (int e = 0; e < epsilons.length; e++) {
      runs.add(new Run(e, protocol.mainRounds()));
    }
    for (int t : protocol.rounds()) {
      if (t != protocol.mainRounds()) {
        runs.add(new Run(sweep, t));
      }
    }
    ctx.config("adaptive", base).config("adaptive_families", protocol.families())
        .config("adaptive_candidates", candidates.count()).config("adaptive_candidate_queries", candidates.size())
        .config("adaptive_per_round", k).config("adaptive_rounds", protocol.rounds())
        .config("adaptive_main_rounds", protocol.mainRounds()).config("adaptive_sweep_epsilon", SWEEP_EPSILON)
        .config("adaptive_seeds", seeds)
        .config("adaptive_runs", "T = adaptive_main_rounds at every epsilon, every T of adaptive_rounds at epsilon "
            + SWEEP_EPSILON + "; each for seeds 0..adaptive_seeds-1; adaptive.rounds and adaptive.epsilon are set per run")
        .config("adaptive_rap", "the rap.* config fitted once, from a random start, to the T x K workloads and noisy"
            + " answers the GSD synthesis measured (SynthesisResult.measuredWorkloads(T), measuredTargets(T))")
        .config("adaptive_fit_seeds", "with node = Seeds.of(run seed).child(\"seed\").child(s).child(\"eps<e>\")"
            + ".child(\"adaptive\").child(\"T<T>\"), the synthesis (its one stream: selections, measurements and GSD's"
            + " fits) uses node.child(\"synthesis\").seed() and RAP node.child(\"rap\").seed()");
    ctx.log("adaptive: %d candidate workloads (%s, %d queries), K = %d per round, T in %s at eps %s, T = %d at every eps",
        candidates.count(), protocol.families(), candidates.size(), k, protocol.rounds(), SWEEP_EPSILON,
        protocol.mainRounds());

    CsvTable errors = new CsvTable("method", "epsilon", "rounds", "seed", "family", "max_error", "mean_error");
    CsvTable fits = new CsvTable("method", "epsilon", "rounds", "seed", "workloads_measured", "iterations", "seconds", "loss");
    CsvTable ledgerCsv = new CsvTable("epsilon", "rounds", "seed", "round", "rho_select", "rho_measure", "rho_round",
        "rho_cumulative", "rho_budget", "selected");
    // [method][run][family] sums over seeds
    double[][][] maxSum = new double[2][runs.size()][fams];
    double[][][] meanSum = new double[2][runs.size()][fams];
    double[][] secSum = new double[2][runs.size()];
    double[][] itSum = new double[2][runs.size()];
    double[][] ledgerTrace = null;
    long total = 0;
    for (Run run : runs) {
      total += run.rounds() + 1L;
    }
    total *= seeds;
    Seeds root = ctx.seeds();
    try (Progress progress = ctx.progress("adaptive rounds", total)) {
      for (int s = 0; s < seeds; s++) {
        for (int i = 0; i < runs.size(); i++) {
          Run run = runs.get(i);
          double eps = epsilons[run.eps()];
          int t = run.rounds();
          Seeds node = root.child("seed").child(s).child(AdultStudy.epsKey(eps)).child("adaptive").child("T" + t);
          long before = progress.done();
          ProgressListener rounds = (d, all) -> {
            if (before + d > progress.done()) {
              progress.stepBy(before + d - progress.done());
            }
          };
          SynthesisResult g = PrivateSynthesis.fit(base.withEpsilon(eps).withRounds(t).withSeed(node.child("synthesis").seed()),
              train, candidates, rounds);
          FitResult<RapConfig> r = RelaxedProjection.fit(rap.withSeed(node.child("rap").seed()), g.measuredWorkloads(t),
              g.measuredTargets(t));
          progress.step();
          long generations = 0;
          for (FitResult<?> f : g.fits()) {
            generations += f.iterations();
          }
          Map<String, Evaluation.FamilyError> ge = Evaluation.errors(workloads, truth, workloads.answers(g.synthetic()));
          Map<String, Evaluation.FamilyError> re = Evaluation.errors(workloads, truth, workloads.answers(r.table()));
          List<Map<String, Evaluation.FamilyError>> both = List.of(ge, re);
          for (int m = 0; m < 2; m++) {
            for (int f = 0; f < fams; f++) {
              Evaluation.FamilyError fe = both.get(m).get(families.get(f));
              errors.addRow(METHODS[m], eps, t, s, families.get(f), fe.max(), fe.mean());
              maxSum[m][i][f] += fe.max();
              meanSum[m][i][f] += fe.mean();
            }
          }
          int measured = g.measurements().size();
          FitResult<?> last = g.fits().get(g.fits().size() - 1);
          fits.addRow("gsd", eps, t, s, measured, generations, g.seconds(), last.loss());
          fits.addRow("rap", eps, t, s, measured, r.iterations(), r.seconds(), r.loss());
          secSum[0][i] += g.seconds();
          secSum[1][i] += r.seconds();
          itSum[0][i] += generations;
          itSum[1][i] += r.iterations();
          double[][] trace = ledger(g, eps, t, s, ledgerCsv);
          if (s == 0) {
            PrivacyLedger l = g.ledger();
            double select = 0;
            double measure = 0;
            double sum = 0;
            for (int round = 1; round <= t; round++) {
              select += l.spent("exponential", round);
              measure += l.spent("gaussian", round);
              sum += l.spent(round);
            }
            String p = "adaptive_T" + t + "_";
            String ek = AdultStudy.epsKey(eps);
            ctx.metric(p + "ledger_rho_" + ek, sum).metric(p + "rho_select_" + ek, select).metric(p + "rho_measure_" + ek, measure);
            if (run.eps() == sweep && t == protocol.mainRounds()) {
              ledgerTrace = trace;
            }
          }
          progress.status("adaptive eps %.2f T %d seed %d", eps, t, s);
          ctx.log("seed %d eps %-4s adaptive T %d x K %d: gsd %s (%d gen, %.1f s) | rap %s (%.1f s)", s, eps, t, k,
              summary(ge), generations, g.seconds(), summary(re), r.seconds());
        }
      }
    }
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      String ek = AdultStudy.epsKey(epsilons[run.eps()]);
      for (int m = 0; m < 2; m++) {
        String p = key(METHODS[m], run.rounds());
        for (int f = 0; f < fams; f++) {
          ctx.metric(p + "_" + families.get(f) + "_max_" + ek, maxSum[m][i][f] / seeds);
          ctx.metric(p + "_" + families.get(f) + "_mean_" + ek, meanSum[m][i][f] / seeds);
        }
        ctx.metric(p + "_seconds_" + ek, secSum[m][i] / seeds);
        ctx.metric(p + "_iterations_" + ek, itSum[m][i] / seeds);
      }
    }
    ctx.save(errors, "adaptive-errors.csv");
    ctx.save(fits, "adaptive-fits.csv");
    ctx.save(ledgerCsv, "adaptive-ledger.csv");
    charts(families, runs, sweep, maxSum, meanSum, ledgerTrace);
  }

  /**
   * Writes the per-round ledger of {@code g} to {@code csv} and returns its trace
   * {@code [round, cumulative selection rho, cumulative measurement rho, cumulative total, budget]}.
   */
  private static double[][] ledger(SynthesisResult g, double eps, int t, int s, CsvTable csv) {
    PrivacyLedger l = g.ledger();
    double[][] trace = new double[5][t + 1];
    Arrays.fill(trace[4], g.rho());
    double cum = 0;
    for (int round = 1; round <= t; round++) {
      double sel = l.spent("exponential", round);
      double meas = l.spent("gaussian", round);
      cum += l.spent(round);
      List<String> names = new ArrayList<>();
      for (Measurement m : g.measurements()) {
        if (m.round() == round) {
          names.add(g.workloads().get(m.workload()).name());
        }
      }
      csv.addRow(eps, t, s, round, sel, meas, sel + meas, cum, g.rho(), String.join("; ", names));
      trace[0][round] = round;
      trace[1][round] = trace[1][round - 1] + sel;
      trace[2][round] = trace[2][round - 1] + meas;
      trace[3][round] = cum;
    }
    return trace;
  }

  private static String summary(Map<String, Evaluation.FamilyError> e) {
    StringBuilder sb = new StringBuilder();
    e.forEach((f, x) -> sb.append(String.format(Locale.ROOT, "%s max %.4f mean %.5f; ", f, x.max(), x.mean())));
    return sb.toString().trim();
  }

  private void charts(List<String> families, List<Run> runs, int sweep, double[][][] maxSum, double[][][] meanSum,
      double[][] ledgerTrace) {
    int main = protocol.mainRounds();
    int k = protocol.perRound();
    int[] tValues = protocol.rounds().stream().mapToInt(Integer::intValue).toArray();
    double[] tx = Arrays.stream(tValues).asDoubleStream().toArray();
    for (int f = 0; f < families.size(); f++) {
      for (String stat : new String[] {"max", "mean"}) {
        boolean max = stat.equals("max");
        double[][][] adaptive = max ? maxSum : meanSum;
        double[][][] oneShot = max ? oneShotMax : oneShotMean;
        // error vs epsilon: both modes, both generators
        Chart c = Chart.line(String.format(Locale.ROOT, "%s error of %s queries vs epsilon: one-shot and adaptive"
            + " (T = %d, K = %d; %d seeds)", stat, families.get(f), main, k, seeds), "epsilon", stat + " absolute error").logY();
        double[][] ad = new double[2][epsilons.length];
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i).rounds() == main) {
            for (int m = 0; m < 2; m++) {
              ad[m][runs.get(i).eps()] = adaptive[m][i][f] / seeds;
            }
          }
        }
        c.series("Private-GSD one-shot", epsilons, column(oneShot[0], f), GSD_COLOR, Chart.Stroke.DASHED, 2f);
        c.series("Private-GSD adaptive, T = " + main, epsilons, ad[0], GSD_COLOR, Chart.Stroke.SOLID, 2f);
        c.series("RAP one-shot", epsilons, column(oneShot[1], f), RAP_COLOR, Chart.Stroke.DASHED, 2f);
        c.series("RAP on GSD's adaptive measurements, T = " + main, epsilons, ad[1], RAP_COLOR, Chart.Stroke.SOLID, 2f);
        c.series("non-private (GSD on exact answers)", epsilons, column(oneShot[2], f), FLOOR_COLOR, Chart.Stroke.DOTTED, 2f);
        ctx.save(c, "adaptive-error-" + stat + "-" + families.get(f) + ".png");
        // error vs T at the sweep epsilon, one-shot as horizontal references
        Chart r = Chart.line(String.format(Locale.ROOT, "%s error of %s queries vs adaptive rounds T (K = %d, epsilon %s;"
            + " %d seeds)", stat, families.get(f), k, SWEEP_EPSILON, seeds), "rounds T", stat + " absolute error").logY();
        double[][] byT = new double[2][tValues.length];
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i).eps() == sweep) {
            int j = Arrays.binarySearch(tValues, runs.get(i).rounds());
            for (int m = 0; m < 2; m++) {
              byT[m][j] = adaptive[m][i][f] / seeds;
            }
          }
        }
        r.series("Private-GSD adaptive", tx, byT[0], GSD_COLOR, Chart.Stroke.SOLID, 2f);
        r.series("RAP on GSD's adaptive measurements", tx, byT[1], RAP_COLOR, Chart.Stroke.SOLID, 2f);
        r.series("Private-GSD one-shot", tx, constant(tx.length, oneShot[0][sweep][f]), GSD_COLOR, Chart.Stroke.DASHED, 2f);
        r.series("RAP one-shot", tx, constant(tx.length, oneShot[1][sweep][f]), RAP_COLOR, Chart.Stroke.DASHED, 2f);
        ctx.save(r, "adaptive-rounds-" + stat + "-" + families.get(f) + ".png");
      }
    }
    if (ledgerTrace != null) {
      Chart l = Chart.line(String.format(Locale.ROOT, "privacy ledger by round (epsilon %s, T = %d, K = %d, seed 0)",
          SWEEP_EPSILON, main, k), "round", "cumulative zCDP rho");
      l.points("selection (exponential)", ledgerTrace[0], ledgerTrace[1]);
      l.series("measurement (gaussian)", ledgerTrace[0], ledgerTrace[2]);
      l.series("total", ledgerTrace[0], ledgerTrace[3]);
      l.dashed("budget rho", ledgerTrace[0], ledgerTrace[4]);
      l.xy().getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
      ctx.save(l, "adaptive-ledger.png");
    }
  }

  private static double[] column(double[][] byEps, int f) {
    double[] y = new double[byEps.length];
    for (int e = 0; e < y.length; e++) {
      y[e] = byEps[e][f];
    }
    return y;
  }

  private static double[] constant(int n, double v) {
    double[] y = new double[n];
    Arrays.fill(y, v);
    return y;
  }
}
