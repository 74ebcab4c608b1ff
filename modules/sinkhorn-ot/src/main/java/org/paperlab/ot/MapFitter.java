package org.paperlab.ot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;
import org.paperlab.core.ProgressListener;
import org.paperlab.core.Tensors;
import org.paperlab.core.nn.Adam;
import org.paperlab.core.nn.Mlp;
import org.paperlab.core.nn.MlpConfig;

/**
 * Fits a transport map {@code T_theta} (an MLP, {@link Mlp}) from samples of a source {@code mu}
 * and a target {@code nu} by minimizing (Uscidda and Cuturi 2023, Eq. 10)
 *
 * <pre>
 *   L(theta) = S_{eps_fit}(T_theta # mu_n, nu_n) + lambda M_{mu_n}(T_theta)
 * </pre>
 *
 * where {@code T_theta(x)} is the network's output, or {@code x} plus it with
 * {@link MapFitConfig#residual()}, with the Sinkhorn divergence {@link SinkhornDivergence} as fitting term and the Monge gap
 * {@link MongeGap} as regularizer. The gradient with respect to the mapped points comes from the
 * Sinkhorn potentials (envelope theorem: the plans of {@code OT(Tx, y)}, {@code OT(Tx, Tx)} and the
 * Monge gap's {@code OT(x, Tx)}); {@link Mlp#backward} then chains it to the parameters, and Adam
 * takes the step. The constant {@code OT(y, y)} term is only evaluated for the logged loss.
 *
 * <p>The fit is random only through {@link MapFitConfig#seed()}: one stream
 * {@code new SplittableRandom(seed)} initializes the network and then draws every batch.
 *
 * <pre>{@code
 * MapFitter.Result fit = MapFitter.fit(MapFitConfig.defaults().withLambda(1).withSeed(7), source, target);
 * double[] tx = fit.apply(xs, n);
 * }</pre>
 */
public final class MapFitter {
  private MapFitter() {}

  /**
   * The fitted map and its training curve.
   *
   * @param config the settings
   * @param map the trained network ({@code d -> d})
   * @param residual whether the map is {@code x + map(x)} (see {@link MapFitConfig#residual()})
   * @param steps logged step numbers
   * @param loss the loss at each logged step
   * @param divergence the Sinkhorn divergence at each logged step
   * @param mongeGap the Monge gap at each logged step (computed even when {@code lambda = 0})
   * @param seconds training time
   */
  public record Result(MapFitConfig config, Mlp map, boolean residual, int[] steps, double[] loss,
      double[] divergence, double[] mongeGap, double seconds) implements MethodResult<MapFitConfig> {

    public Result {
      steps = steps.clone();
      loss = loss.clone();
      divergence = divergence.clone();
      mongeGap = mongeGap.clone();
    }

    /** {@code T(x)} for row-major {@code x} ({@code n x d}). */
    public double[] apply(double[] x, int n) {
      return MapFitter.apply(map, residual, x, n);
    }

    /** The logged step numbers (a copy). */
    @Override
    public int[] steps() {
      return steps.clone();
    }

    /** The loss at each logged step (a copy). */
    @Override
    public double[] loss() {
      return loss.clone();
    }

    /** The Sinkhorn divergence at each logged step (a copy). */
    @Override
    public double[] divergence() {
      return divergence.clone();
    }

    /** The Monge gap at each logged step (a copy). */
    @Override
    public double[] mongeGap() {
      return mongeGap.clone();
    }

    /**
     * The last logged values, {@code final_loss}, {@code final_sinkhorn_divergence},
     * {@code final_monge_gap}, and {@code steps}, {@code seconds}.
     */
    @Override
    public Map<String, Object> toMetrics() {
      int last = loss.length - 1;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("final_loss", loss[last]);
      m.put("final_sinkhorn_divergence", divergence[last]);
      m.put("final_monge_gap", mongeGap[last]);
      m.put("steps", config.steps());
      m.put("seconds", seconds);
      return m;
    }
  }

  /**
   * {@code T(x)} of a network for row-major {@code x} ({@code n x d}): {@code map(x)}, or
   * {@code x + map(x)} when {@code residual}.
   */
  public static double[] apply(Mlp map, boolean residual, double[] x, int n) {
    int d = map.config().inputDim();
    Checks.require(x.length == (long) n * d, "x has %d values, expected n*d = %d*%d", x.length, n, d);
    INDArray in = Tensors.matrix(x, n, d, map.config().dataType());
    double[] out = Tensors.toDoubles(map.predict(in));
    if (residual) {
      addSkip(out, x);
    }
    return out;
  }

  /** {@code out += x}: the identity skip {@code T(x) = x + MLP(x)} on the network's output. */
  private static void addSkip(double[] out, double[] x) {
    for (int q = 0; q < out.length; q++) {
      out[q] += x[q];
    }
  }

  /** Trains a fresh map on batches of {@code source} and {@code target}. */
  public static Result fit(MapFitConfig config, Sampler source, Sampler target) {
    return fit(config, source, target, null);
  }

  /**
   * Trains a fresh map (initialized from {@code config.seed()}'s stream) on batches drawn from the
   * same stream; {@code listener} (may be null) hears {@code (step, steps)} after every step.
   */
  public static Result fit(MapFitConfig config, Sampler source, Sampler target, ProgressListener listener) {
    Checks.notNull("config", config);
    Checks.notNull("source", source);
    Checks.notNull("target", target);
    ProgressListener progress = ProgressListener.orNone(listener);
    SplittableRandom rng = new SplittableRandom(config.seed());
    int d = source.dimension();
    Checks.require(target.dimension() == d,
        "source has dimension %d but target has dimension %d", d, target.dimension());
    MlpConfig mc = new MlpConfig(d, config.hidden(), d, config.activation(), false, DataType.DOUBLE);
    Mlp mlp = new Mlp(mc, rng);
    Adam adam = new Adam(config.learningRate());
    INDArray grad = mlp.newGradient();
    int b = config.batchSize();
    StandardCost cost = config.cost();
    SinkhornConfig fit = SinkhornConfig.defaults()
        .withEpsilon(config.epsFit(), EpsilonScale.MEAN)
        .withPrecision(Precision.DOUBLE)
        .withTolerance(config.sinkhornTolerance())
        .withMaxIterations(config.sinkhornMaxIterations())
        .withThreads(1);
    SinkhornConfig reg = fit.withEpsilon(config.epsReg(), EpsilonScale.MEAN);
    int logs = (config.steps() + config.logEvery() - 1) / config.logEvery() + 1;
    int[] logStep = new int[logs];
    double[] logLoss = new double[logs];
    double[] logDiv = new double[logs];
    double[] logGap = new double[logs];
    int k = 0;
    long t0 = System.nanoTime();
    for (int step = 0; step <= config.steps(); step++) {
      double[] x = source.sample(b, rng);
      double[] y = target.sample(b, rng);
      boolean log = step % config.logEvery() == 0 || step == config.steps();
      INDArray in = Tensors.matrix(x, b, d, DataType.DOUBLE);
      Mlp.Trace trace = mlp.forward(in);
      double[] z = Tensors.toDoubles(trace.output());
      if (config.residual()) {
        // dT/dMLP is the identity, so the gradient below reaches the network as is
        addSkip(z, x);
      }
      PointCloud zc = PointCloud.of(z, b, d);
      PointCloud yc = PointCloud.of(y, b, d);
      double eps = Sinkhorn.absoluteEpsilon(fit, zc, yc, cost);
      SinkhornConfig fitAbs = fit.withEpsilon(eps, EpsilonScale.NONE);
      SinkhornResult zy = Sinkhorn.solve(fitAbs, zc, yc, cost);
      SinkhornResult zz = Sinkhorn.solve(fitAbs, zc, zc, cost);
      double[] g = SinkhornDivergence.planGradient(zy.plan(), zc, yc, cost, 1.0);
      double[] gzz = SinkhornDivergence.planGradient(zz.plan(), zc, zc, cost, 1.0);
      for (int q = 0; q < g.length; q++) {
        g[q] -= gzz[q];
      }
      MongeGap.Result mg = null;
      if (config.lambda() > 0 || log) {
        mg = MongeGap.solve(reg, x, z, b, d, cost, config.lambda() > 0);
        if (config.lambda() > 0) {
          double[] mgGrad = mg.gradient();
          for (int q = 0; q < g.length; q++) {
            g[q] += config.lambda() * mgGrad[q];
          }
        }
      }
      if (log) {
        double yy = Sinkhorn.solve(fitAbs, yc, yc, cost).dual();
        double div = zy.dual() - 0.5 * zz.dual() - 0.5 * yy;
        double gap = mg.value();
        logStep[k] = step;
        logDiv[k] = div;
        logGap[k] = gap;
        logLoss[k] = div + config.lambda() * gap;
        k++;
      }
      if (step == config.steps()) {
        break;
      }
      for (double v : g) {
        if (!Double.isFinite(v)) {
          throw new IllegalStateException("non-finite gradient at step " + step
              + " (a Sinkhorn solve diverged: " + zy.failure() + zz.failure() + ")");
        }
      }
      INDArray gOut = Nd4j.createFromArray(g).reshape('c', b, d);
      mlp.backward(trace, gOut, grad, false);
      adam.step(mlp.params(), grad);
      progress.progress(step + 1, config.steps());
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    return new Result(config, mlp, config.residual(), Arrays.copyOf(logStep, k), Arrays.copyOf(logLoss, k),
        Arrays.copyOf(logDiv, k), Arrays.copyOf(logGap, k), secs);
  }
}
