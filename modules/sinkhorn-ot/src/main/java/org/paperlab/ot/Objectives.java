package org.paperlab.ot;

/**
 * The figures of merit of a finished solve, as {@link SinkhornResult} documents them: the
 * transport cost {@code <P, C>}, the entropic primal objective evaluated from the potentials and
 * the marginals, {@code sum_i f_i r_i + sum_j g_j c_j - eps (|P| - |a||b|)} (plus
 * {@code tau KL(r | a) + tau KL(c | b)} when unbalanced), and the dual objective,
 * {@code <a, f> + <b, g> - eps (|P| - |a||b|)} when balanced, or
 * {@code -tau <a, e^{-f/tau} - 1> - tau <b, e^{-g/tau} - 1> - eps (|P| - |a||b|)} when unbalanced
 * (the KL-penalized dual of Chizat et al. 2018). At convergence primal and dual agree.
 *
 * @param cost the transport cost {@code <P, C>}
 * @param objective the entropic primal objective
 * @param dual the entropic dual objective
 */
record Objectives(double cost, double objective, double dual) {

  /** The objectives of the state's plan with full potentials {@code f, g} and transport cost {@code cost}. */
  static Objectives of(SinkhornState s, double cost, double[] f, double[] g) {
    double[] a = s.a;
    double[] b = s.b;
    double[] r = s.r;
    double[] c = s.c;
    double mass = 0;
    double fr = 0;
    double gc = 0;
    double af = 0;
    double bg = 0;
    for (int i = 0; i < s.n; i++) {
      mass += r[i];
      fr += f[i] * r[i];
      af += a[i] * f[i];
    }
    for (int j = 0; j < s.m; j++) {
      gc += g[j] * c[j];
      bg += b[j] * g[j];
    }
    double massTerm = s.eps() * (mass - s.massA * s.massB);
    double objective = fr + gc - massTerm;
    double dual;
    if (s.balanced) {
      dual = af + bg - massTerm;
    } else {
      double tau = s.tau;
      objective += tau * kl(r, a) + tau * kl(c, b);
      double da = 0;
      double db = 0;
      for (int i = 0; i < s.n; i++) {
        da += a[i] * (Math.exp(-f[i] / tau) - 1);
      }
      for (int j = 0; j < s.m; j++) {
        db += b[j] * (Math.exp(-g[j] / tau) - 1);
      }
      dual = -tau * da - tau * db - massTerm;
    }
    return new Objectives(cost, objective, dual);
  }

  /** Generalized KL {@code sum p log(p/q) - p + q}. */
  static double kl(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (p[i] > 0 ? p[i] * Math.log(p[i] / q[i]) : 0) - p[i] + q[i];
    }
    return s;
  }
}
