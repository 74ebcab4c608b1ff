package org.paperlab.ot.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.paperlab.core.Nd4jThreads;
import org.paperlab.core.Seeds;
import org.paperlab.lab.Chart;
import org.paperlab.lab.CsvTable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Progress;
import org.paperlab.lab.RunContext;
import org.paperlab.lab.Runner;
import org.paperlab.ot.EntropicMap;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.GaussianMaps;
import org.paperlab.ot.MapFitConfig;
import org.paperlab.ot.MapFitter;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.Precision;
import org.paperlab.ot.Sampler;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornDivergence;
import org.paperlab.ot.StandardCost;

/**
 * {@code ot-gaussian-map}: fitting the Monge map between two Gaussians, where it is known in closed
 * form, with and without the Monge gap (Uscidda and Cuturi 2023, Section 6.2), against a baseline
 * that needs no training, the entropic map estimator (Pooladian and Niles-Weed 2021).
 *
 * <p>For {@code mu = N(m1, S1)} and {@code nu = N(m2, S2)} the squared-Euclidean OT map is linear
 * (Bures; e.g. Peyre and Cuturi 2019, Remark 2.31), the library's {@link GaussianMaps}:
 * {@code T*(x) = m2 + A (x - m1)}, {@code A = S1^{-1/2} (S1^{1/2} S2 S1^{1/2})^{1/2} S1^{-1/2}}.
 * Covariances are {@code Q diag(l) Q^T} with a random rotation {@code Q} and eigenvalues
 * {@code l ~ U[0.5, 2]}; {@code m2 ~ N(0, I)}, {@code m1 = 0}. A map {@code T} is scored by the L2
 * unexplained variance percentage (Korotin et al. 2021, "Do Neural Optimal Transport Solvers
 * Work?", Section 4.2): {@code L2-UVP = 100 E|T(x) - T*(x)|^2 / tr(S2)} on 4,096 held-out samples
 * ({@link GaussianMaps#l2Uvp}); the identity's is given in closed form ({@link GaussianMaps#l2UvpAffine}).
 *
 * <p>Maps:
 * <ul>
 *   <li>{@code no_mg}, {@code mg}: MLP {@code T(x) = MLP(x)}, three hidden layers of
 *       {@code max(64, 2d)} units (GELU), Adam 1e-3, batch 256, loss
 *       {@code S_eps(T#mu, nu) + lambda M(T)} with eps_fit = 0.1 and eps_reg = 0.01 times the mean
 *       cost, squared Euclidean cost, lambda = 1 ({@code mg}) or 0 ({@code no_mg});
 *   <li>{@code residual_no_mg}, {@code residual_mg}: the same with an identity skip,
 *       {@code T(x) = x + MLP(x)} ({@link MapFitConfig#residual()});
 *   <li>{@code entropic}: {@link EntropicMap} fitted on {@code n_entropic} source and target samples
 *       (4,096; quick 512), at the epsilon of {@link #ENTROPIC_EPS} (relative to the mean cost) with
 *       the lowest L2-UVP on 1,024 validation samples (drawn apart from the test samples; the
 *       selection uses the true map, as the baseline's best case); at default size also on 1,024
 *       and 8,192 samples ({@code entropic_n<n>}; for 8,192 the grid starts at 0.01). Float
 *       storage, double arithmetic (the library's default precision), L1 marginal tolerance 1e-6,
 *       epsilon scaling. (The MLPs see 256 fresh samples per step, 512,000
 *       in 2,000 steps.)
 * </ul>
 * The fitting loss of every map is also measured on held-out samples: the Sinkhorn divergence
 * {@code S_eps(T#mu_n, nu_n)} at eps = 0.1 x mean cost between the images of 2,048 test samples
 * (quick 512) and as many fresh target samples, beside the same number for the exact map
 * {@code T*} (its value is the sampling floor).
 *
 * <p>Ablation (default size at d = 16, quick at d = 8): the {@code mg} fit with one setting changed
 * at a time ({@link #ablations}), same seed.
 *
 * <p>metrics.json, for every dimension {@code d} and {@code <map>} in {@code no_mg, mg,
 * residual_no_mg, residual_mg, entropic}: {@code l2_uvp_d<d>_<map>},
 * {@code sinkhorn_divergence_d<d>_<map>}, {@code train_seconds_d<d>_<map>} (for the entropic map:
 * the fits of the whole epsilon grid); {@code final_loss_d<d>_<map>} (last logged training loss of
 * the MLP maps); {@code l2_uvp_d<d>_identity}, {@code sinkhorn_divergence_d<d>_exact};
 * {@code epsilon_d<d>_entropic} (the chosen relative epsilon) and
 * {@code l2_uvp_val_d<d>_entropic_eps<e>} for every grid value (NaN: the solve hit
 * {@link #ENTROPIC_MAX_ITERATIONS}); at default size the same keys with {@code entropic_n<n>} for
 * the sample sizes of {@link #ENTROPIC_SWEEP}; {@code l2_uvp_d<dA>_ablation_<name>}
 * and {@code train_seconds_d<dA>_ablation_<name>}; and {@code lambda}, {@code steps},
 * {@code batch_size}, {@code n_entropic}. run.json records each fit's MapFitConfig whole under
 * {@code fit.d<d>_<map>} (its seed: {@code seeds.child("fit").child(d).child(map)}) and each entropic
 * solve's SinkhornConfig under {@code entropic.d<d>_eps<e>}.
 */
public final class OtGaussianMap implements Experiment {
  static final double LAMBDA = 1.0;
  /**
   * System property that restricts the run to some dimensions, e.g. {@code -Dot.gaussian.dims=16,32}
   * (through {@code PAPERLAB_JAVA_OPTS}): each dimension's numbers are seeded by {@code d} alone, so
   * they are the full run's; recorded in run.json as {@code dimensions}.
   */
  static final String DIMS_PROPERTY = "ot.gaussian.dims";
  /** The entropic map's epsilon grid, relative to the mean cost between the two samples. */
  static final double[] ENTROPIC_EPS = {0.003, 0.01, 0.02, 0.03, 0.05, 0.1};
  /** Iteration cap of the entropic map's solves (the smallest epsilons may stop short: skipped). */
  static final int ENTROPIC_MAX_ITERATIONS = 3000;
  /** Extra sample sizes of the entropic map at default size (its own epsilon choice each). */
  static final int[] ENTROPIC_SWEEP = {1024, 8192};

  /** A fitted-map variant: the map's parametrization and the weight of the Monge gap. */
  record Variant(String key, String label, boolean residual, double lambda) {}

  static final List<Variant> VARIANTS = List.of(
      new Variant("no_mg", "MLP, fitting loss only", false, 0.0),
      new Variant("mg", "MLP + Monge gap (lambda = " + LAMBDA + ")", false, LAMBDA),
      new Variant("residual_no_mg", "x + MLP(x), fitting loss only", true, 0.0),
      new Variant("residual_mg", "x + MLP(x) + Monge gap", true, LAMBDA));

  /** One ablation setting: a name for the keys and the change to the {@code mg} fit's config. */
  record Ablation(String name, UnaryOperator<MapFitConfig> change) {}

  /** The ablation of the {@code mg} fit: one knob at a time (quick: two of them). */
  static List<Ablation> ablations(boolean quick) {
    List<Ablation> all = List.of(
        new Ablation("eps_reg0.1", c -> c.withEpsReg(0.1)),
        new Ablation("lambda10", c -> c.withLambda(10)),
        new Ablation("lambda0.1", c -> c.withLambda(0.1)),
        new Ablation("residual_lambda10", c -> c.withResidual(true).withLambda(10)),
        new Ablation("eps_fit0.01", c -> c.withEpsFit(0.01)));
    return quick ? all.subList(0, 2) : all;
  }

  @Override
  public String name() {
    return "ot-gaussian-map";
  }

  @Override
  public String description() {
    return "Gaussian-to-Gaussian maps vs the closed-form Bures map: L2-UVP of MLP maps with/without the Monge gap and of the entropic map";
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    // thousands of tiny ND4J ops per run: single-threaded ND4J is several times faster here
    Nd4jThreads.single(() -> fitAll(ctx));
  }

  private void fitAll(RunContext ctx) {
    boolean quick = ctx.quick();
    int[] dims = quick ? new int[] {2, 8} : new int[] {2, 4, 8, 16, 32, 64};
    String only = System.getProperty(DIMS_PROPERTY);
    if (only != null && !only.isBlank()) {
      // a partial re-run of some dimensions (every number is per-d seeded: the same as in a full run)
      dims = java.util.Arrays.stream(only.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
    }
    int steps = quick ? 120 : 2000;
    int batch = quick ? 128 : 256;
    int eval = 4096;
    int nDiv = quick ? 512 : 2048;
    int nEntropic = quick ? 512 : 4096;
    int nVal = 1024;
    int ablationDim = quick ? 8 : 16;
    ctx.config("dimensions", dims).config("steps", steps).config("batch_size", batch)
        .config("eval_samples", eval).config("lambda", LAMBDA).config("eps_fit_relative_mean", 0.1)
        .config("eps_reg_relative_mean", 0.01).config("divergence_samples", nDiv)
        .config("entropic_samples", nEntropic).config("entropic_validation_samples", nVal)
        .config("entropic_eps_relative_mean", ENTROPIC_EPS).config("ablation_dimension", ablationDim);
    ctx.metric("lambda", LAMBDA);
    ctx.metric("steps", steps);
    ctx.metric("batch_size", batch);
    ctx.metric("n_entropic", nEntropic);
    CsvTable table = new CsvTable("d", "map", "l2_uvp", "sinkhorn_divergence", "train_seconds");
    CsvTable ablationTable = new CsvTable("d", "setting", "l2_uvp", "train_seconds");
    List<Double> ds = new ArrayList<>();
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    Object[] ablationSetup = null; // the ablation dimension's Gaussians and test points
    for (int d : dims) {
      SplittableRandom rng = ctx.seeds().child("gaussians").child(d).random();
      Gaussian src = Gaussian.random(d, false, rng);
      Gaussian tgt = Gaussian.random(d, true, rng);
      double[] a = GaussianMaps.bures(flat(src.cov), flat(tgt.cov), d);
      double[] xs = src.sampler().sample(eval, ctx.seeds().child("eval").child(d).random());
      double[] opt = GaussianMaps.apply(a, src.mean, tgt.mean, xs, eval);
      double trace = tgt.cov.getTrace();
      ds.add((double) d);
      double[] eye = new double[d * d];
      for (int k = 0; k < d; k++) {
        eye[k * d + k] = 1;
      }
      double idUvp = GaussianMaps.l2UvpAffine(eye, new double[d], src.mean, flat(src.cov), tgt.mean, flat(tgt.cov));
      ctx.metric("l2_uvp_d" + d + "_identity", idUvp);
      curves.computeIfAbsent("identity map (closed form)", k -> new ArrayList<>()).add(idUvp);
      double[] yDiv = tgt.sampler().sample(nDiv, ctx.seeds().child("eval_target").child(d).random());
      double exactDiv = divergence(opt, yDiv, nDiv, d);
      ctx.metric("sinkhorn_divergence_d" + d + "_exact", exactDiv);
      table.addRow(d, "exact", 0.0, exactDiv, 0.0);
      for (Variant v : VARIANTS) {
        MapFitConfig cfg = baseConfig(d, steps, batch, quick).withLambda(v.lambda()).withResidual(v.residual())
            .withSeed(ctx.seeds().child("fit").child(d).child(v.key()).seed());
        FitScore f = fitAndScore(ctx, "d" + d + "_" + v.key(), cfg, src, tgt, xs, opt, trace);
        double div = divergence(f.mapped, yDiv, nDiv, d);
        String suffix = "_d" + d + "_" + v.key();
        ctx.metric("l2_uvp" + suffix, f.uvp);
        ctx.metric("train_seconds" + suffix, f.seconds);
        ctx.metric("sinkhorn_divergence" + suffix, div);
        ctx.metric("final_loss" + suffix, f.finalLoss);
        table.addRow(d, v.key(), f.uvp, div, f.seconds);
        curves.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(f.uvp);
        ctx.log("d = %2d %-15s L2-UVP = %7.3f %%  S = %.4g  (%.1f s)", d, v.key(), f.uvp, div, f.seconds);
      }
      // the entropic map: no training, one Sinkhorn solve per epsilon of the grid
      double[] xv = src.sampler().sample(nVal, ctx.seeds().child("validation").child(d).random());
      double[] optV = GaussianMaps.apply(a, src.mean, tgt.mean, xv, nVal);
      for (int n : quick ? new int[] {nEntropic} : new int[] {nEntropic, ENTROPIC_SWEEP[0], ENTROPIC_SWEEP[1]}) {
        String tag = n == nEntropic ? "entropic" : "entropic_n" + n;
        Seeds es = ctx.seeds().child("entropic").child(d);
        if (n != nEntropic) {
          es = es.child(n);
        }
        double[] xe = src.sampler().sample(n, es.child("source").random());
        double[] ye = tgt.sampler().sample(n, es.child("target").random());
        EntropicMap best = null;
        double bestVal = Double.POSITIVE_INFINITY;
        double bestEps = Double.NaN;
        double entSeconds = 0;
        for (double e : ENTROPIC_EPS) {
          if (n > nEntropic && e < 0.01) {
            continue; // 8,192 points at eps = 0.003 x mean: thousands of iterations, not the optimum at any d
          }
          SinkhornConfig sc = SinkhornConfig.defaults().withEpsilon(e, EpsilonScale.MEAN)
              .withPrecision(Precision.FLOAT).withEpsilonScaling(true).withTolerance(1e-6)
              .withMaxIterations(ENTROPIC_MAX_ITERATIONS);
          ctx.config(tag + ".d" + d + "_eps" + e, sc);
          double val;
          long t0 = System.nanoTime();
          try {
            EntropicMap t = EntropicMap.fit(sc, PointCloud.of(xe, n, d), PointCloud.of(ye, n, d), StandardCost.SQEUCLIDEAN);
            val = GaussianMaps.l2Uvp(t.apply(xv, nVal), optV, nVal, d, trace);
            if (val < bestVal) {
              bestVal = val;
              best = t;
              bestEps = e;
            }
          } catch (IllegalStateException notConverged) {
            val = Double.NaN;
          }
          entSeconds += (System.nanoTime() - t0) / 1e9;
          ctx.metric("l2_uvp_val_d" + d + "_" + tag + "_eps" + e, val);
        }
        if (best == null) {
          throw new IllegalStateException("no entropic map of the grid converged at d = " + d + ", n = " + n);
        }
        double[] te = best.apply(xs, eval);
        double entUvp = GaussianMaps.l2Uvp(te, opt, eval, d, trace);
        double entDiv = divergence(te, yDiv, nDiv, d);
        ctx.metric("l2_uvp_d" + d + "_" + tag, entUvp);
        ctx.metric("sinkhorn_divergence_d" + d + "_" + tag, entDiv);
        ctx.metric("train_seconds_d" + d + "_" + tag, entSeconds);
        ctx.metric("epsilon_d" + d + "_" + tag, bestEps);
        table.addRow(d, tag, entUvp, entDiv, entSeconds);
        if (n == nEntropic) {
          curves.computeIfAbsent("entropic map (n = " + n + ", best eps)", k -> new ArrayList<>()).add(entUvp);
        }
        ctx.log("d = %2d %-15s L2-UVP = %7.3f %%  S = %.4g  (eps = %s x mean cost, %.1f s for the grid)",
            d, tag, entUvp, entDiv, bestEps, entSeconds);
      }
      if (d == ablationDim) {
        ablationSetup = new Object[] {src, tgt, xs, opt, trace};
      }
    }
    ctx.save(table, "l2_uvp.csv");
    Chart c = Chart.line("L2-UVP of each map vs the closed-form OT map", "dimension d", "L2-UVP (%)").logY().logX();
    double[] x = ds.stream().mapToDouble(Double::doubleValue).toArray();
    curves.forEach((name, ys) -> c.series(name, x, ys.stream().mapToDouble(Double::doubleValue).toArray()));
    ctx.save(c, "l2_uvp.png");
    // the ablation last, once every dimension's table and chart are saved
    if (ablationSetup == null) {
      return; // a partial run without the ablation dimension
    }
    Gaussian src = (Gaussian) ablationSetup[0];
    Gaussian tgt = (Gaussian) ablationSetup[1];
    double[] xs = (double[]) ablationSetup[2];
    double[] opt = (double[]) ablationSetup[3];
    double trace = (double) ablationSetup[4];
    int d = ablationDim;
    for (Ablation ab : ablations(quick)) {
      MapFitConfig cfg = ab.change().apply(baseConfig(d, steps, batch, quick).withLambda(LAMBDA)
          .withSeed(ctx.seeds().child("fit").child(d).child("mg").seed()));
      FitScore f = fitAndScore(ctx, "d" + d + "_ablation_" + ab.name(), cfg, src, tgt, xs, opt, trace);
      ctx.metric("l2_uvp_d" + d + "_ablation_" + ab.name(), f.uvp);
      ctx.metric("train_seconds_d" + d + "_ablation_" + ab.name(), f.seconds);
      ablationTable.addRow(d, ab.name(), f.uvp, f.seconds);
      ctx.save(ablationTable, "ablation.csv");
      ctx.log("d = %2d ablation %-18s L2-UVP = %7.3f %%  (%.1f s)", d, ab.name(), f.uvp, f.seconds);
    }
  }

  /** The MLP fit's settings before the variant's lambda, skip and seed. */
  private static MapFitConfig baseConfig(int d, int steps, int batch, boolean quick) {
    int width = Math.max(64, 2 * d);
    return MapFitConfig.defaults().withCost(StandardCost.SQEUCLIDEAN).withSteps(steps).withBatchSize(batch)
        .withHidden(List.of(width, width, width)).withLogEvery(quick ? 20 : 100);
  }

  /** A fitted map's test images, L2-UVP, last logged loss and training time. */
  private record FitScore(double[] mapped, double uvp, double finalLoss, double seconds) {}

  private static FitScore fitAndScore(RunContext ctx, String key, MapFitConfig cfg, Gaussian src, Gaussian tgt,
      double[] xs, double[] opt, double trace) {
    ctx.config("fit." + key, cfg);
    int d = src.mean.length;
    int n = xs.length / d;
    MapFitter.Result fit;
    try (Progress p = ctx.progress(key, cfg.steps())) {
      fit = MapFitter.fit(cfg, src.sampler(), tgt.sampler(), p.listener());
      double[] loss = fit.loss();
      p.status("loss %.4f", loss[loss.length - 1]);
    }
    double[] tx = fit.apply(xs, n);
    double[] loss = fit.loss();
    return new FitScore(tx, GaussianMaps.l2Uvp(tx, opt, n, d, trace), loss[loss.length - 1], fit.seconds());
  }

  /**
   * The held-out fitting loss: {@code S_eps(T#mu_n, nu_n)} at eps = 0.1 x mean cost between the
   * first {@code n} mapped test points and {@code n} fresh target samples.
   */
  private static double divergence(double[] mapped, double[] y, int n, int d) {
    SinkhornConfig sc = SinkhornConfig.defaults().withEpsilon(0.1, EpsilonScale.MEAN)
        .withPrecision(Precision.DOUBLE).withTolerance(1e-6).withMaxIterations(20_000);
    double[] z = java.util.Arrays.copyOf(mapped, n * d);
    return SinkhornDivergence.solve(sc, PointCloud.of(z, n, d), PointCloud.of(y, n, d), StandardCost.SQEUCLIDEAN).value();
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
