package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;

/**
 * The problem family: every name has its defaults, each spec builds the problem it names, and the
 * problem-dependent run settings are the ones {@code paperlab sgd run} used before they moved here
 * (step constant 1/sqrt(d) for lad, 1 for harvey, 0.5 otherwise; smoothness mu for the L1
 * problems; the entropy mirror map on the simplex).
 */
class ProblemSpecTest {
  @Test
  void everyProblemHasDefaultsInDeclarationOrder() {
    List<String> names = Variants.names(ProblemSpec.class);
    assertEquals(names, ProblemSpec.defaults().stream().map(ProblemSpec::name).toList());
    for (String n : names) {
      assertEquals(n, ProblemSpec.defaults(n).name());
    }
    assertEquals(new ProblemSpec.Lad(10, 0.0, Double.POSITIVE_INFINITY), ProblemSpec.defaults("lad"));
    assertEquals(new ProblemSpec.L1Composite(10, 1.0, 0.5), ProblemSpec.defaults("l1-composite"));
    assertEquals(new ProblemSpec.Simplex(10, 0.0), ProblemSpec.defaults("simplex"));
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ProblemSpec.defaults("lasso"));
    assertEquals("problem", e.argument());
    assertTrue(e.getMessage().contains("'lasso' is not one of harvey, lad, l1-composite, strongly-convex, simplex"),
        e.getMessage());
  }

  @Test
  void eachSpecBuildsItsProblem() {
    HarveyLowerBound h = new ProblemSpec.Harvey().create(300);
    assertEquals(300, h.dimension());
    LadProblem lad = new ProblemSpec.Lad(4, 0.0, 2.0).create(1);
    assertEquals(new Domain.L2Ball(2.0), lad.domain());
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, lad.minimizer(), 0);
    L1CompositeProblem prox = new ProblemSpec.L1Composite(3, 1.0, 0.5).create(1);
    assertEquals(new Regularizer.L1(0.5), prox.regularizer());
    L1CompositeProblem sub = new ProblemSpec.StronglyConvex(3, 1.0, 0.5).create(1);
    assertEquals(new Regularizer.None(), sub.regularizer());
    assertEquals("strongly-convex", sub.name());
    SimplexProblem sx = new ProblemSpec.Simplex(3, 0.1).create(1);
    assertEquals(new Regularizer.Entropy(0.1), sx.regularizer());
  }

  @Test
  void runSettingsTheProblemsImply() {
    assertEquals(1 / Math.sqrt(10), ProblemSpec.defaults("lad").defaultStep(), 0);
    assertEquals(0.5, new ProblemSpec.Lad(4, 0, Double.POSITIVE_INFINITY).defaultStep(), 0);
    assertEquals(1.0, new ProblemSpec.Harvey().defaultStep(), 0);
    assertEquals(0.5, new ProblemSpec.Simplex(5, 0).defaultStep(), 0);
    assertEquals(2.0, new ProblemSpec.L1Composite(5, 2.0, 0.5).defaultSmoothness(), 0);
    assertEquals(3.0, new ProblemSpec.StronglyConvex(5, 3.0, 0.5).defaultSmoothness(), 0);
    assertEquals(0.0, ProblemSpec.defaults("lad").defaultSmoothness(), 0);
    assertEquals(MirrorMap.ENTROPY, ProblemSpec.defaults("simplex").defaultMirror());
    assertEquals(MirrorMap.EUCLIDEAN, ProblemSpec.defaults("l1-composite").defaultMirror());
  }

  @Test
  void badParametersAreNamedByTheirComponent() {
    InvalidArgumentException dim = assertThrows(InvalidArgumentException.class,
        () -> ProblemSpec.parse("lad(dim=0, labelNoise=0, radius=inf)"));
    assertEquals("problemSpec.dim", dim.argument());
    InvalidArgumentException radius = assertThrows(InvalidArgumentException.class,
        () -> new ProblemSpec.Lad(3, 0, 0.5));
    assertEquals("radius", radius.argument());
    InvalidArgumentException lambda = assertThrows(InvalidArgumentException.class,
        () -> new ProblemSpec.Simplex(3, -1));
    assertEquals("lambda", lambda.argument());
    assertThrows(IllegalArgumentException.class, () -> new ProblemSpec.L1Composite(1, 1, 0.5));
    InvalidArgumentException big = assertThrows(InvalidArgumentException.class,
        () -> new ProblemSpec.Harvey().create(ProblemSpec.Harvey.MAX_STEPS + 1));
    assertEquals("steps", big.argument());
    assertTrue(big.getMessage().contains("d = T"), big.getMessage());
  }
}
