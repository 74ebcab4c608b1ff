package org.paperlab.sgd;

import java.util.SplittableRandom;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * Additive gradient noise {@code g_t = grad f(x_t) + xi_t}, coordinates of {@code xi_t} i.i.d. with
 * mean zero and scale {@code sigma}:
 *
 * <ul>
 *   <li>{@link None};
 *   <li>{@link Gaussian}: {@code sigma N(0,1)} (sub-Gaussian; every moment finite);
 *   <li>{@link StudentT}: {@code sigma t_nu}, {@code t_nu = Z / sqrt(V/nu)}, {@code V ~ chi^2_nu}:
 *       finite p-th moment exactly for {@code p < nu};
 *   <li>{@link Pareto}: symmetric Pareto (Lomax) {@code sigma S (U^(-1/alpha) - 1)}, S a random
 *       sign, U uniform on (0, 1]: {@code P(|xi| > sigma u) = (1+u)^-alpha}, finite p-th moment
 *       exactly for {@code p < alpha}.
 * </ul>
 *
 * The heavy-tailed models are the "finite p-th moment, p in (1, 2]" noise of Liu and Zhou (2024).
 */
public sealed interface NoiseModel
    permits NoiseModel.None, NoiseModel.Gaussian, NoiseModel.StudentT, NoiseModel.Pareto {

  /** One coordinate of the noise. */
  double sample(SplittableRandom rng);

  /** The supremum of the p with a finite p-th moment (infinite for none and Gaussian). */
  double momentIndex();

  /** The variant's name, its {@link Name}: what the command line and run.json call it. */
  default String name() {
    return Variants.name(this);
  }

  /**
   * The noise model written as {@link Variants#format}, e.g. {@code none}, {@code pareto(alpha=2.5, sigma=1.0)}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad parameter
   */
  static NoiseModel parse(String text) {
    return Variants.parse(NoiseModel.class, text);
  }

  /** The model with its parameters, for run.json. */
  String description();

  /** Adds one noise vector to {@code g}. */
  default void addTo(double[] g, SplittableRandom rng) {
    for (int i = 0; i < g.length; i++) {
      g[i] += sample(rng);
    }
  }

  /** No noise. */
  @Name("none")
  record None() implements NoiseModel {
    @Override
    public double sample(SplittableRandom rng) {
      return 0;
    }

    @Override
    public void addTo(double[] g, SplittableRandom rng) {}

    @Override
    public double momentIndex() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public String description() {
      return "none";
    }
  }

  /** {@code sigma N(0, 1)} per coordinate. */
  @Name("gaussian")
  record Gaussian(double sigma) implements NoiseModel {
    public Gaussian {
      Checks.positive("sigma", sigma);
    }

    @Override
    public double sample(SplittableRandom rng) {
      return sigma * rng.nextGaussian();
    }

    @Override
    public double momentIndex() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public String description() {
      return "gaussian(sigma=" + sigma + ")";
    }
  }

  /** {@code sigma t_nu} per coordinate, {@code nu > 0}. */
  @Name("student-t")
  record StudentT(double nu, double sigma) implements NoiseModel {
    public StudentT {
      Checks.positive("nu", nu);
      Checks.positive("sigma", sigma);
    }

    @Override
    public double sample(SplittableRandom rng) {
      double z = rng.nextGaussian();
      double v = 2.0 * gamma(0.5 * nu, rng); // chi^2_nu
      return sigma * z / Math.sqrt(v / nu);
    }

    @Override
    public double momentIndex() {
      return nu;
    }

    @Override
    public String description() {
      return "student-t(nu=" + nu + ", sigma=" + sigma + ")";
    }
  }

  /** Symmetric Pareto (Lomax) with tail index {@code alpha > 1} and scale sigma. */
  @Name("pareto")
  record Pareto(double alpha, double sigma) implements NoiseModel {
    public Pareto {
      if (!(alpha > 1) || alpha == Double.POSITIVE_INFINITY) {
        throw new InvalidArgumentException("alpha",
            " = " + alpha + " must be > 1 and finite (mean-zero noise needs a finite mean)");
      }
      Checks.positive("sigma", sigma);
    }

    @Override
    public double sample(SplittableRandom rng) {
      long bits = rng.nextLong();
      double u = ((bits >>> 11) + 1) * 0x1.0p-53; // uniform on (0, 1]
      double m = Math.pow(u, -1.0 / alpha) - 1.0;
      return (bits & 1L) == 0 ? sigma * m : -sigma * m;
    }

    @Override
    public double momentIndex() {
      return alpha;
    }

    @Override
    public String description() {
      return "pareto(alpha=" + alpha + ", sigma=" + sigma + ")";
    }
  }

  /**
   * A Gamma(shape, 1) variate: Marsaglia and Tsang (2000), "A simple method for generating gamma
   * variables", for shape &gt;= 1, and {@code Gamma(a) = Gamma(a+1) U^(1/a)} for shape &lt; 1.
   */
  static double gamma(double shape, SplittableRandom rng) {
    if (shape < 1) {
      double u = 1.0 - rng.nextDouble(); // (0, 1]
      return gamma(shape + 1, rng) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - rng.nextDouble();
      if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
