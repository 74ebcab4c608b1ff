package org.paperlab.core.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OdeTest {
  /** dy/dt = -y, y(0) = 1: y(1) = e^{-1}. */
  private static final VectorField DECAY = (t, x) -> x.neg();

  /** Rotation dx/dt = (-x2, x1): the point (1, 0) reaches (cos 1, sin 1) at t = 1. */
  private static final VectorField ROTATION =
      (t, x) -> Nd4j.hstack(x.getColumn(1, true).neg(), x.getColumn(0, true));

  private static double decayError(Scheme s, int steps) {
    OdeResult r = Ode.solve(DECAY, Nd4j.createFromArray(new double[][] {{1.0}}), 0, 1, OdeMethod.fixed(s, steps));
    return Math.abs(r.state().getDouble(0) - Math.exp(-1));
  }

  private static double rotationError(Scheme s, int steps) {
    OdeResult r = Ode.solve(ROTATION, Nd4j.createFromArray(new double[][] {{1.0, 0.0}}), 0, 1, OdeMethod.fixed(s, steps));
    double dx = r.state().getDouble(0, 0) - Math.cos(1);
    double dy = r.state().getDouble(0, 1) - Math.sin(1);
    return Math.hypot(dx, dy);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void halvingTheStepDividesTheErrorBy2ToTheOrder(Scheme s) {
    // Global error C h^p: err(h)/err(h/2) -> 2^p (2, 4, 16, 32). Steps chosen in the asymptotic
    // range and above round-off; the ratio must be within 20% of 2^p.
    int n = 16;
    double expected = Math.pow(2, s.order());
    for (boolean rotation : new boolean[] {false, true}) {
      double coarse = rotation ? rotationError(s, n) : decayError(s, n);
      double fine = rotation ? rotationError(s, 2 * n) : decayError(s, 2 * n);
      double ratio = coarse / fine;
      assertEquals(expected, ratio, 0.2 * expected, s + (rotation ? " rotation" : " decay"));
    }
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void fixedStepsCountEvaluations(Scheme s) {
    OdeResult r = Ode.solve(DECAY, Nd4j.createFromArray(new double[][] {{1.0}}), 0, 1, OdeMethod.fixed(s, 10), true);
    int[] perStep = {1, 2, 4, 6};
    assertEquals(10 * perStep[s.ordinal()], r.nfe());
    assertEquals(11, r.path().size());
    assertEquals(1.0, r.times().get(10), 0.0);
  }

  @Test
  void adaptiveMeetsToleranceWithFewEvaluations() {
    INDArray x0 = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.0, 2.0}});
    OdeResult r = Ode.solve(ROTATION, x0, 0, 2 * Math.PI, OdeMethod.adaptive(1e-8, 1e-10));
    // a full turn returns every point to its start
    assertEquals(1.0, r.state().getDouble(0, 0), 1e-6);
    assertEquals(0.0, r.state().getDouble(0, 1), 1e-6);
    assertEquals(2.0, r.state().getDouble(1, 1), 1e-6);
    assertTrue(r.nfe() < 1000, "nfe " + r.nfe());
    OdeResult loose = Ode.solve(ROTATION, x0, 0, 2 * Math.PI, OdeMethod.adaptive(1e-3, 1e-6));
    assertTrue(loose.nfe() < r.nfe(), loose.nfe() + " vs " + r.nfe());
  }

  @Test
  void integratesBackwardInTime() {
    OdeResult r = Ode.solve(DECAY, Nd4j.createFromArray(new double[][] {{Math.exp(-1)}}), 1, 0, OdeMethod.adaptive(1e-10, 1e-12));
    assertEquals(1.0, r.state().getDouble(0), 1e-8);
  }

  @Test
  void badMethodsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OdeMethod.fixed(Scheme.RK4, 0));
    assertTrue(e.getMessage().contains("steps = 0"));
    e = assertThrows(IllegalArgumentException.class, () -> OdeMethod.adaptive(-1, 1e-6));
    assertTrue(e.getMessage().contains("rtol = -1.0"));
  }
}
