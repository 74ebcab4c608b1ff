package org.paperlab.flow;

import org.paperlab.core.Checks;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.core.ode.Scheme;

/**
 * How {@link FlowSampler} integrates {@code dZ/dt = v(Z, t)}.
 *
 * @param method a fixed-step scheme with N steps on the grid {@code t_i = i / N} (Euler as in the
 *     official notebook, Heun, RK4) or adaptive Dormand-Prince RK45 with {@code rtol}, {@code atol}
 *     (the official code samples with RK45 at {@code rtol = atol = 1e-5})
 * @param backward integrate from {@code t = 1} to {@code t = 0} (target to source) instead of
 *     forward
 * @param useEma use the model's EMA weights when it has them (the official code samples with the
 *     EMA weights)
 * @param recordPath keep the state after every step (trajectories, straightness)
 */
public record SamplerConfig(OdeMethod method, boolean backward, boolean useEma, boolean recordPath) {
  public SamplerConfig {
    Checks.notNull("method", method);
  }

  /** Euler with 100 steps, forward, EMA weights when present, no path. */
  public static SamplerConfig defaults() {
    return new SamplerConfig(OdeMethod.fixed(Scheme.EULER, 100), false, true, false);
  }

  /** Euler with {@code steps} steps. */
  public static SamplerConfig euler(int steps) {
    return defaults().withMethod(OdeMethod.fixed(Scheme.EULER, steps));
  }

  /** Adaptive RK45 at {@code rtol = atol = tol}. */
  public static SamplerConfig adaptive(double tol) {
    return defaults().withMethod(OdeMethod.adaptive(tol, tol));
  }

  public SamplerConfig withMethod(OdeMethod m) {
    return new SamplerConfig(m, backward, useEma, recordPath);
  }

  public SamplerConfig withBackward(boolean b) {
    return new SamplerConfig(method, b, useEma, recordPath);
  }

  public SamplerConfig withUseEma(boolean e) {
    return new SamplerConfig(method, backward, e, recordPath);
  }

  public SamplerConfig withRecordPath(boolean r) {
    return new SamplerConfig(method, backward, useEma, r);
  }
}
