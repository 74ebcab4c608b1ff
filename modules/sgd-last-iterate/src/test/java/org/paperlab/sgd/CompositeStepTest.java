package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompositeStepTest {
  /** h(x) + <g, x> + ||x - x0||^2 / (2 eta), the CSMD objective for the Euclidean map. */
  private static double objective(Regularizer h, double[] x, double[] x0, double[] g, double eta) {
    double v = h.value(x);
    for (int i = 0; i < x.length; i++) {
      v += g[i] * x[i] + (x[i] - x0[i]) * (x[i] - x0[i]) / (2 * eta);
    }
    return v;
  }

  @Test
  void euclideanStepMatchesABruteForceMinimizationOverTheDomain() {
    // Independent check of "prox then project is the exact CSMD minimizer" (2-D): a coarse grid
    // search over [-10, 10]^2 (step 0.05) refined around its best point (step 0.001); the closed
    // form must not lose to the grid and must lie near its best point.
    SplittableRandom rng = new SplittableRandom(3);
    List<Domain> domains = List.of(new Domain.RealSpace(), new Domain.L2Ball(1), new Domain.Box(-0.5, 1),
        new Domain.Simplex(1), new Domain.L1Ball(1));
    List<Regularizer> regs = List.of(new Regularizer.None(), new Regularizer.L1(0.7), new Regularizer.L2Squared(1.5));
    for (Domain dom : domains) {
      for (Regularizer h : regs) {
        for (int rep = 0; rep < 3; rep++) {
          double[] x0 = {rng.nextGaussian() * 0.5, rng.nextGaussian() * 0.5};
          dom.project(x0, null);
          double[] g = {rng.nextGaussian() * 2, rng.nextGaussian() * 2};
          double eta = 0.2 + rng.nextDouble();
          double[] x = x0.clone();
          CompositeStep.euclidean(x, g, eta, h, dom, new double[2]);
          assertTrue(dom.contains(x, 1e-12), dom.name());
          java.util.function.ToDoubleFunction<double[]> obj = y -> objective(h, y, x0, g, eta);
          double[] coarse = gridMin(dom, obj, new double[] {0, 0}, 10, 400);
          double[] arg = gridMin(dom, obj, coarse, 0.1, 200);
          double best = obj.applyAsDouble(arg);
          double closed = objective(h, x, x0, g, eta);
          String label = dom.name() + " " + h.name();
          assertTrue(closed <= best + 1e-12, label + ": closed form " + closed + " > grid " + best);
          // on a curved boundary the best grid point may sit a few cells away along the boundary
          assertArrayEquals(arg, x, 0.02, label);
        }
      }
    }
  }

  /** The best point of an (n+1)^2 grid of half-width w around c inside the domain (the segment for the simplex). */
  private static double[] gridMin(Domain dom, java.util.function.ToDoubleFunction<double[]> obj, double[] c, double w,
      int n) {
    double best = Double.POSITIVE_INFINITY;
    double[] arg = null;
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= n; j++) {
        double[] y = {c[0] - w + 2 * w * i / n, c[1] - w + 2 * w * j / n};
        if (dom instanceof Domain.Simplex) {
          if (j > 0) {
            break;
          }
          double p = Math.min(1, Math.max(0, y[0]));
          y = new double[] {p, 1 - p};
        }
        if (!dom.contains(y, 1e-12)) {
          continue;
        }
        double v = obj.applyAsDouble(y);
        if (v < best) {
          best = v;
          arg = y;
        }
      }
    }
    return arg;
  }

  @Test
  void exponentiatedGradientOnHandComputedCases() {
    // x = (1/2, 1/2), g = (1, 0), eta = ln 2: x ∝ (1/4, 1/2) -> (1/3, 2/3).
    double[] x = {0.5, 0.5};
    double[] lx = {Math.log(0.5), Math.log(0.5)};
    CompositeStep.entropic(x, lx, new double[] {1, 0}, Math.log(2), 0, 1);
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, x, 1e-15);
    assertArrayEquals(new double[] {Math.log(1.0 / 3), Math.log(2.0 / 3)}, lx, 1e-15);
    // with h = psi (lambda = 1), eta = 1: x ∝ x^(1/2) exp(-g/2) -> x_1 = 1/(1 + e^(1/2)).
    double[] y = {0.5, 0.5};
    double[] ly = {Math.log(0.5), Math.log(0.5)};
    CompositeStep.entropic(y, ly, new double[] {1, 0}, 1.0, 1.0, 1);
    assertEquals(1 / (1 + Math.exp(0.5)), y[0], 1e-15);
    // ... which minimizes psi(x) + <g, x> + KL(x, x0)/eta along the segment (grid search)
    double best = Double.POSITIVE_INFINITY;
    double arg = -1;
    for (int i = 1; i < 100_000; i++) {
      double p = i / 100_000.0;
      double v = p * Math.log(p) + (1 - p) * Math.log(1 - p) + p
          + p * Math.log(p / 0.5) + (1 - p) * Math.log((1 - p) / 0.5);
      if (v < best) {
        best = v;
        arg = p;
      }
    }
    assertEquals(arg, y[0], 1e-5);
    // radius 2 simplex: the weights sum to 2
    double[] z = {1, 1};
    double[] lz = {0, 0};
    CompositeStep.entropic(z, lz, new double[] {0, 0}, 1, 0, 2);
    assertArrayEquals(new double[] {1, 1}, z, 1e-15);
  }

  @Test
  void entropicStepSurvivesHugeGradientsWithoutUnderflowToZero() {
    double[] x = {0.5, 0.5};
    double[] lx = {Math.log(0.5), Math.log(0.5)};
    CompositeStep.entropic(x, lx, new double[] {2000, 0}, 1, 0, 1); // exp(-2000) underflows
    assertEquals(0.0, x[0]);
    assertEquals(-2000, lx[0], 1e-9); // but its log is kept, so a later step can bring it back
    CompositeStep.entropic(x, lx, new double[] {-2000, 0}, 1, 0, 1);
    assertArrayEquals(new double[] {0.5, 0.5}, x, 1e-12);
  }

  @Test
  void unsupportedCombinationsAreRejectedWithTheirNames() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> CompositeStep.validate(MirrorMap.ENTROPY, new Domain.L2Ball(1), new Regularizer.None()));
    assertTrue(a.getMessage().contains("entropy") && a.getMessage().contains("simplex"), a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> CompositeStep.validate(MirrorMap.EUCLIDEAN, new Domain.Simplex(1), new Regularizer.Entropy(1)));
    assertTrue(b.getMessage().contains("entropy regularizer"), b.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CompositeStep.validate(MirrorMap.ENTROPY, new Domain.Simplex(1), new Regularizer.L2Squared(1)));
    assertThrows(IllegalArgumentException.class, () -> CompositeStep.validate(null, new Domain.Simplex(1), null));
  }
}
