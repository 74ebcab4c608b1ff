package org.paperlab.ot;

import java.util.Arrays;

/**
 * Over-relaxation factor, fixed or adapted online. Sinkhorn is a two-block Gauss-Seidel
 * iteration, so near the solution Young's SOR theory applies (Thibault et al. 2017, Section 3):
 * with plain rate {@code rho}, the best factor is {@code omega* = 2 / (1 + sqrt(1 - rho))} (the
 * formula of OTT-JAX's {@code Momentum}, Lehmann et al. 2021), and an over-relaxed iteration at
 * {@code omega <= omega*} contracts at {@code lambda} with
 * {@code (lambda + omega - 1)^2 = lambda omega^2 rho}. Every W iterations the observed
 * {@code lambda} gives back {@code rho = (lambda + omega - 1)^2 / (lambda omega^2)}, and omega
 * moves up to the new {@code omega*} (the plain rate of Sinkhorn only slows down as it
 * converges, so omega never has to decrease). If the error grows a hundredfold over its best,
 * omega returns to 1 and its cap is halved towards 1: the safeguard of a locally convergent
 * scheme.
 */
final class Momentum {
  static final int W = 20;
  private double omega;
  private final boolean adaptive;
  private double cap = 1.98;
  private double[] hist = new double[256];
  private int count;
  private int since;
  private double best = Double.POSITIVE_INFINITY;

  /** Starts at {@code cfg.omega()}; adapts when {@code cfg.adaptiveMomentum()}. */
  Momentum(SinkhornConfig cfg) {
    omega = cfg.omega();
    adaptive = cfg.adaptiveMomentum();
  }

  /** The factor for the next iteration. */
  double omega() {
    return omega;
  }

  /** Records the marginal error {@code err} of the last iteration and adapts omega. */
  void observe(double err) {
    if (!adaptive || !(err > 0) || !Double.isFinite(err)) {
      return;
    }
    if (count == hist.length) {
      hist = Arrays.copyOf(hist, 2 * count);
    }
    hist[count++] = err;
    since++;
    best = Math.min(best, err);
    if (omega > 1 && err > 100 * best) {
      omega = 1.0;
      cap = 1 + (cap - 1) / 2;
      since = 0;
      return;
    }
    if (since < 2 * W || since % W != 0) {
      return;
    }
    double lambda = Math.pow(hist[count - 1] / hist[count - 1 - W], 1.0 / W);
    if (!(lambda > 0 && lambda < 1)) {
      return;
    }
    double rho = (lambda + omega - 1) * (lambda + omega - 1) / (lambda * omega * omega);
    rho = Math.min(rho, 0.999999);
    double star = 2.0 / (1.0 + Math.sqrt(1.0 - rho));
    omega = Math.min(cap, Math.max(omega, star));
  }
}
