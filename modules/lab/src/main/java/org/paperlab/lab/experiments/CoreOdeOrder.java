package org.paperlab.lab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Fits;
import org.paperlab.core.ode.Ode;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.core.ode.Scheme;
import org.paperlab.core.ode.VectorField;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;

/**
 * {@code core-ode-order}: the empirical order of every integrator in paperlab-core.
 *
 * <p>Integrates two problems with known solutions over {@code t in [0, 1]} with step sizes
 * {@code h = 1/n}: exponential decay {@code y' = -y} ({@code y(1) = e^{-1}}) and the rotation
 * {@code (x, y)' = (-y, x)} from {@code (1, 0)} ({@code (cos 1, sin 1)} at {@code t = 1}). The
 * global error of a method of order {@code p} behaves like {@code C h^p}, so the slope of
 * log(error) against log(h) estimates {@code p}: about 1 (Euler), 2 (Heun), 4 (RK4) and 5 (the
 * Dormand-Prince 5th-order solution, fixed step). Also reports the adaptive RK45's NFE at three
 * tolerances.
 *
 * <p>metrics.json: {@code slope_<scheme>_<problem>} for scheme in euler, heun, rk4, dopri5 and
 * problem in decay, rotation; {@code adaptive_nfe_rtol<r>} and {@code adaptive_error_rtol<r>}.
 */
public final class CoreOdeOrder implements Experiment {
  private static final VectorField DECAY = (t, x) -> x.neg();
  private static final VectorField ROTATION =
      (t, x) -> Nd4j.hstack(x.getColumn(1, true).neg(), x.getColumn(0, true));

  @Override
  public String name() {
    return "core-ode-order";
  }

  @Override
  public String description() {
    return "Empirical order of Euler, Heun, RK4 and Dormand-Prince: error vs step size on log-log axes";
  }

  @Override
  public void run(RunContext ctx) {
    int[] steps = ctx.quick() ? new int[] {4, 8, 16, 32, 64} : new int[] {4, 8, 16, 32, 64, 128, 256};
    ctx.config("steps", steps);
    ctx.config("problems", List.of("decay: y'=-y, y(0)=1", "rotation: (x,y)'=(-y,x), (1,0)"));
    CsvTable table = new CsvTable("problem", "scheme", "steps", "h", "error", "nfe");
    for (String problem : new String[] {"decay", "rotation"}) {
      Chart chart = Chart.logLog("Global error at t = 1 (" + problem + ")", "step size h", "error");
      for (Scheme s : Scheme.values()) {
        List<Double> hs = new ArrayList<>();
        List<Double> errs = new ArrayList<>();
        for (int n : steps) {
          var r = Ode.solve(field(problem), start(problem), 0, 1, OdeMethod.fixed(s, n));
          double err = error(problem, r.state());
          table.addRow(problem, s.name().toLowerCase(Locale.ROOT), n, 1.0 / n, err, r.nfe());
          // Points at round-off (error below 1e-13) carry no information about the order.
          if (err > 1e-13) {
            hs.add(1.0 / n);
            errs.add(err);
          }
        }
        double[] h = hs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = errs.stream().mapToDouble(Double::doubleValue).toArray();
        Fits.Line fit = chart.seriesWithFit(s.name().toLowerCase(Locale.ROOT), h, e);
        ctx.metric("slope_" + s.name().toLowerCase(Locale.ROOT) + "_" + problem, fit.slope());
        ctx.log("%-8s %-8s slope %.3f (order %d)", problem, s, fit.slope(), s.order());
      }
      ctx.save(chart, "order-" + problem + ".png");
    }
    ctx.save(table, "errors.csv");

    CsvTable adaptive = new CsvTable("rtol", "atol", "nfe", "accepted", "rejected", "error");
    for (double rtol : new double[] {1e-3, 1e-6, 1e-9}) {
      var r = Ode.solve(ROTATION, start("rotation"), 0, 1, OdeMethod.adaptive(rtol, rtol * 1e-2));
      double err = error("rotation", r.state());
      adaptive.add(rtol, rtol * 1e-2, r.nfe(), r.acceptedSteps(), r.rejectedSteps(), err);
      String key = String.format(Locale.ROOT, "rtol%.0e", rtol).replace("e-0", "e-");
      ctx.metric("adaptive_nfe_" + key, r.nfe());
      ctx.metric("adaptive_error_" + key, err);
    }
    ctx.save(adaptive, "adaptive.csv");
  }

  private static VectorField field(String problem) {
    return problem.equals("decay") ? DECAY : ROTATION;
  }

  private static INDArray start(String problem) {
    return problem.equals("decay")
        ? Nd4j.createFromArray(new double[][] {{1.0}})
        : Nd4j.createFromArray(new double[][] {{1.0, 0.0}});
  }

  private static double error(String problem, INDArray state) {
    if (problem.equals("decay")) {
      return Math.abs(state.getDouble(0) - Math.exp(-1));
    }
    return Math.hypot(state.getDouble(0, 0) - Math.cos(1), state.getDouble(0, 1) - Math.sin(1));
  }

  public static void main(String[] args) {
    Runner.main(new CoreOdeOrder(), args);
  }
}
