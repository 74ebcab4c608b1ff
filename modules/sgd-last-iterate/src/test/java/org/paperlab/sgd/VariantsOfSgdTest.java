package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;

/**
 * Every variant family of the module reads every one of its names and refuses any other name with
 * the list of valid ones. The expected names are the command line's names as they were written by
 * hand before the families carried {@code @Name} (the old {@code NAMES} lists and the CLI's
 * {@code --problem} and {@code --mirror} values), and each expected record is written out here.
 */
class VariantsOfSgdTest {
  private static <T> void parsesEveryNameAndRefusesOthers(Class<T> family, Function<String, T> parse,
      List<String> names, List<String> texts, List<T> expected) {
    assertEquals(names, Variants.names(family), family.getSimpleName());
    for (int i = 0; i < texts.size(); i++) {
      T v = parse.apply(texts.get(i));
      assertEquals(expected.get(i), v, texts.get(i));
      assertEquals(names.get(i), Variants.name(v), texts.get(i));
      assertEquals(v, parse.apply(Variants.format(v)), "round trip of " + texts.get(i));
    }
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> parse.apply("cosine"));
    assertTrue(e.getMessage().contains("'cosine' is not one of " + String.join(", ", names)), e.getMessage());
  }

  @Test
  void schedules() {
    parsesEveryNameAndRefusesOthers(Schedule.class, Schedule::parse,
        List.of("constant", "sqrt-t", "sqrt-horizon", "mu-t", "two-mu-t", "smooth-sqrt-t", "smooth-sqrt-horizon",
            "heavy-tail", "heavy-tail-horizon", "linear-decay", "jain"),
        List.of("constant(0.3)", "sqrt-t(c=0.5)", "sqrt-horizon(c=2)", "mu-t(mu=1)", "two-mu-t(mu=0.5)",
            "smooth-sqrt-t(smoothness=1, eta=2)", "smooth-sqrt-horizon(eta=0.1, smoothness=0)",
            "heavy-tail(eta=0.1, p=1.5)", "heavy-tail-horizon(eta=1, p=2)", "linear-decay(eta=3)", "jain(1e-1)"),
        List.of(new Schedule.Constant(0.3), new Schedule.InvSqrtT(0.5), new Schedule.InvSqrtHorizon(2),
            new Schedule.InvMuT(1), new Schedule.TwoOverMuT(0.5), new Schedule.SmoothSqrtT(1, 2),
            new Schedule.SmoothSqrtHorizon(0, 0.1), new Schedule.HeavyTail(0.1, 1.5),
            new Schedule.HeavyTailHorizon(1, 2), new Schedule.LinearDecay(3), new Schedule.JainHalving(0.1)));
    // a bad parameter is named by its component
    InvalidArgumentException p = assertThrows(InvalidArgumentException.class,
        () -> Schedule.parse("heavy-tail(eta=1, p=2.5)"));
    assertEquals("schedule.p", p.argument());
    InvalidArgumentException l = assertThrows(InvalidArgumentException.class,
        () -> Schedule.parse("smooth-sqrt-t(smoothness=-1, eta=1)"));
    assertEquals("schedule.smoothness", l.argument());
  }

  @Test
  void outputs() {
    parsesEveryNameAndRefusesOthers(Output.class, Output::parse,
        List.of("last", "uniform", "suffix", "shamir-zhang", "weighted"),
        List.of("last", "uniform", "suffix", "shamir-zhang(eta=3)", "weighted(2)"),
        List.of(new Output.Last(), new Output.Uniform(), new Output.Suffix(), new Output.ShamirZhang(3),
            new Output.Weighted(2)));
    assertEquals("last", new Output.Last().name());
    assertEquals("shamir-zhang", new Output.ShamirZhang(1).name());
  }

  @Test
  void noiseModels() {
    parsesEveryNameAndRefusesOthers(NoiseModel.class, NoiseModel::parse,
        List.of("none", "gaussian", "student-t", "pareto"),
        List.of("none", "gaussian(sigma=0.5)", "student-t(nu=3, sigma=1)", "pareto(alpha=2.5, sigma=1)"),
        List.of(new NoiseModel.None(), new NoiseModel.Gaussian(0.5), new NoiseModel.StudentT(3, 1),
            new NoiseModel.Pareto(2.5, 1)));
    InvalidArgumentException a = assertThrows(InvalidArgumentException.class,
        () -> NoiseModel.parse("pareto(alpha=0.5, sigma=1)"));
    assertEquals("noiseModel.alpha", a.argument());
    assertTrue(a.getMessage().contains("alpha = 0.5 must be > 1"), a.getMessage());
  }

  @Test
  void mirrorMaps() {
    parsesEveryNameAndRefusesOthers(MirrorMap.class, MirrorMap::parse, List.of("euclidean", "entropy"),
        List.of("euclidean", "entropy"), List.of(MirrorMap.EUCLIDEAN, MirrorMap.ENTROPY));
  }

  @Test
  void problems() {
    parsesEveryNameAndRefusesOthers(ProblemSpec.class, ProblemSpec::parse,
        List.of("harvey", "lad", "l1-composite", "strongly-convex", "simplex"),
        List.of("harvey", "lad(dim=5, labelNoise=0.1, radius=inf)", "l1-composite(dim=10, mu=1, lambda=0.5)",
            "strongly-convex(dim=3, mu=2, lambda=0)", "simplex(dim=100, lambda=0.05)"),
        List.of(new ProblemSpec.Harvey(), new ProblemSpec.Lad(5, 0.1, Double.POSITIVE_INFINITY),
            new ProblemSpec.L1Composite(10, 1, 0.5), new ProblemSpec.StronglyConvex(3, 2, 0),
            new ProblemSpec.Simplex(100, 0.05)));
  }
}
