package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.paperlab.core.nn.Activation;

/** One test per invalid argument: an IllegalArgumentException naming the argument and the rule. */
class BadInputTest {
  private static void fails(String expected, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(expected), "message '" + ex.getMessage() + "' should contain '" + expected + "'");
  }

  private static final SinkhornConfig C = SinkhornConfig.defaults();

  @Test
  void epsilon() {
    fails("epsilon = 0.0 must be > 0", () -> C.withEpsilon(0));
    fails("epsilon = NaN", () -> C.withEpsilon(Double.NaN));
    fails("epsilon = Infinity", () -> C.withEpsilon(Double.POSITIVE_INFINITY));
  }

  @Test
  void tolerance() {
    fails("tolerance = -1.0", () -> C.withTolerance(-1));
  }

  @Test
  void maxIterations() {
    fails("maxIterations = 0", () -> C.withMaxIterations(0));
  }

  @Test
  void checkEvery() {
    fails("checkEvery = 0", () -> C.withCheckEvery(0));
  }

  @Test
  void omega() {
    fails("omega = 2.0 must be in (0.0, 2.0)", () -> C.withOmega(2.0));
    fails("omega = 0.0", () -> C.withOmega(0.0));
  }

  @Test
  void scalingFactor() {
    fails("scalingFactor = 1.0", () -> C.withScalingFactor(1.0));
  }

  @Test
  void tau() {
    fails("tau = 0.0 must be > 0", () -> C.withTau(0));
    fails("tau = NaN", () -> C.withTau(Double.NaN));
  }

  @Test
  void threads() {
    fails("threads = -1 must be >= 0", () -> C.withThreads(-1));
  }

  @Test
  void lazyKernel() {
    fails("method = kernel needs a stored kernel", () -> C.withLazy(true).withMethod(Method.KERNEL));
  }

  @Test
  void nullsAreNamed() {
    fails("method must not be null", () -> C.withMethod(null));
    fails("x must not be null", () -> Sinkhorn.solve(C, null, PointCloud.of(new double[] {1}, 1, 1), StandardCost.L1));
    fails("cost must not be null", () -> Sinkhorn.solve(C, PointCloud.of(new double[] {1}, 1, 1), PointCloud.of(new double[] {1}, 1, 1), null));
  }

  @Test
  void names() {
    fails("cost = 'cosine' is not one of sqeuclidean, euclidean, l1", () -> Cost.parse("cosine"));
    fails("method = 'fast' is not one of auto, kernel, log", () -> Method.parse("fast"));
    fails("precision = 'half' is not one of float, double", () -> Precision.parse("half"));
    fails("epsilonScale = 'p90' is not one of none, mean, median, max", () -> EpsilonScale.parse("p90"));
    assertEquals(StandardCost.SQEUCLIDEAN, Cost.parse("SqEuclidean"));
  }

  @Test
  void pointClouds() {
    fails("points[1, 0] = NaN must be finite", () -> PointCloud.of(new double[] {0, 1, Double.NaN, 2}, 2, 2));
    fails("points has 3 values, expected n*d = 2*2", () -> PointCloud.of(new double[] {0, 1, 2}, 2, 2));
    fails("weights[1] = -0.5 must be > 0", () -> PointCloud.of(new double[] {0, 1}, 2, 1).withWeights(new double[] {1.5, -0.5}));
    fails("weights[0] = 0.0 must be > 0", () -> PointCloud.of(new double[] {0, 1}, 2, 1).withWeights(new double[] {0, 1}));
    fails("length of weights (3) must equal number of points (2)",
        () -> PointCloud.of(new double[] {0, 1}, 2, 1).withWeights(new double[] {0.2, 0.3, 0.5}));
    fails("n = 0 must be > 0", () -> PointCloud.of(new double[0], 0, 1));
  }

  @Test
  void mismatchedDimensions() {
    fails("x has dimension 2 but y has dimension 3", () -> Sinkhorn.solve(C,
        PointCloud.of(new double[] {0, 1}, 1, 2), PointCloud.of(new double[] {0, 1, 2}, 1, 3), StandardCost.L1));
  }

  @Test
  void nonNormalizedWeightsForBalancedOt() {
    PointCloud x = PointCloud.of(new double[] {0, 1}, 2, 1).withWeights(new double[] {0.5, 0.4});
    PointCloud y = PointCloud.of(new double[] {0, 1}, 2, 1);
    fails("weights of x must sum to 1 for balanced OT", () -> Sinkhorn.solve(C, x, y, StandardCost.L1));
    // unbalanced OT accepts any positive masses
    assertTrue(Sinkhorn.solve(C.withTau(1.0), x, y, StandardCost.L1).converged());
  }

  @Test
  void costMatrices() {
    double[] a = {0.5, 0.5};
    fails("cost[1, 0] = Infinity must be finite",
        () -> Sinkhorn.solve(C, a, a, new double[] {0, 1, Double.POSITIVE_INFINITY, 0}, 2, 2));
    fails("cost has 3 values, expected n*m = 2*2", () -> Sinkhorn.solve(C, a, a, new double[] {0, 1, 2}, 2, 2));
    fails("length of b (2) must equal columns of cost (3)",
        () -> Sinkhorn.solve(C, a, a, new double[] {0, 1, 2, 3, 4, 5}, 2, 3));
    fails("lazy = true needs point clouds", () -> Sinkhorn.solve(C.withLazy(true), a, a, new double[] {0, 1, 1, 0}, 2, 2));
    fails("a[0] = -0.5 must be > 0", () -> Sinkhorn.solve(C, new double[] {-0.5, 1.5}, a, new double[] {0, 1, 1, 0}, 2, 2));
    fails("cost row 1 has 1 columns, row 0 has 2", () -> Sinkhorn.solve(C, a, a, new double[][] {{0, 1}, {1}}));
  }

  @Test
  void userCostReturningNaN() {
    Cost bad = (p, po, q, qo, d) -> Double.NaN;
    PointCloud x = PointCloud.of(new double[] {0, 1}, 2, 1);
    fails("cost(x[0], y[0]) = NaN must be finite", () -> Sinkhorn.solve(C, x, x, bad));
  }

  @Test
  void relativeEpsilonOfAZeroCost() {
    PointCloud x = PointCloud.of(new double[] {1, 1}, 2, 1);
    fails("the median of the cost is 0.0", () -> Sinkhorn.solve(C.withEpsilon(0.1, EpsilonScale.MEDIAN), x, x, StandardCost.L1));
  }

  @Test
  void warmStartOfTheWrongLength() {
    PointCloud x = PointCloud.of(new double[] {0, 1}, 2, 1);
    fails("length of warm-start f (3) must equal n (2)",
        () -> Sinkhorn.solve(C, x, x, StandardCost.L1, new Potentials(new double[3], new double[2])));
    fails("f[0] = NaN must be finite", () -> new Potentials(new double[] {Double.NaN}, new double[1]));
  }

  @Test
  void mapFitConfig() {
    MapFitConfig m = MapFitConfig.defaults();
    fails("steps = 0", () -> m.withSteps(0));
    fails("batchSize = 1 must be >= 2", () -> m.withBatchSize(1));
    fails("lambda = -1.0", () -> m.withLambda(-1));
    fails("hidden[0] = 0", () -> m.withHidden(List.of(0)));
    fails("epsFit = 0.0", () -> m.withEpsilons(0, 0.1));
    fails("learningRate = 0.0", () -> m.withLearningRate(0));
    fails("activation must not be null", () -> new MapFitConfig(List.of(4), null, 1, 2, 1e-3, 0, StandardCost.L1, 0.1, 0.1, 1e-5, 10, 1, false, 0L));
    assertEquals(Activation.GELU, m.activation());
  }

  @Test
  void mongeGapShapes() {
    fails("tx has 3 values, expected n*d = 2*2",
        () -> MongeGap.solve(C, new double[4], new double[3], 2, 2, StandardCost.L1, false));
  }
}
