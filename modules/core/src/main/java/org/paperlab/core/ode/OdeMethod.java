package org.paperlab.core.ode;

import org.paperlab.core.Checks;

/** How to integrate: a fixed-step scheme or adaptive Dormand-Prince with tolerances. */
public sealed interface OdeMethod {

  /** {@code steps} equal steps of {@code scheme}. */
  record Fixed(Scheme scheme, int steps) implements OdeMethod {
    public Fixed {
      Checks.notNull("scheme", scheme);
      Checks.positive("steps", steps);
    }
  }

  /**
   * Adaptive Dormand-Prince RK5(4) with the mixed error norm of Hairer, Norsett and Wanner
   * ("Solving Ordinary Differential Equations I", II.4, Eq. 4.11):
   * {@code err = sqrt(mean_i (e_i / (atol + rtol max(|x_i|, |x_new,i|)))^2)}, a step accepted
   * when {@code err <= 1}, the next step {@code h * min(5, max(0.2, 0.9 err^(-1/5)))}.
   */
  record Adaptive(double rtol, double atol, int maxSteps) implements OdeMethod {
    public Adaptive {
      Checks.positive("rtol", rtol);
      Checks.positive("atol", atol);
      Checks.positive("maxSteps", maxSteps);
    }

    public Adaptive(double rtol, double atol) {
      this(rtol, atol, 100_000);
    }
  }

  static Fixed fixed(Scheme scheme, int steps) {
    return new Fixed(scheme, steps);
  }

  static Adaptive adaptive(double rtol, double atol) {
    return new Adaptive(rtol, atol);
  }
}
