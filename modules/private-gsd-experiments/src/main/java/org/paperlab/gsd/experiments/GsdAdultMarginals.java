package org.paperlab.gsd.experiments;

import java.util.ArrayList;
import java.util.List;
import org.paperlab.gsd.AdultData;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.QueryOptions;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.Workload;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.gsd.Workloads;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;

/**
 * {@code gsd-adult-marginals}: categorical 2-way and 3-way marginals on the binned Adult table
 * (private-pgm's coding, all 14 columns categorical), Private-GSD vs the RAP-style baseline vs
 * non-private GSD, over epsilon in {0.07, 0.23, 0.52, 0.74, 1.0} with delta = 1/n^2 and 3 seeds
 * (Liu, Tang, Vietri and Wu 2023, Section 6: k-way marginals on census data, where first-order
 * methods and GSD should tie).
 *
 * <p>The 48,842 rows are split at random (seeded) 2/3 for synthesis and 1/3 for ML efficacy.
 * Default size: marginals with at most 2,000 cells (the official code's
 * {@code max_workload_size} filter; 76 of 91 pairs, 117 of 364 triples), one-shot measurement,
 * GSD with N = 8,000 rows (the official default for categorical data is 32,000, which needs over
 * a million generations per fit; 8,000 keeps the 18 GSD fits within minutes on 2 cores),
 * population 100, elite 5, at most 400,000 generations with the official early stop; RAP with
 * 500 relaxed rows x 10 samples, 300 Adam steps (the official RAP++ runs use 1,000 rows and
 * 1,000 steps). Quick
 * size: marginals with at most 300 cells, epsilon {0.07, 1.0}, 1 seed, N = 500, at most 15,000
 * generations, RAP 200 rows x 5 samples and 100 steps.
 *
 * <p>metrics.json: {@code <method>_<2way|3way>_<max|mean>_eps<eps>} and
 * {@code <method>_<f1|accuracy|seconds|iterations>_eps<eps>} for method in gsd, rap, nonprivate
 * (mean over seeds; the non-private value does not depend on epsilon and is repeated), plus
 * {@code real_f1}, {@code real_accuracy}, {@code rho_eps<eps>}, {@code ledger_rho_eps<eps>}.
 */
public final class GsdAdultMarginals implements Experiment {
  @Override
  public String name() {
    return "gsd-adult-marginals";
  }

  @Override
  public String description() {
    return "Private-GSD vs RAP vs non-private on binned Adult 2-way/3-way marginals: error vs epsilon, fitness, ML efficacy";
  }

  @Override
  public void run(RunContext ctx) {
    boolean quick = ctx.quick();
    Table all = AdultData.binned();
    Table[] split = all.split(2.0 / 3.0, ctx.seeds().child("split").seed());
    int maxCells = quick ? 300 : 2000;
    QueryOptions q = QueryOptions.defaults().withMaxCells(maxCells);
    List<Workload> w = new ArrayList<>(Workloads.family(all.schema(), "2way", q));
    w.addAll(Workloads.family(all.schema(), "3way", q));
    WorkloadSet workloads = new WorkloadSet(all.schema(), w);
    GsdConfig gsd = quick
        ? GsdConfig.defaults().withRows(500).withMaxGenerations(15_000)
        : GsdConfig.defaults().withRows(8000).withMaxGenerations(400_000);
    ctx.config("data", "UCI Adult, binned by private-pgm (CC BY 4.0), 48,842 rows split 2/3 : 1/3");
    ctx.config("max_cells", maxCells);
    ctx.config("query_options", q);
    new AdultStudy(ctx, split[0], split[1], workloads, gsd).run();
  }

  public static void main(String[] args) {
    Runner.main(new GsdAdultMarginals(), args);
  }
}
