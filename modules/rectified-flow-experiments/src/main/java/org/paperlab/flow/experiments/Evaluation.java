package org.paperlab.flow.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.flow.FlowMetrics;
import org.paperlab.flow.FlowModel;
import org.paperlab.flow.FlowSampler;
import org.paperlab.flow.SampleResult;
import org.paperlab.flow.SamplerConfig;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.RunContext;

/**
 * The evaluation every flow experiment shares: samples from fresh starting points at Euler NFE
 * 1, 2, 4, 8, 100 and by adaptive RK45 ({@code rtol = atol = 1e-5}, as the official code samples),
 * each compared with fresh target samples by energy distance, RBF MMD and (on 2-D data) the
 * Sinkhorn divergence; and straightness and transport cost on the Euler grid of 100 steps.
 */
final class Evaluation {
  static final int[] NFES = {1, 2, 4, 8, 100};
  static final double ADAPTIVE_TOL = 1e-5;

  /** One model at one sampler: its samples and their distances. */
  record Point(String label, int nfe, SampleResult samples, double energy, double mmd, double sinkhorn) {}

  /** A model's evaluation. */
  record Report(String name, List<Point> points, FlowMetrics.Straightness straightness) {
    Point at(int nfe) {
      return points.stream().filter(p -> p.label().equals("euler") && p.nfe() == nfe).findFirst().orElseThrow();
    }

    Point adaptive() {
      return points.stream().filter(p -> p.label().equals("adaptive")).findFirst().orElseThrow();
    }
  }

  private Evaluation() {}

  /**
   * Evaluates {@code model} from {@code z0} against {@code target}; {@code sinkhorn} adds the
   * Sinkhorn divergence (epsilon 0.05 x mean cost), {@code nfes} the Euler step counts.
   */
  static Report evaluate(String name, FlowModel model, INDArray z0, INDArray target, int[] nfes, boolean sinkhorn,
      boolean withAdaptive) {
    List<Point> points = new ArrayList<>();
    for (int nfe : nfes) {
      points.add(point("euler", model, SamplerConfig.euler(nfe), z0, target, sinkhorn));
    }
    if (withAdaptive) {
      points.add(point("adaptive", model, SamplerConfig.adaptive(ADAPTIVE_TOL), z0, target, sinkhorn));
    }
    FlowMetrics.Straightness s = FlowMetrics.straightness(model, z0, 100, true);
    return new Report(name, points, s);
  }

  private static Point point(String label, FlowModel model, SamplerConfig cfg, INDArray z0, INDArray target,
      boolean sinkhorn) {
    SampleResult r = FlowSampler.solve(cfg, model, z0);
    double e = FlowMetrics.energyDistance(r.samples(), target);
    double m = FlowMetrics.mmd(r.samples(), target);
    double s = sinkhorn ? FlowMetrics.sinkhornDivergence(r.samples(), target, 0.05) : Double.NaN;
    return new Point(label, r.nfe(), r, e, m, s);
  }

  /** Writes the report's figures as metrics {@code <metric>_<name>_nfe<k>}, {@code ..._adaptive}. */
  static void metrics(RunContext ctx, Report r, String suffix) {
    for (Point p : r.points()) {
      String at = p.label().equals("adaptive") ? "adaptive" : "nfe" + p.nfe();
      ctx.metric("energy_distance_" + r.name() + "_" + at + suffix, p.energy());
      ctx.metric("mmd_" + r.name() + "_" + at + suffix, p.mmd());
      if (!Double.isNaN(p.sinkhorn())) {
        ctx.metric("sinkhorn_divergence_" + r.name() + "_" + at + suffix, p.sinkhorn());
      }
      if (p.label().equals("adaptive")) {
        ctx.metric("adaptive_nfe_" + r.name() + suffix, p.nfe());
      }
    }
    ctx.metric("straightness_" + r.name() + suffix, r.straightness().value());
    ctx.metric("straightness_per_dim_" + r.name() + suffix, r.straightness().perDimension());
    ctx.metric("transport_cost_" + r.name() + suffix, r.straightness().transportCost());
  }

  /** Rows {@code flow, sampler, nfe, energy_distance, mmd, sinkhorn_divergence}. */
  static void rows(CsvTable t, String flow, Report r) {
    for (Point p : r.points()) {
      t.addRow(flow, p.label(), (double) p.nfe(), p.energy(), p.mmd(), p.sinkhorn());
    }
  }

  static CsvTable table() {
    return new CsvTable("flow", "sampler", "nfe", "energy_distance", "mmd", "sinkhorn_divergence");
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static OdeMethod euler(int n) {
    return SamplerConfig.euler(n).method();
  }
}
