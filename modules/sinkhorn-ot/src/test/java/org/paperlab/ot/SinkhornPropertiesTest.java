package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Solver properties that hold exactly or to a stated tolerance for every configuration. */
class SinkhornPropertiesTest {

  static PointCloud blob(int n, int d, double shift, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[n * d];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian() + shift;
    }
    return PointCloud.of(p, n, d);
  }

  static SinkhornConfig exact() {
    return SinkhornConfig.defaults().withPrecision(Precision.DOUBLE).withTolerance(1e-12)
        .withMaxIterations(100_000);
  }

  @Test
  void logDomainEqualsKernelDomainWhereBothAreFinite() {
    PointCloud x = blob(60, 3, 0, 1);
    PointCloud y = blob(45, 3, 0.5, 2);
    SinkhornConfig c = exact().withEpsilon(0.2, EpsilonScale.MEDIAN);
    SinkhornResult k = Sinkhorn.solve(c.withMethod(Method.KERNEL), x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult l = Sinkhorn.solve(c.withMethod(Method.LOG), x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult s = Sinkhorn.solve(c.withMethod(Method.AUTO), x, y, StandardCost.SQEUCLIDEAN);
    assertTrue(k.converged() && l.converged() && s.converged());
    assertArrayEquals(k.plan().toArray(), l.plan().toArray(), 1e-13);
    assertArrayEquals(k.plan().toArray(), s.plan().toArray(), 1e-13);
    assertEquals(k.cost(), l.cost(), 1e-12);
    assertEquals(k.objective(), l.objective(), 1e-11);
    // potentials are defined up to f + t, g - t: compare the gauge-free sums f_i + g_j
    for (int i = 0; i < 60; i += 7) {
      for (int j = 0; j < 45; j += 5) {
        assertEquals(k.f()[i] + k.g()[j], l.f()[i] + l.g()[j], 1e-9);
      }
    }
  }

  @Test
  void noNanAtEpsilonOneTenThousandthOfTheMedianCost() {
    PointCloud x = blob(80, 2, 0, 3);
    PointCloud y = blob(70, 2, 1, 4);
    SinkhornConfig c = SinkhornConfig.defaults().withEpsilon(1e-4, EpsilonScale.MEDIAN).withTolerance(1e-6)
        .withMaxIterations(20_000);
    for (Precision p : Precision.values()) {
      for (SinkhornConfig cfg : new SinkhornConfig[] {
          c.withPrecision(p), c.withPrecision(p).withEpsilonScaling(true), c.withPrecision(p).withMethod(Method.LOG),
          c.withPrecision(p).withAdaptiveMomentum(false)}) {
        SinkhornResult r = Sinkhorn.solve(cfg, x, y, StandardCost.SQEUCLIDEAN);
        assertTrue(Double.isFinite(r.cost()) && Double.isFinite(r.objective()) && Double.isFinite(r.dual()), r.toString());
        for (double v : r.f()) {
          assertTrue(Double.isFinite(v));
        }
        for (double v : r.g()) {
          assertTrue(Double.isFinite(v));
        }
        for (double v : r.plan().toArray()) {
          assertTrue(v >= 0 && Double.isFinite(v));
        }
      }
      // the plain kernel cannot represent exp(-C/eps) here: it says so instead of returning NaN
      SinkhornResult plain = Sinkhorn.solve(c.withPrecision(p).withMethod(Method.KERNEL), x, y, StandardCost.SQEUCLIDEAN);
      assertFalse(plain.converged());
      assertTrue(plain.failure().contains("kernel underflow"), plain.failure());
      assertTrue(Double.isFinite(plain.cost()));
    }
  }

  /** The marginals of the returned plan, summed independently from its dense entries. */
  @Test
  void marginalsAreSatisfiedAtConvergence() {
    PointCloud x = blob(90, 2, 0, 5);
    PointCloud y = blob(70, 2, 0.7, 6).withWeights(weights(70, 7));
    SinkhornConfig base = SinkhornConfig.defaults().withEpsilon(0.02, EpsilonScale.MEDIAN).withTolerance(1e-9)
        .withMaxIterations(50_000);
    SinkhornConfig[] configs = {
      base, base.withPrecision(Precision.DOUBLE), base.withMethod(Method.LOG), base.withLazy(true),
      base.withAdaptiveMomentum(false), base.withEpsilonScaling(true), base.withThreads(1),
      base.withVectorized(false), base.withErrorNorm(ErrorNorm.L2).withTolerance(1e-10), base.withCheckEvery(7)};
    for (SinkhornConfig c : configs) {
      SinkhornResult r = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
      assertTrue(r.converged(), c + " -> " + r);
      double[] p = r.plan().toArray();
      double l1 = 0;
      for (int i = 0; i < 90; i++) {
        double s = 0;
        for (int j = 0; j < 70; j++) {
          s += p[i * 70 + j];
        }
        l1 += Math.abs(s - x.weights()[i]);
      }
      for (int j = 0; j < 70; j++) {
        double s = 0;
        for (int i = 0; i < 90; i++) {
          s += p[i * 70 + j];
        }
        l1 += Math.abs(s - y.weights()[j]);
      }
      // the reported error is the plan's own (up to summation order)
      assertEquals(r.marginalErrorL1(), l1, 1e-12, c.toString());
      assertTrue(l1 <= (c.errorNorm() == ErrorNorm.L1 ? 1e-9 : 1e-10 * Math.sqrt(160)) + 1e-12, c + " l1=" + l1);
      if (c.checkEvery() > 1) {
        assertEquals(0, r.iterations() % c.checkEvery());
      }
    }
  }

  static double[] weights(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + rng.nextDouble();
      s += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= s;
    }
    return w;
  }

  @Test
  void floatStorageAgreesWithDoubleToSinglePrecision() {
    PointCloud x = blob(120, 4, 0, 8);
    PointCloud y = blob(100, 4, 0.3, 9);
    SinkhornConfig c = SinkhornConfig.defaults().withEpsilon(0.05, EpsilonScale.MEDIAN).withTolerance(1e-10);
    SinkhornResult f = Sinkhorn.solve(c.withPrecision(Precision.FLOAT), x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult d = Sinkhorn.solve(c.withPrecision(Precision.DOUBLE), x, y, StandardCost.SQEUCLIDEAN);
    // stored entries are rounded by at most 2^-24 relative: the cost moves by about as much
    assertEquals(d.cost(), f.cost(), 1e-6 * d.cost());
    assertEquals(d.objective(), f.objective(), 1e-6 * Math.abs(d.objective()));
  }

  @Test
  void lazyEqualsStoredAndThreadsAndKernelsAgree() {
    PointCloud x = blob(150, 2, 0, 10);
    PointCloud y = blob(130, 2, 1, 11);
    SinkhornConfig c = exact().withEpsilon(0.05, EpsilonScale.MEDIAN).withMethod(Method.LOG);
    SinkhornResult stored = Sinkhorn.solve(c, x, y, StandardCost.EUCLIDEAN);
    SinkhornResult lazy = Sinkhorn.solve(c.withLazy(true), x, y, StandardCost.EUCLIDEAN);
    SinkhornResult one = Sinkhorn.solve(c.withThreads(1), x, y, StandardCost.EUCLIDEAN);
    SinkhornResult scalar = Sinkhorn.solve(c.withVectorized(false), x, y, StandardCost.EUCLIDEAN);
    assertEquals(stored.iterations(), lazy.iterations());
    assertArrayEquals(stored.f(), lazy.f(), 1e-12);
    assertArrayEquals(stored.plan().toArray(), lazy.plan().toArray(), 1e-15);
    assertEquals(stored.cost(), one.cost(), 1e-12);
    assertEquals(stored.cost(), scalar.cost(), 1e-12);
    assertEquals("scalar", scalar.kernels());
  }

  @Test
  void userCostEqualsTheBuiltInOne() {
    PointCloud x = blob(40, 3, 0, 12);
    PointCloud y = blob(30, 3, 0.2, 13);
    Cost l1 = (p, po, q, qo, d) -> {
      double s = 0;
      for (int k = 0; k < d; k++) {
        s += Math.abs(p[po + k] - q[qo + k]);
      }
      return s;
    };
    SinkhornConfig c = exact().withEpsilon(0.1, EpsilonScale.MEAN);
    assertEquals(Sinkhorn.solve(c, x, y, StandardCost.L1).cost(), Sinkhorn.solve(c, x, y, l1).cost(), 1e-12);
  }

  @Test
  void warmStartFromTheSolutionConvergesAtOnce() {
    PointCloud x = blob(70, 2, 0, 14);
    PointCloud y = blob(70, 2, 0.4, 15);
    // 1e-10: above the round-off floor of the marginal error (about 1e-12 here), so a restart from
    // the same potentials, with its kernel rebuilt in a different rounding, still meets it
    SinkhornConfig c = exact().withEpsilon(0.1, EpsilonScale.MEDIAN).withTolerance(1e-10);
    SinkhornResult cold = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult warm = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN, cold.potentials());
    assertTrue(cold.converged() && cold.iterations() > 20, cold.toString());
    assertTrue(warm.iterations() <= 3, "warm start took " + warm.iterations());
    assertEquals(cold.cost(), warm.cost(), 1e-10);
  }

  @Test
  void momentumAndEpsilonScalingCutIterations() {
    PointCloud x = blob(200, 2, 0, 16);
    PointCloud y = blob(200, 2, 1, 17);
    // plain Sinkhorn needs about 94,000 iterations here (the tails make it ill-conditioned)
    SinkhornConfig c = SinkhornConfig.defaults().withEpsilon(0.01, EpsilonScale.MEDIAN).withTolerance(1e-8)
        .withMaxIterations(200_000);
    SinkhornResult plain = Sinkhorn.solve(c.withAdaptiveMomentum(false), x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult mom = Sinkhorn.solve(c, x, y, StandardCost.SQEUCLIDEAN);
    SinkhornResult scaled = Sinkhorn.solve(c.withEpsilonScaling(true), x, y, StandardCost.SQEUCLIDEAN);
    assertTrue(plain.converged() && mom.converged() && scaled.converged());
    assertTrue(mom.iterations() * 10 < plain.iterations(), mom.iterations() + " vs " + plain.iterations());
    assertTrue(scaled.iterations() * 10 < plain.iterations(), scaled.iterations() + " vs " + plain.iterations());
    assertEquals(plain.cost(), mom.cost(), 1e-6 * plain.cost());
    assertEquals(plain.cost(), scaled.cost(), 1e-6 * plain.cost());
  }

  @Test
  void nonConvergenceIsReported() {
    PointCloud x = blob(50, 2, 0, 18);
    PointCloud y = blob(50, 2, 1, 19);
    SinkhornResult r = Sinkhorn.solve(SinkhornConfig.defaults().withEpsilon(0.001, EpsilonScale.MEDIAN)
        .withMaxIterations(5).withAdaptiveMomentum(false), x, y, StandardCost.SQEUCLIDEAN);
    assertFalse(r.converged());
    assertEquals(5, r.iterations());
    assertTrue(r.failure().startsWith("not converged"), r.failure());
    assertTrue(Double.isFinite(r.marginalErrorL1()) && r.marginalErrorL1() > 0);
  }

  @Test
  void planOperationsAgreeWithTheDensePlan() {
    PointCloud x = blob(25, 2, 0, 20);
    PointCloud y = blob(18, 2, 1, 21);
    SinkhornResult r = Sinkhorn.solve(exact().withEpsilon(0.1, EpsilonScale.MEDIAN), x, y, StandardCost.SQEUCLIDEAN);
    TransportPlan p = r.plan();
    double[] dense = p.toArray();
    double[] ys = y.points();
    double[] xs = x.points();
    double[] right = p.applyRight(ys, 2);
    double[] left = p.applyLeft(xs, 2);
    double cost = 0;
    for (int i = 0; i < 25; i++) {
      for (int j = 0; j < 18; j++) {
        assertEquals(dense[i * 18 + j], p.get(i, j), 1e-16);
        cost += dense[i * 18 + j] * StandardCost.SQEUCLIDEAN.apply(xs, 2 * i, ys, 2 * j, 2);
      }
    }
    for (int i = 0; i < 25; i++) {
      for (int q = 0; q < 2; q++) {
        double s = 0;
        for (int j = 0; j < 18; j++) {
          s += dense[i * 18 + j] * ys[2 * j + q];
        }
        assertEquals(s, right[2 * i + q], 1e-14);
      }
    }
    for (int j = 0; j < 18; j++) {
      double s = 0;
      for (int i = 0; i < 25; i++) {
        s += dense[i * 18 + j] * xs[2 * i];
      }
      assertEquals(s, left[2 * j], 1e-14);
    }
    assertEquals(cost, r.cost(), 1e-13);
    assertEquals(cost, p.transportCost(), 1e-13);
  }
}
