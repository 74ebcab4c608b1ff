package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;
import org.paperlab.core.nn.Activation;

/**
 * The method contract of paperlab-sinkhorn-ot: configs to flat maps and back, every name through
 * Variants, threads 0 resolved when a solve starts, a worker's exception unwrapped, results with
 * copied arrays and the documented metric keys.
 */
class OtContractTest {
  private static PointCloud blob(int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[2 * n];
    for (int q = 0; q < p.length; q++) {
      p[q] = shift + r.nextGaussian();
    }
    return PointCloud.of(p, n, 2);
  }

  @Test
  void sinkhornConfigRoundTrip() {
    SinkhornConfig d = SinkhornConfig.defaults();
    Map<String, String> m = Configs.toMap(d);
    assertEquals(Configs.keys(SinkhornConfig.class), List.copyOf(m.keySet()));
    // the text forms, written by hand from the documented defaults
    assertEquals("0.05", m.get("epsilon"));
    assertEquals("none", m.get("epsilonScale"));
    assertEquals("auto", m.get("method"));
    assertEquals("float", m.get("precision"));
    assertEquals("1.0E-9", m.get("tolerance"));
    assertEquals("l1", m.get("errorNorm"));
    assertEquals("10000", m.get("maxIterations"));
    assertEquals("Infinity", m.get("tau"));
    assertEquals("0", m.get("threads"));
    assertEquals(d, Configs.fromMap(SinkhornConfig.class, m));
    SinkhornConfig c = d.withEpsilon(0.1 / 3, EpsilonScale.MAX).withMethod(Method.LOG).withPrecision(Precision.DOUBLE)
        .withTolerance(1e-7).withErrorNorm(ErrorNorm.L2).withMaxIterations(123).withCheckEvery(3).withOmega(1.5)
        .withAdaptiveMomentum(false).withEpsilonScaling(true).withScalingFactor(0.7).withTau(2.5).withLazy(true)
        .withThreads(3).withVectorized(false);
    assertEquals(c, Configs.fromMap(SinkhornConfig.class, Configs.toMap(c)));
    assertEquals(Double.doubleToRawLongBits(0.1 / 3),
        Double.doubleToRawLongBits(Configs.fromMap(SinkhornConfig.class, Configs.toMap(c)).epsilon()));
    assertEquals(d.withEpsilon(0.05, EpsilonScale.MEDIAN).withMaxIterations(500),
        Configs.with(d, Map.of("epsilonScale", "median", "maxIterations", "500")));
    // a bad value through the map is the record's own check, under the key's name
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Configs.with(d, Map.of("maxIterations", "0")));
    assertEquals("maxIterations", e.argument());
  }

  @Test
  void mapFitConfigRoundTrip() {
    MapFitConfig d = MapFitConfig.defaults();
    Map<String, String> m = Configs.toMap(d);
    assertEquals("32,64,32", m.get("hidden"));
    assertEquals("gelu", m.get("activation"));
    assertEquals("sqeuclidean", m.get("cost"));
    assertEquals("0", m.get("seed"));
    assertEquals(d, Configs.fromMap(MapFitConfig.class, m));
    MapFitConfig c = d.withHidden(List.of(8)).withActivation(Activation.TANH).withSteps(7).withBatchSize(16)
        .withLearningRate(3e-3).withLambda(1.5).withCost(StandardCost.L1).withEpsFit(0.2).withEpsReg(0.02)
        .withSinkhornTolerance(1e-6).withSinkhornMaxIterations(99).withLogEvery(2).withResidual(true)
        .withSeed(-1234567890123L);
    assertEquals(c, Configs.fromMap(MapFitConfig.class, Configs.toMap(c)));
    assertEquals(c.withSeed(5), Configs.with(c, "seed", "5"));
  }

  private static <E extends Enum<E>> void names(Class<E> type, List<String> expected, Function<String, E> parse,
      String key) {
    assertEquals(expected, Variants.names(type));
    for (String name : expected) {
      E v = parse.apply(name);
      assertEquals(name, Variants.name(v));
      assertSame(v, parse.apply(name.toUpperCase(java.util.Locale.ROOT)));
    }
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> parse.apply("nope"));
    assertEquals(key, e.argument());
    assertEquals(key + " = 'nope' is not one of " + String.join(", ", expected), e.getMessage());
  }

  @Test
  void everyNameParsesAndAnUnknownOneListsThem() {
    names(Method.class, List.of("auto", "kernel", "log"), Method::parse, "method");
    names(Precision.class, List.of("float", "double"), Precision::parse, "precision");
    names(EpsilonScale.class, List.of("none", "mean", "median", "max"), EpsilonScale::parse, "epsilonScale");
    names(ErrorNorm.class, List.of("l1", "l2"), ErrorNorm::parse, "errorNorm");
    names(StandardCost.class, List.of("sqeuclidean", "euclidean", "l1"), StandardCost::parse, "cost");
    assertSame(StandardCost.EUCLIDEAN, Cost.parse("euclidean"));
    assertEquals("sqeuclidean", StandardCost.SQEUCLIDEAN.cliName());
  }

  /**
   * threads = 0 (the default) is all available cores, resolved when the solve starts: the result
   * records the resolved count and equals, bit for bit, the solve with that count given.
   */
  @Test
  void threadsZeroIsAllCoresBitForBit() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(0, SinkhornConfig.defaults().threads());
    PointCloud x = blob(301, 1, 0);
    PointCloud y = blob(257, 2, 1);
    SinkhornConfig base = SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEDIAN);
    for (SinkhornConfig c : List.of(base, base.withMethod(Method.LOG), base.withLazy(true))) {
      SinkhornResult zero = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
      SinkhornResult given = Sinkhorn.solve(c.withThreads(cores), x, y, StandardCost.SQEUCLIDEAN);
      assertEquals(0, zero.config().threads());
      assertEquals(cores, zero.threads());
      assertEquals(cores, given.threads());
      assertEquals(given.iterations(), zero.iterations());
      assertEquals(Double.doubleToRawLongBits(given.cost()), Double.doubleToRawLongBits(zero.cost()));
      assertEquals(Double.doubleToRawLongBits(given.objective()), Double.doubleToRawLongBits(zero.objective()));
      assertArrayEquals(given.f(), zero.f(), 0.0);
      assertArrayEquals(given.g(), zero.g(), 0.0);
      assertArrayEquals(given.plan().toArray(), zero.plan().toArray(), 0.0);
      assertEquals(cores, zero.toMetrics().get("threads"));
    }
    assertThrows(IllegalArgumentException.class, () -> base.withThreads(-1));
  }

  /**
   * A user cost that is NaN on rows of the second row block: the cost matrix is built on two
   * threads, block 1 on a pool thread, and its IllegalArgumentException reaches the caller as
   * itself (same message, no wrapping cause), as if it had been thrown on the calling thread.
   */
  @Test
  void aWorkersIllegalArgumentReachesTheCallerUnwrapped() {
    int n = 40;
    Cost nanOnLateRows = (p, po, q, qo, d) -> po >= (n / 2 + 3) * d ? Double.NaN : Math.abs(p[po] - q[qo]);
    double[] pts = new double[n];
    for (int i = 0; i < n; i++) {
      pts[i] = i;
    }
    PointCloud x = PointCloud.of(pts, n, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sinkhorn.solve(SinkhornConfig.defaults().withThreads(2), x, x, nanOnLateRows));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertEquals("cost(x[23], y[0]) = NaN must be finite", e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void resultsCopyTheirArraysAndNameTheirMetrics() {
    PointCloud x = blob(20, 3, 0);
    PointCloud y = blob(15, 4, 1);
    SinkhornConfig c = SinkhornConfig.defaults().withEpsilon(0.1, EpsilonScale.MEAN).withPrecision(Precision.DOUBLE);
    SinkhornResult r = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
    double f0 = r.f()[0];
    r.f()[0] = 99;
    r.errorTrace()[0] = 99;
    assertEquals(f0, r.f()[0], 0.0);
    assertTrue(r.errorTrace()[0] != 99);
    assertEquals(r.solveSeconds(), r.seconds(), 0.0);
    assertEquals(c, r.config());
    assertEquals(List.of("cost", "objective", "dual", "iterations", "marginal_error_l1", "marginal_error_l2",
        "converged", "failure", "solve_seconds", "setup_seconds", "epsilon", "solver", "row_kernels", "absorptions",
        "fallbacks", "stages", "threads"), List.copyOf(r.toMetrics().keySet()));
    assertEquals(r.cost(), r.toMetrics().get("cost"));
    assertEquals(r.iterations(), r.toMetrics().get("iterations"));

    SinkhornDivergence.Result s = SinkhornDivergence.solve(c, x, y, StandardCost.SQEUCLIDEAN, true, false);
    s.gradX()[0] = 99;
    assertTrue(s.gradX()[0] != 99);
    assertNull(s.gradY());
    assertEquals(s.value(), s.toMetrics().get("sinkhorn_divergence"));
    assertEquals(c, s.config());
    // the deprecated name still answers the same
    @SuppressWarnings("deprecation")
    double old = SinkhornDivergence.compute(c, x, y, StandardCost.SQEUCLIDEAN).value();
    assertEquals(s.value(), old, 0.0);

    double[] xs = x.points();
    double[] tx = xs.clone();
    for (int q = 0; q < tx.length; q++) {
      tx[q] += 0.5;
    }
    MongeGap.Result g = MongeGap.solve(c, xs, tx, x.n(), 2, StandardCost.SQEUCLIDEAN, true);
    g.gradient()[0] = 99;
    assertTrue(g.gradient()[0] != 99);
    assertEquals(g.value(), g.toMetrics().get("monge_gap"));

    EntropicMap t = EntropicMap.fit(c, x, y, StandardCost.SQEUCLIDEAN);
    assertEquals(c, t.config());
    assertEquals(t.solve().cost(), t.toMetrics().get("cost"));
  }

  /**
   * The weight rule lives in one place: a bad weight is an InvalidArgumentException named for its
   * index (so a reader of a weights file can point at the line), balanced weights that do not sum
   * to 1 are named for the measure.
   */
  @Test
  void theWeightRuleNamesTheWeight() {
    PointCloud p = PointCloud.of(new double[] {0, 1, 2}, 3, 1);
    InvalidArgumentException bad = assertThrows(InvalidArgumentException.class,
        () -> p.withWeights(new double[] {0.5, 0.0, 0.5}));
    assertEquals("weights[1]", bad.argument());
    assertEquals(" = 0.0 must be > 0 and finite (drop points of zero weight)", bad.detail());
    InvalidArgumentException length = assertThrows(InvalidArgumentException.class,
        () -> p.withWeights(new double[] {0.5, 0.5}));
    assertEquals("length of weights", length.argument());
    InvalidArgumentException sum = assertThrows(InvalidArgumentException.class, () -> Sinkhorn.solve(
        SinkhornConfig.defaults(), p, p.withWeights(new double[] {0.2, 0.2, 0.2}), StandardCost.L1));
    assertEquals("weights of y", sum.argument());
    assertTrue(sum.detail().startsWith(" must sum to 1 for balanced OT (within 1e-6), they sum to 0.6"), sum.detail());
    InvalidArgumentException matrix = assertThrows(InvalidArgumentException.class, () -> Sinkhorn.solve(
        SinkhornConfig.defaults(), new double[] {1, Double.NaN}, new double[] {1}, new double[] {0, 0}, 2, 1));
    assertEquals("a[1]", matrix.argument());
  }

  /** The seed is the config's: the same seed gives the same fit, another seed another one. */
  @Test
  void mapFitterDrawsFromTheConfigsSeed() {
    Sampler src = Sampler.gaussian(new double[] {0, 0}, new double[] {1, 0, 0, 1});
    Sampler tgt = Sampler.gaussian(new double[] {2, 0}, new double[] {1, 0, 0, 1});
    MapFitConfig c = MapFitConfig.defaults().withSteps(3).withBatchSize(8).withHidden(List.of(4)).withLogEvery(1)
        .withSeed(11);
    long[] seen = new long[2];
    MapFitter.Result a = MapFitter.fit(c, src, tgt, (done, total) -> {
      seen[0] = done;
      seen[1] = total;
    });
    assertEquals(3, seen[0]);
    assertEquals(3, seen[1]);
    MapFitter.Result b = MapFitter.fit(c, src, tgt);
    MapFitter.Result other = MapFitter.fit(c.withSeed(12), src, tgt);
    assertArrayEquals(a.loss(), b.loss(), 0.0);
    assertTrue(a.loss()[0] != other.loss()[0]);
    assertEquals(c, a.config());
    assertEquals(List.of("final_loss", "final_sinkhorn_divergence", "final_monge_gap", "steps", "seconds"),
        List.copyOf(a.toMetrics().keySet()));
  }
}
