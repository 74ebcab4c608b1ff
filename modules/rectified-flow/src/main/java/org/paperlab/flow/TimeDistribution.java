package org.paperlab.flow;

import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * How the training time {@code t} of a pair is drawn. Time runs from the source ({@code t = 0})
 * to the target ({@code t = 1}).
 *
 * <ul>
 *   <li>{@link Uniform}: {@code t = eps + (1 - eps) U}, {@code U ~ U(0, 1)}. The official 2-D
 *       notebook of Liu et al. draws {@code t ~ U(0, 1)} ({@code eps = 0}); their CIFAR-10 code
 *       draws {@code t = U (1 - eps) + eps} with {@code eps = 1e-3}.
 *   <li>{@link UShaped}: Lee, Lin and Fanti (2024), Section 3.3: the density
 *       {@code p(t) = a (e^{a t} + e^{a (1 - t)}) / (2 (e^a - 1))} on {@code [0, 1]}, proportional to
 *       {@code cosh(a (t - 1/2))}, which puts more weight near both ends ({@code a = 4} in rfpp's
 *       README commands, 2 in its code). rfpp runs time the other way ({@code t = 0} is data); the
 *       density is symmetric about {@code 1/2}, so it is the same in either direction. Drawn as an
 *       equal mixture of the truncated exponential {@code a e^{a t} / (e^a - 1)} (inverse CDF
 *       {@code t = ln(1 + u (e^a - 1)) / a}) and its mirror {@code 1 - t}, then clipped to
 *       {@code [1e-5, 1 - 1e-5]} as rfpp does.
 *   <li>{@link Zero}: {@code t = 0} always: the "t0" distillation schedule of the official code,
 *       which trains the one-step map {@code z0 + v(z0, 0)} on reflow pairs.
 * </ul>
 */
public sealed interface TimeDistribution
    permits TimeDistribution.Uniform, TimeDistribution.UShaped, TimeDistribution.Zero {
  /** Parses {@code uniform(eps=0.0)}, {@code u-shaped(a=4.0)} or {@code zero}. */
  static TimeDistribution parse(String text) {
    return Variants.parse(TimeDistribution.class, text, "timeDistribution");
  }

  /** One draw. */
  double sample(SplittableRandom rng);

  /** The density at {@code t} (for {@link Zero}, 0 away from 0 and +inf at 0). */
  double density(double t);

  /** {@code t = eps + (1 - eps) U}. */
  @Name("uniform")
  record Uniform(double eps) implements TimeDistribution {
    public Uniform {
      Checks.require(eps >= 0 && eps < 1, "eps = %s must be in [0, 1)", eps);
    }

    /** {@code t ~ U(0, 1)}, the official 2-D notebook's. */
    public static Uniform defaults() {
      return new Uniform(0.0);
    }

    @Override
    public double sample(SplittableRandom rng) {
      return eps + (1 - eps) * rng.nextDouble();
    }

    @Override
    public double density(double t) {
      return t >= eps && t <= 1 ? 1 / (1 - eps) : 0;
    }
  }

  /** Lee et al.'s U-shaped density with parameter {@code a > 0}. */
  @Name("u-shaped")
  record UShaped(double a) implements TimeDistribution {
    /** rfpp's clipping of the draws. */
    public static final double CLIP = 1e-5;

    public UShaped {
      Checks.positive("a", a);
      Checks.require(a <= 700, "a = %s must be <= 700 (e^a must stay finite)", a);
    }

    /** {@code a = 4}, the value of rfpp's README commands. */
    public static UShaped defaults() {
      return new UShaped(4.0);
    }

    @Override
    public double sample(SplittableRandom rng) {
      double u = rng.nextDouble();
      double t = Math.log1p(u * Math.expm1(a)) / a;
      if (rng.nextBoolean()) {
        t = 1 - t;
      }
      return Math.min(1 - CLIP, Math.max(CLIP, t));
    }

    @Override
    public double density(double t) {
      if (t < 0 || t > 1) {
        return 0;
      }
      return a * (Math.exp(a * t) + Math.exp(a * (1 - t))) / (2 * Math.expm1(a));
    }
  }

  /** {@code t = 0}. */
  @Name("zero")
  record Zero() implements TimeDistribution {
    @Override
    public double sample(SplittableRandom rng) {
      return 0;
    }

    @Override
    public double density(double t) {
      return t == 0 ? Double.POSITIVE_INFINITY : 0;
    }
  }
}
