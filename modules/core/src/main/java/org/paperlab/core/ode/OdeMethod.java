package org.paperlab.core.ode;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * How to integrate: a fixed-step scheme or adaptive Dormand-Prince with tolerances. Written
 * {@code fixed(scheme=rk4, steps=8)} or {@code adaptive(rtol=1e-5, atol=1e-5, maxSteps=100000)}
 * in configs ({@link #parse}).
 */
public sealed interface OdeMethod permits OdeMethod.Fixed, OdeMethod.Adaptive {

  /** Parses {@code fixed(scheme=..., steps=...)} or {@code adaptive(rtol=..., atol=..., maxSteps=...)}. */
  static OdeMethod parse(String text) {
    return Variants.parse(OdeMethod.class, text, "method");
  }

  /** The number of vector-field evaluations a fixed method takes (-1 for adaptive: it depends on the field). */
  default int plannedEvaluations() {
    return this instanceof Fixed f ? f.steps() * f.scheme().stages() : -1;
  }

  /** {@code steps} equal steps of {@code scheme}. */
  @Name("fixed")
  record Fixed(Scheme scheme, int steps) implements OdeMethod {
    public Fixed {
      Checks.notNull("scheme", scheme);
      Checks.positive("steps", steps);
    }

    /** Euler with 100 steps (what {@code fixed} alone means). */
    public static Fixed defaults() {
      return new Fixed(Scheme.EULER, 100);
    }
  }

  /**
   * Adaptive Dormand-Prince RK5(4) with the mixed error norm of Hairer, Norsett and Wanner
   * ("Solving Ordinary Differential Equations I", II.4, Eq. 4.11):
   * {@code err = sqrt(mean_i (e_i / (atol + rtol max(|x_i|, |x_new,i|)))^2)}, a step accepted
   * when {@code err <= 1}, the next step {@code h * min(5, max(0.2, 0.9 err^(-1/5)))}.
   */
  @Name("adaptive")
  record Adaptive(double rtol, double atol, int maxSteps) implements OdeMethod {
    public Adaptive {
      Checks.positive("rtol", rtol);
      Checks.positive("atol", atol);
      Checks.positive("maxSteps", maxSteps);
    }

    public Adaptive(double rtol, double atol) {
      this(rtol, atol, 100_000);
    }

    /** {@code rtol = atol = 1e-5}, at most 100,000 steps (what {@code adaptive} alone means). */
    public static Adaptive defaults() {
      return new Adaptive(1e-5, 1e-5);
    }
  }

  static Fixed fixed(Scheme scheme, int steps) {
    return new Fixed(scheme, steps);
  }

  static Adaptive adaptive(double rtol, double atol) {
    return new Adaptive(rtol, atol);
  }
}
