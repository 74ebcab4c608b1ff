package org.paperlab.sgd;

import java.util.List;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * The stochastic problems with a known optimum that paperlab runs by name (the command line's
 * {@code --problem}), each with its parameters, and what they imply for a run: the step constant
 * and smoothness their theory suggests and their natural mirror map.
 *
 * <ul>
 *   <li>{@link Harvey}: the lower-bound instance of Harvey et al. (2019), d = T ({@link HarveyLowerBound});
 *   <li>{@link Lad}: population least absolute deviation ({@link LadProblem});
 *   <li>{@link L1Composite} and {@link StronglyConvex}: {@code (mu/2)||x - x0||^2 + lambda ||x||_1}
 *       with the L1 term by prox or inside the subgradient ({@link L1CompositeProblem});
 *   <li>{@link Simplex}: a linear objective on the probability simplex with an optional entropy
 *       term ({@link SimplexProblem}).
 * </ul>
 *
 * <pre>{@code
 * ProblemSpec spec = ProblemSpec.parse("lad(dim=10, labelNoise=0.0, radius=Infinity)");
 * StochasticProblem p = spec.create(10_000);
 * Schedule s = new Schedule.InvSqrtT(spec.defaultStep());   // 1/sqrt(d) for lad
 * }</pre>
 *
 * A spec is valid exactly when its problem is: the compact constructors build the problem once,
 * so its own checks (naming {@code dim}, {@code mu}, {@code lambda}, ...) speak.
 */
public sealed interface ProblemSpec
    permits ProblemSpec.Harvey, ProblemSpec.Lad, ProblemSpec.L1Composite, ProblemSpec.StronglyConvex,
        ProblemSpec.Simplex {

  /** The problem for runs of T = {@code horizon} steps (only {@link Harvey} depends on T). */
  StochasticProblem create(long horizon);

  /**
   * The step constant ({@code c} of {@code c/sqrt(t)}, {@code eta} of the other schedules) the
   * problem's theory suggests: {@code D/G = 1/sqrt(d)} for lad ({@code ||x*|| = 1}, gradients of
   * norm about {@code sqrt(d)}), 1 for harvey (the instance is built for {@code 1/sqrt(T)}), 0.5
   * otherwise.
   */
  default double defaultStep() {
    return 0.5;
  }

  /** The smoothness L of the smooth-* schedules {@code min{1/(2L), ...}}: mu where f is mu-smooth, else 0 (no cap). */
  default double defaultSmoothness() {
    return 0.0;
  }

  /** The mirror map the problem's geometry calls for: entropy on the simplex, else Euclidean. */
  default MirrorMap defaultMirror() {
    return MirrorMap.EUCLIDEAN;
  }

  /** The problem's name, its {@link Name}. */
  default String name() {
    return Variants.name(this);
  }

  /**
   * The spec written as {@link Variants#format}, e.g. {@code simplex(dim=100, lambda=0.0)}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad parameter
   */
  static ProblemSpec parse(String text) {
    return Variants.parse(ProblemSpec.class, text);
  }

  /**
   * Every problem with its default parameters, in declaration order: d = 10, mu = 1, lambda = 0.5
   * (simplex: 0, no entropy term), no label noise, lad on all of {@code R^d}.
   */
  static List<ProblemSpec> defaults() {
    return List.of(new Harvey(), new Lad(10, 0.0, Double.POSITIVE_INFINITY), new L1Composite(10, 1.0, 0.5),
        new StronglyConvex(10, 1.0, 0.5), new Simplex(10, 0.0));
  }

  /**
   * The problem named {@code name} with its default parameters ({@link #defaults()}).
   *
   * @throws IllegalArgumentException naming the setting {@code problem} and listing the valid names
   *     for an unknown name
   */
  static ProblemSpec defaults(String name) {
    Class<?> variant = Variants.variant(ProblemSpec.class, name, "problem");
    for (ProblemSpec p : defaults()) {
      if (p.getClass() == variant) {
        return p;
      }
    }
    throw new IllegalStateException("ProblemSpec.defaults() has no " + variant.getSimpleName());
  }

  /**
   * The Harvey et al. (2019) instance with d = T (no parameters). Deterministic: run it with
   * {@link HarveyLowerBound#simulate(SgdConfig)}. T is at most {@link #MAX_STEPS}, as the instance
   * keeps several vectors of length d = T.
   */
  @Name("harvey")
  record Harvey() implements ProblemSpec {
    /** The largest T: about 8 T bytes per output and per state vector. */
    public static final long MAX_STEPS = 50_000_000L;

    @Override
    public HarveyLowerBound create(long horizon) {
      if (horizon > MAX_STEPS) {
        throw new InvalidArgumentException("steps", " = " + horizon + ": problem harvey has d = T and needs 8 T bytes "
            + "per output; use T <= " + MAX_STEPS);
      }
      return new HarveyLowerBound((int) horizon);
    }

    @Override
    public double defaultStep() {
      return 1.0;
    }
  }

  /**
   * {@link LadProblem}: {@code E|a^T x - b|}, {@code a ~ N(0, I_d)}, label noise s, on the L2 ball
   * of {@code radius >= 1} ({@code Infinity}: all of {@code R^d}).
   */
  @Name("lad")
  record Lad(int dim, double labelNoise, double radius) implements ProblemSpec {
    public Lad {
      new LadProblem(dim, labelNoise, radius); // its checks
    }

    @Override
    public LadProblem create(long horizon) {
      return new LadProblem(dim, labelNoise, radius);
    }

    @Override
    public double defaultStep() {
      return 1 / Math.sqrt(dim);
    }
  }

  /** {@link L1CompositeProblem} with the L1 term by its prox: f mu-strongly convex and mu-smooth. */
  @Name("l1-composite")
  record L1Composite(int dim, double mu, double lambda) implements ProblemSpec {
    public L1Composite {
      new L1CompositeProblem(dim, mu, lambda, true); // its checks
    }

    @Override
    public L1CompositeProblem create(long horizon) {
      return new L1CompositeProblem(dim, mu, lambda, true);
    }

    @Override
    public double defaultSmoothness() {
      return mu;
    }
  }

  /** {@link L1CompositeProblem} with the L1 term in the subgradient: a nonsmooth strongly convex f. */
  @Name("strongly-convex")
  record StronglyConvex(int dim, double mu, double lambda) implements ProblemSpec {
    public StronglyConvex {
      new L1CompositeProblem(dim, mu, lambda, false); // its checks
    }

    @Override
    public L1CompositeProblem create(long horizon) {
      return new L1CompositeProblem(dim, mu, lambda, false);
    }

    @Override
    public double defaultSmoothness() {
      return mu;
    }
  }

  /** {@link SimplexProblem}: {@code <c, x> + lambda sum x ln x} on the probability simplex. */
  @Name("simplex")
  record Simplex(int dim, double lambda) implements ProblemSpec {
    public Simplex {
      new SimplexProblem(dim, lambda); // its checks
    }

    @Override
    public SimplexProblem create(long horizon) {
      return new SimplexProblem(dim, lambda);
    }

    @Override
    public MirrorMap defaultMirror() {
      return MirrorMap.ENTROPY;
    }
  }
}
