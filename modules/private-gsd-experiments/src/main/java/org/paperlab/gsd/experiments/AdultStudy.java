package org.paperlab.gsd.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperlab.core.Seeds;
import org.paperlab.gsd.AdultData;
import org.paperlab.gsd.Evaluation;
import org.paperlab.gsd.FitResult;
import org.paperlab.gsd.Gsd;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.LogisticRegression;
import org.paperlab.gsd.Measurements;
import org.paperlab.gsd.PrivacyLedger;
import org.paperlab.gsd.PrivateSynthesis;
import org.paperlab.gsd.RapConfig;
import org.paperlab.gsd.RelaxedProjection;
import org.paperlab.gsd.SynthesisConfig;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;

/**
 * The study both Adult experiments run: for every epsilon and seed, measure all workloads once
 * ({@link PrivateSynthesis#measure}: one-shot, delta = 1/n^2), fit Private-GSD and the RAP-style
 * baseline to the same noisy answers ({@link Gsd#fit}, {@link RelaxedProjection#fit}), and fit GSD
 * to the exact answers (the non-private floor, once per seed); report max and mean query error per
 * family on the real training table, ML efficacy on the real test table, GSD's fitness trace, and
 * the privacy ledger totals. run.json records every config whole ({@code measure.*},
 * {@code gsd.*}, {@code rap.*}, {@code classifier.*}) and the rule that derives each fit's seed.
 */
final class AdultStudy {
  static final String[] METHODS = {"gsd", "rap", "nonprivate"};

  private final RunContext ctx;
  private final Table train;
  private final Table test;
  private final WorkloadSet workloads;
  private final double[] epsilons;
  private final int seeds;
  private final GsdConfig gsd;
  private final RapConfig rap;

  /**
   * The study with GSD settings {@code gsd} and the protocol both experiments share: epsilon in
   * {0.07, 0.23, 0.52, 0.74, 1.0}, 3 seeds, RAP with 500 relaxed rows x 10 samples and 300 Adam
   * steps; at quick size ({@link RunContext#quick()}) epsilon in {0.07, 1.0}, 1 seed, RAP with 200
   * rows x 5 samples and 100 steps.
   */
  AdultStudy(RunContext ctx, Table train, Table test, WorkloadSet workloads, GsdConfig gsd) {
    boolean quick = ctx.quick();
    this.ctx = ctx;
    this.train = train;
    this.test = test;
    this.workloads = workloads;
    this.epsilons = quick ? new double[] {0.07, 1.0} : new double[] {0.07, 0.23, 0.52, 0.74, 1.0};
    this.seeds = quick ? 1 : 3;
    this.gsd = gsd;
    this.rap = quick
        ? RapConfig.defaults().withRows(200).withSamplesPerRow(5).withIterations(100)
        : RapConfig.defaults().withRows(500).withSamplesPerRow(10).withIterations(300);
  }

  /** The metric key's epsilon: {@code eps0.07}, {@code eps1.0}. */
  static String epsKey(double eps) {
    return "eps" + eps;
  }

  void run() {
    List<String> families = workloads.families();
    int n = train.n();
    // the measurement of every epsilon: one-shot, delta = 1/n^2 (the default, resolved from the data)
    SynthesisConfig measure = SynthesisConfig.defaults().withGenerator(gsd);
    double delta = measure.resolvedDelta(n);
    LogisticRegression.Config lrc = LogisticRegression.Config.defaults();
    ctx.config("train_rows", n).config("test_rows", test.n()).config("epsilons", epsilons).config("seeds", seeds)
        .config("delta", delta).config("mode", "one-shot").config("workloads", workloads.count())
        .config("queries", workloads.size()).config("families", families);
    ctx.config("measure", measure).config("gsd", gsd).config("rap", rap)
        .config("classifier", lrc);
    ctx.config("fit_seeds", "each fit's seed replaces the recorded configs' seed 0: with root = Seeds.of(run seed)"
        + " and node = root.child(\"seed\").child(s), the non-private GSD fit uses node.child(\"nonprivate\").seed(),"
        + " and at epsilon e (measure.epsilon = e) the measurement, GSD and RAP use node.child(\"eps<e>\")"
        + ".child(\"measure\" | \"gsd\" | \"rap\").seed()");
    for (String f : families) {
      int[] idx = workloads.indicesOf(f);
      int q = 0;
      for (int w : idx) {
        q += workloads.get(w).size();
      }
      ctx.config("workloads_" + f, idx.length).config("queries_" + f, q);
    }
    ctx.log("%d train / %d test rows; %d workloads, %d queries (%s); delta = %.3g",
        n, test.n(), workloads.count(), workloads.size(), families, delta);
    double[] truth = workloads.answers(train);
    LogisticRegression.Scores real = LogisticRegression.fit(lrc, train, AdultData.TARGET).score(test);
    ctx.metric("real_f1", real.macroF1()).metric("real_accuracy", real.accuracy());
    ctx.log("logistic regression trained on real data: accuracy %.4f, macro F1 %.4f", real.accuracy(), real.macroF1());

    CsvTable errors = new CsvTable("method", "epsilon", "seed", "family", "max_error", "mean_error");
    CsvTable ml = new CsvTable("method", "epsilon", "seed", "accuracy", "macro_f1");
    CsvTable fits = new CsvTable("method", "epsilon", "seed", "iterations", "converged", "seconds", "loss");
    CsvTable fitness = new CsvTable("epsilon", "generation", "fitness");
    CsvTable privacy = new CsvTable("epsilon", "seed", "rho", "ledger_rho", "gaussian_calls", "sigma_min", "sigma_max");
    // [method][eps][family] -> sums over seeds
    int fams = families.size();
    double[][][] maxSum = new double[3][epsilons.length][fams];
    double[][][] meanSum = new double[3][epsilons.length][fams];
    double[][] f1Sum = new double[3][epsilons.length];
    double[][] accSum = new double[3][epsilons.length];
    double[][] secSum = new double[3][epsilons.length];
    double[][] itSum = new double[3][epsilons.length];
    Map<Double, double[][]> traces = new LinkedHashMap<>();
    long total = (long) seeds * (epsilons.length * 2L + 1);
    Seeds root = ctx.seeds();
    try (Progress progress = ctx.progress("fits", total)) {
      for (int s = 0; s < seeds; s++) {
        Seeds seed = root.child("seed").child(s);
        // non-private floor: GSD on the exact answers
        FitResult<GsdConfig> np = Gsd.fit(gsd.withSeed(seed.child("nonprivate").seed()), workloads, truth);
        progress.step();
        Outcome npo = evaluate("nonprivate", np, truth, lrc, families);
        for (int e = 0; e < epsilons.length; e++) {
          record(2, e, s, npo, np, errors, ml, fits, families, maxSum, meanSum, f1Sum, accSum, secSum, itSum);
        }
        ctx.log("seed %d nonprivate: %s, F1 %.4f, %d generations in %.1f s", s, npo.summary(), npo.f1(), np.iterations(), np.seconds());
        for (int e = 0; e < epsilons.length; e++) {
          double eps = epsilons[e];
          Seeds es = seed.child(epsKey(eps));
          Measurements measured = PrivateSynthesis.measure(
              measure.withEpsilon(eps).withSeed(es.child("measure").seed()), train, workloads);
          double rho = measured.rho();
          PrivacyLedger ledger = measured.ledger();
          privacy.addRow(eps, s, rho, ledger.spent(), ledger.count("gaussian"), measured.sigmaMin(), measured.sigmaMax());
          if (s == 0) {
            ctx.metric("rho_" + epsKey(eps), rho).metric("ledger_rho_" + epsKey(eps), ledger.spent());
          }
          FitResult<GsdConfig> g = Gsd.fit(gsd.withSeed(es.child("gsd").seed()), measured.workloads(), measured.targets());
          progress.step();
          Outcome go = evaluate("gsd", g, truth, lrc, families);
          record(0, e, s, go, g, errors, ml, fits, families, maxSum, meanSum, f1Sum, accSum, secSum, itSum);
          if (s == 0) {
            traces.put(eps, new double[][] {g.traceIteration(), g.traceLoss()});
            for (int i = 0; i < g.traceIteration().length; i++) {
              fitness.add(eps, g.traceIteration()[i], g.traceLoss()[i]);
            }
          }
          FitResult<RapConfig> r = RelaxedProjection.fit(rap.withSeed(es.child("rap").seed()), measured.workloads(), measured.targets());
          progress.step();
          Outcome ro = evaluate("rap", r, truth, lrc, families);
          record(1, e, s, ro, r, errors, ml, fits, families, maxSum, meanSum, f1Sum, accSum, secSum, itSum);
          progress.status("eps %.2f seed %d", eps, s);
          ctx.log("seed %d eps %-4s rho %.3g: gsd %s F1 %.4f (%d gen, %.1f s) | rap %s F1 %.4f (%.1f s)",
              s, eps, rho, go.summary(), go.f1(), g.iterations(), g.seconds(), ro.summary(), ro.f1(), r.seconds());
        }
      }
    }
    // metrics: means over seeds
    for (int m = 0; m < 3; m++) {
      for (int e = 0; e < epsilons.length; e++) {
        String ek = epsKey(epsilons[e]);
        for (int f = 0; f < fams; f++) {
          ctx.metric(METHODS[m] + "_" + families.get(f) + "_max_" + ek, maxSum[m][e][f] / seeds);
          ctx.metric(METHODS[m] + "_" + families.get(f) + "_mean_" + ek, meanSum[m][e][f] / seeds);
        }
        ctx.metric(METHODS[m] + "_f1_" + ek, f1Sum[m][e] / seeds);
        ctx.metric(METHODS[m] + "_accuracy_" + ek, accSum[m][e] / seeds);
        ctx.metric(METHODS[m] + "_seconds_" + ek, secSum[m][e] / seeds);
        ctx.metric(METHODS[m] + "_iterations_" + ek, itSum[m][e] / seeds);
      }
    }
    ctx.save(errors, "errors.csv");
    ctx.save(ml, "ml.csv");
    ctx.save(fits, "fits.csv");
    ctx.save(fitness, "fitness.csv");
    ctx.save(privacy, "privacy.csv");
    charts(families, maxSum, meanSum, f1Sum, real, traces);
  }

  private record Outcome(Map<String, Evaluation.FamilyError> errors, double f1, double accuracy) {
    String summary() {
      StringBuilder sb = new StringBuilder();
      errors.forEach((f, e) -> sb.append(String.format(Locale.ROOT, "%s max %.4f mean %.5f; ", f, e.max(), e.mean())));
      return sb.toString().trim();
    }
  }

  private Outcome evaluate(String method, FitResult<?> fit, double[] truth, LogisticRegression.Config lrc, List<String> families) {
    Map<String, Evaluation.FamilyError> err = Evaluation.errors(workloads, truth, workloads.answers(fit.table()));
    LogisticRegression.Scores sc = LogisticRegression.fit(lrc, fit.table(), AdultData.TARGET).score(test);
    return new Outcome(err, sc.macroF1(), sc.accuracy());
  }

  private void record(int m, int e, int s, Outcome o, FitResult<?> fit, CsvTable errors, CsvTable ml, CsvTable fits,
      List<String> families, double[][][] maxSum, double[][][] meanSum, double[][] f1Sum, double[][] accSum,
      double[][] secSum, double[][] itSum) {
    double eps = epsilons[e];
    for (int f = 0; f < families.size(); f++) {
      Evaluation.FamilyError fe = o.errors().get(families.get(f));
      errors.addRow(METHODS[m], eps, s, families.get(f), fe.max(), fe.mean());
      maxSum[m][e][f] += fe.max();
      meanSum[m][e][f] += fe.mean();
    }
    ml.addRow(METHODS[m], eps, s, o.accuracy(), o.f1());
    fits.addRow(METHODS[m], eps, s, fit.iterations(), fit.converged(), fit.seconds(), fit.loss());
    f1Sum[m][e] += o.f1();
    accSum[m][e] += o.accuracy();
    secSum[m][e] += fit.seconds();
    itSum[m][e] += fit.iterations();
  }

  private void charts(List<String> families, double[][][] maxSum, double[][][] meanSum, double[][] f1Sum,
      LogisticRegression.Scores real, Map<Double, double[][]> traces) {
    String[] labels = {"Private-GSD", "RAP-style relaxed projection", "non-private (GSD on exact answers)"};
    for (int f = 0; f < families.size(); f++) {
      for (String stat : new String[] {"max", "mean"}) {
        Chart c = Chart.line(
            String.format(Locale.ROOT, "%s error of %s queries vs epsilon (%d seeds)", stat, families.get(f), seeds),
            "epsilon", stat + " absolute error").logY();
        for (int m = 0; m < 3; m++) {
          double[] y = new double[epsilons.length];
          for (int e = 0; e < epsilons.length; e++) {
            y[e] = (stat.equals("max") ? maxSum : meanSum)[m][e][f] / seeds;
          }
          if (m == 2) {
            c.dashed(labels[m], epsilons, y);
          } else {
            c.series(labels[m], epsilons, y);
          }
        }
        ctx.save(c, "error-" + stat + "-" + families.get(f) + ".png");
      }
    }
    Chart f1 = Chart.line("ML efficacy: logistic regression trained on synthetic, tested on real", "epsilon", "macro F1");
    for (int m = 0; m < 3; m++) {
      double[] y = new double[epsilons.length];
      for (int e = 0; e < epsilons.length; e++) {
        y[e] = f1Sum[m][e] / seeds;
      }
      f1.series(labels[m], epsilons, y);
    }
    double[] realLine = new double[epsilons.length];
    java.util.Arrays.fill(realLine, real.macroF1());
    f1.dashed("trained on real data", epsilons, realLine);
    f1.xy().getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    ctx.save(f1, "ml-f1.png");
    Chart fit = Chart.line("Private-GSD fitness vs generation (seed 0)", "generation", "fitness ||q(D) - y||^2").logY();
    traces.forEach((eps, t) -> fit.series("epsilon " + eps, t[0], t[1]));
    ctx.save(fit, "fitness.png");
  }
}
