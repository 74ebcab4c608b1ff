package org.paperlab.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sinkhorn against independent references: hand-computed iterates, the exact LP, POT 0.8.2. */
class SinkhornReferenceTest {

  private static final double[][] C2 = {{0, 1}, {2, 0}};
  private static final double[] A2 = {0.25, 0.75};
  private static final double[] B2 = {0.5, 0.5};

  /**
   * Hand computation for C = [[0,1],[2,0]], eps = 1, a = (1/4, 3/4), b = (1/2, 1/2), starting from
   * v = b: K = [[1, e^-1], [e^-2, 1]], u1 = a / (K b) = (1/2 / (1 + e^-1), 3/2 / (1 + e^-2))
   * = (0.365529289315, 1.321195616967); the plan (u1, b) = diag(u1) K diag(b) has rows a and
   * entries [[0.182764644658, 0.067235355342], [0.089402191517, 0.660597808483]].
   */
  @Test
  void firstKernelIterateMatchesHandComputation() {
    double e1 = Math.exp(-1);
    double e2 = Math.exp(-2);
    double[] u1 = {0.5 / (1 + e1), 1.5 / (1 + e2)};
    double[][] expected = {{u1[0] * 0.5, u1[0] * e1 * 0.5}, {u1[1] * e2 * 0.5, u1[1] * 0.5}};
    assertEquals(0.18276464465750122, expected[0][0], 1e-15); // the decimals above
    for (Precision p : Precision.values()) {
      SinkhornResult r = Sinkhorn.solve(SinkhornConfig.defaults().withEpsilon(1.0).withMethod(Method.KERNEL)
          .withPrecision(p).withAdaptiveMomentum(false).withMaxIterations(1), A2, B2, C2);
      double[] plan = r.plan().toArray();
      double tol = p == Precision.DOUBLE ? 1e-15 : 1e-8;
      assertEquals(expected[0][0], plan[0], tol);
      assertEquals(expected[0][1], plan[1], tol);
      assertEquals(expected[1][0], plan[2], tol);
      assertEquals(expected[1][1], plan[3], tol);
      assertEquals(1, r.iterations());
      assertFalse(r.converged());
    }
  }

  /**
   * Second iterate: v1 = b / (K^T u1) = (0.918554235021, 0.343485310130), u2 = a / (K v1) =
   * (0.239253814675, 1.603255737171); plan (u2, v1) = [[0.219767604715, 0.030232395285],
   * [0.199305205899, 0.550694794101]]. The kernel and stabilized solvers reach it after 2 iterations
   * (the stabilized one starts from the exact soft-min row update, i.e. u1, whose first sweep gives
   * back u1); the log solver starts with one exact soft-min sweep of both potentials (the first
   * kernel iteration) and reaches it after 1.
   */
  @Test
  void secondIterateIsTheSameInEveryDomain() {
    double e1 = Math.exp(-1);
    double e2 = Math.exp(-2);
    double[] u1 = {0.5 / (1 + e1), 1.5 / (1 + e2)};
    double[] v1 = {0.5 / (u1[0] + e2 * u1[1]), 0.5 / (e1 * u1[0] + u1[1])};
    double[] u2 = {0.25 / (v1[0] + e1 * v1[1]), 0.75 / (e2 * v1[0] + v1[1])};
    double[] expected = {u2[0] * v1[0], u2[0] * e1 * v1[1], u2[1] * e2 * v1[0], u2[1] * v1[1]};
    assertEquals(0.2197676047151093, expected[0], 1e-15);
    SinkhornConfig base = SinkhornConfig.defaults().withEpsilon(1.0).withPrecision(Precision.DOUBLE)
        .withAdaptiveMomentum(false);
    SinkhornResult kernel = Sinkhorn.solve(base.withMethod(Method.KERNEL).withMaxIterations(2), A2, B2, C2);
    SinkhornResult log = Sinkhorn.solve(base.withMethod(Method.LOG).withMaxIterations(1), A2, B2, C2);
    SinkhornResult auto = Sinkhorn.solve(base.withMethod(Method.AUTO).withMaxIterations(2), A2, B2, C2);
    assertArrayEquals(expected, kernel.plan().toArray(), 1e-15);
    assertArrayEquals(expected, log.plan().toArray(), 1e-15);
    assertArrayEquals(expected, auto.plan().toArray(), 1e-15);
    // the reported column error is that of this plan: |u2 K v1 ... - b|
    double c0 = expected[0] + expected[2];
    double c1 = expected[1] + expected[3];
    assertEquals(Math.abs(c0 - 0.5) + Math.abs(c1 - 0.5), log.marginalErrorL1(), 1e-14);
  }

  /** Exact OT for n = m uniform points is a permutation (Birkhoff); brute force over all n!. */
  static double bruteForceLp(double[] c, int n) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double[] best = {Double.POSITIVE_INFINITY};
    permute(perm, 0, c, n, best);
    return best[0] / n;
  }

  private static void permute(int[] p, int k, double[] c, int n, double[] best) {
    if (k == n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += c[i * n + p[i]];
      }
      best[0] = Math.min(best[0], s);
      return;
    }
    for (int i = k; i < n; i++) {
      int t = p[k];
      p[k] = p[i];
      p[i] = t;
      permute(p, k + 1, c, n, best);
      p[i] = p[k];
      p[k] = t;
    }
  }

  /**
   * As eps -> 0 the entropic transport cost tends to the LP value: with the optimal permutation P*
   * feasible, {@code <P_eps, C> + eps KL(P_eps|ab) <= <P*, C> + eps log n}, so
   * {@code 0 <= <P_eps, C> - LP <= eps log n} for a feasible P_eps; a marginal error e moves the
   * bound by at most {@code e max C}. (Sinkhorn can be very slow on these tiny problems when the LP
   * is nearly degenerate, so the test allows the residual error instead of demanding convergence.)
   */
  @Test
  void tinyProblemsApproachTheExactLp() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 8; trial++) {
      int n = 3 + trial % 4; // 3..6
      double[] x = new double[2 * n];
      double[] y = new double[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        x[i] = rng.nextDouble();
        y[i] = rng.nextDouble();
      }
      PointCloud px = PointCloud.of(x, n, 2);
      PointCloud py = PointCloud.of(y, n, 2);
      double[] c = new double[n * n];
      double maxC = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[i * n + j] = StandardCost.SQEUCLIDEAN.apply(x, 2 * i, y, 2 * j, 2);
          maxC = Math.max(maxC, c[i * n + j]);
        }
      }
      double lp = bruteForceLp(c, n);
      for (double eps : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
        SinkhornResult r = Sinkhorn.solve(SinkhornConfig.defaults().withEpsilon(eps).withPrecision(Precision.DOUBLE)
            .withTolerance(1e-11).withMaxIterations(20_000).withEpsilonScaling(true), px, py, StandardCost.SQEUCLIDEAN);
        double slack = maxC * r.marginalErrorL1() + 1e-12;
        assertTrue(r.marginalErrorL1() < 1e-5, r.toString());
        double gap = r.cost() - lp;
        assertTrue(gap >= -slack && gap <= eps * Math.log(n) + slack,
            "n=" + n + " eps=" + eps + " cost=" + r.cost() + " lp=" + lp + " " + r);
      }
    }
  }

  /**
   * Balanced reference from POT 0.8.2 ({@code ot.sinkhorn(a, b, M, 0.1, method='sinkhorn_log',
   * stopThr=1e-15)}) with {@code M = C - eps log(a_i b_j)}, which turns POT's entropy into
   * {@code KL(P | a b^T)}: same minimizer as ours.
   */
  @Test
  void balancedPlanMatchesPot() {
    double[] x = {0.0, 0.4, 1.1};
    double[] y = {0.1, 0.5, 0.9, 1.6};
    double[] a = {0.2, 0.5, 0.3};
    double[] b = {0.1, 0.4, 0.3, 0.2};
    double[] pot = {
      8.9983314543001375e-02, 1.0706761718354058e-01, 2.9490670578134594e-03, 1.2156445960771871e-09,
      1.0016616493446203e-02, 2.9238799647906560e-01, 1.9757336286175267e-01, 2.2024165735395065e-05,
      6.8963552528994519e-08, 5.4438633739391684e-04, 9.9477570080433828e-02, 1.9997797461861974e-01};
    for (Method m : Method.values()) {
      SinkhornResult r = Sinkhorn.solve(SinkhornConfig.defaults().withEpsilon(0.1).withMethod(m)
          .withPrecision(Precision.DOUBLE).withTolerance(1e-14).withMaxIterations(100_000),
          PointCloud.of(x, 3, 1).withWeights(a), PointCloud.of(y, 4, 1).withWeights(b), StandardCost.SQEUCLIDEAN);
      assertTrue(r.converged(), r.toString());
      assertArrayEquals(pot, r.plan().toArray(), 1e-12, m.toString());
      assertEquals(0.1374755603363788, r.cost(), 1e-12);
    }
  }

  /**
   * Unbalanced reference from POT 0.8.2 ({@code ot.unbalanced.sinkhorn_unbalanced(a, b, M, 0.5,
   * 1.0, stopThr=1e-16)}, same cost shift): masses 1.0 and 1.2, eps = 0.5, tau = 1.
   */
  @Test
  void unbalancedPlanMatchesPot() {
    double[] x = {0.0, 0.4, 1.1};
    double[] y = {0.1, 0.5, 0.9, 1.6};
    double[] a = {0.2, 0.5, 0.3};
    double[] b = {0.1, 0.4, 0.3, 0.4};
    double[] pot = {
      0.03702457070368645, 0.08862345855433773, 0.02686333809256734, 0.00248262494900321,
      0.0531221116101574, 0.24114733194192642, 0.13862520875830522, 0.0392647801765323,
      0.0037482531975323, 0.05214898634440376, 0.09187882717399547, 0.184753887165197};
    for (Method m : Method.values()) {
      SinkhornResult r = Sinkhorn.solve(SinkhornConfig.defaults().withEpsilon(0.5).withTau(1.0).withMethod(m)
          .withPrecision(Precision.DOUBLE).withTolerance(1e-14).withMaxIterations(100_000),
          PointCloud.of(x, 3, 1).withWeights(a), PointCloud.of(y, 4, 1).withWeights(b), StandardCost.SQEUCLIDEAN);
      assertTrue(r.converged(), r.toString());
      assertArrayEquals(pot, r.plan().toArray(), 1e-12, m.toString());
      assertEquals(0.22141649623794205, r.cost(), 1e-12);
      assertEquals(r.objective(), r.dual(), 1e-10, "primal and dual agree at convergence");
    }
  }
}
