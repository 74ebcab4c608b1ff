package org.paperlab.ot;

import org.paperlab.core.Checks;

/**
 * Dual potentials {@code (f, g)} of entropic OT in the convention
 * {@code P_ij = a_i b_j exp((f_i + g_j - C_ij)/eps)} (Feydy et al. 2019, Eq. 7), e.g. a warm
 * start for a nearby problem.
 *
 * @param f potential on the first measure (length n)
 * @param g potential on the second measure (length m)
 */
public record Potentials(double[] f, double[] g) {
  public Potentials {
    Checks.allFinite("f", f);
    Checks.allFinite("g", g);
    f = f.clone();
    g = g.clone();
  }

  @Override
  public double[] f() {
    return f.clone();
  }

  @Override
  public double[] g() {
    return g.clone();
  }

  double[] fRef() {
    return f;
  }

  double[] gRef() {
    return g;
  }
}
