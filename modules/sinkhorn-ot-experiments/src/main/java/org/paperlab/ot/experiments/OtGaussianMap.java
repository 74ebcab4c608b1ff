package org.paperlab.ot.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.paperlab.core.Nd4jThreads;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.ot.GaussianMaps;
import org.paperlab.ot.MapFitConfig;
import org.paperlab.ot.MapFitter;
import org.paperlab.ot.Sampler;
import org.paperlab.ot.StandardCost;

/**
 * {@code ot-gaussian-map}: fitting the Monge map between two Gaussians, where it is known in closed
 * form, with and without the Monge gap (Uscidda and Cuturi 2023, Section 6.2).
 *
 * <p>For {@code mu = N(m1, S1)} and {@code nu = N(m2, S2)} the squared-Euclidean OT map is linear
 * (Bures; e.g. Peyre and Cuturi 2019, Remark 2.31), the library's {@link GaussianMaps}:
 * {@code T*(x) = m2 + A (x - m1)}, {@code A = S1^{-1/2} (S1^{1/2} S2 S1^{1/2})^{1/2} S1^{-1/2}}.
 * Covariances are {@code Q diag(l) Q^T} with a random rotation {@code Q} and eigenvalues
 * {@code l ~ U[0.5, 2]}; {@code m2 ~ N(0, I)}, {@code m1 = 0}. The fitted map {@code T} is scored by
 * the L2 unexplained variance percentage (Korotin et al. 2021, "Do Neural Optimal Transport Solvers
 * Work?", Section 4.2): {@code L2-UVP = 100 E|T(x) - T*(x)|^2 / tr(S2)} on 4,096 held-out samples.
 *
 * <p>Training: MLP with three hidden layers of {@code max(64, 2d)} units (GELU), Adam 1e-3, batch
 * 256, loss {@code S_eps(T#mu, nu) + lambda M(T)} with eps_fit = 0.1 and eps_reg = 0.01 times the
 * mean cost, squared Euclidean cost, lambda = 1 (and 0 without the Monge gap).
 *
 * <p>metrics.json, for every dimension {@code d} and {@code <reg>} in {@code mg, no_mg}:
 * {@code l2_uvp_d<d>_<reg>}, {@code train_seconds_d<d>_<reg>}; and {@code lambda}, {@code steps}.
 * run.json records each fit's MapFitConfig whole under {@code fit.d<d>_<reg>} (its seed:
 * {@code seeds.child("fit").child(d).child(reg)}).
 */
public final class OtGaussianMap implements Experiment {
  static final double LAMBDA = 1.0;

  @Override
  public String name() {
    return "ot-gaussian-map";
  }

  @Override
  public String description() {
    return "Gaussian-to-Gaussian map fitting vs the closed-form Bures map: L2-UVP with and without the Monge gap";
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    // thousands of tiny ND4J ops per run: single-threaded ND4J is several times faster here
    Nd4jThreads.single(() -> fitAll(ctx));
  }

  private void fitAll(RunContext ctx) {
    boolean quick = ctx.quick();
    int[] dims = quick ? new int[] {2, 8} : new int[] {2, 4, 8, 16, 32, 64};
    int steps = quick ? 120 : 2000;
    int batch = quick ? 128 : 256;
    int eval = 4096;
    ctx.config("dimensions", dims).config("steps", steps).config("batch_size", batch)
        .config("eval_samples", eval).config("lambda", LAMBDA).config("eps_fit_relative_mean", 0.1)
        .config("eps_reg_relative_mean", 0.01);
    ctx.metric("lambda", LAMBDA);
    ctx.metric("steps", steps);
    CsvTable table = new CsvTable("d", "regularizer", "l2_uvp", "train_seconds");
    List<Double> ds = new ArrayList<>();
    List<Double> withMg = new ArrayList<>();
    List<Double> withoutMg = new ArrayList<>();
    for (int d : dims) {
      SplittableRandom rng = ctx.seeds().child("gaussians").child(d).random();
      Gaussian src = Gaussian.random(d, false, rng);
      Gaussian tgt = Gaussian.random(d, true, rng);
      double[] a = GaussianMaps.bures(flat(src.cov), flat(tgt.cov), d);
      double[] xs = src.sampler().sample(eval, ctx.seeds().child("eval").child(d).random());
      double[] opt = GaussianMaps.apply(a, src.mean, tgt.mean, xs, eval);
      double trace = 0;
      for (int k = 0; k < d; k++) {
        trace += tgt.cov.getEntry(k, k);
      }
      ds.add((double) d);
      for (boolean mg : new boolean[] {false, true}) {
        String reg = mg ? "mg" : "no_mg";
        int width = Math.max(64, 2 * d);
        MapFitConfig cfg = MapFitConfig.defaults().withCost(StandardCost.SQEUCLIDEAN)
            .withLambda(mg ? LAMBDA : 0.0).withSteps(steps).withBatchSize(batch)
            .withHidden(List.of(width, width, width)).withLogEvery(quick ? 20 : 100)
            .withSeed(ctx.seeds().child("fit").child(d).child(reg).seed());
        ctx.config("fit.d" + d + "_" + reg, cfg);
        MapFitter.Result fit;
        try (Progress p = ctx.progress("d=" + d + " " + reg, steps)) {
          fit = MapFitter.fit(cfg, src.sampler(), tgt.sampler(), p.listener());
          double[] loss = fit.loss();
          p.status("loss %.4f", loss[loss.length - 1]);
        }
        double[] tx = fit.apply(xs, eval);
        double se = 0;
        for (int q = 0; q < tx.length; q++) {
          double e = tx[q] - opt[q];
          se += e * e;
        }
        double uvp = 100 * se / eval / trace;
        ctx.metric("l2_uvp_d" + d + "_" + reg, uvp);
        ctx.metric("train_seconds_d" + d + "_" + reg, fit.seconds());
        table.addRow(d, reg, uvp, fit.seconds());
        (mg ? withMg : withoutMg).add(uvp);
        ctx.log("d = %2d %-5s L2-UVP = %7.3f %%  (%.1f s)", d, reg, uvp, fit.seconds());
      }
    }
    ctx.save(table, "l2_uvp.csv");
    Chart c = Chart.line("L2-UVP of the fitted map vs the closed-form OT map", "dimension d", "L2-UVP (%)").logY();
    double[] x = ds.stream().mapToDouble(Double::doubleValue).toArray();
    c.series("without Monge gap", x, withoutMg.stream().mapToDouble(Double::doubleValue).toArray());
    c.series("with Monge gap (lambda = " + LAMBDA + ")", x, withMg.stream().mapToDouble(Double::doubleValue).toArray());
    ctx.save(c, "l2_uvp.png");
  }

  /** The entries of {@code m}, row-major. */
  static double[] flat(RealMatrix m) {
    int d = m.getRowDimension();
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = m.getEntry(i, j);
      }
    }
    return out;
  }

  /** {@code N(mean, cov)} with a random rotation and eigenvalues in [0.5, 2]; {@code root} is {@code cov^{1/2}}, row-major. */
  record Gaussian(double[] mean, RealMatrix cov, double[] root) {
    static Gaussian random(int d, boolean shifted, SplittableRandom rng) {
      RealMatrix g = MatrixUtils.createRealMatrix(d, d);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          g.setEntry(i, j, rng.nextGaussian());
        }
      }
      RealMatrix q = new QRDecomposition(g).getQ();
      RealMatrix l = MatrixUtils.createRealMatrix(d, d);
      for (int i = 0; i < d; i++) {
        l.setEntry(i, i, 0.5 + 1.5 * rng.nextDouble());
      }
      RealMatrix cov = q.multiply(l).multiply(q.transpose());
      double[] mean = new double[d];
      if (shifted) {
        for (int i = 0; i < d; i++) {
          mean[i] = rng.nextGaussian();
        }
      }
      return new Gaussian(mean, cov, GaussianMaps.sqrt(flat(cov), d));
    }

    Sampler sampler() {
      return Sampler.gaussian(mean, root);
    }
  }

  public static void main(String[] args) {
    Runner.main(new OtGaussianMap(), args);
  }
}
