package org.paperlab.core.ode;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.paperlab.core.Checks;

/**
 * Explicit Runge-Kutta integration of {@code dx/dt = f(t, x)} from {@code t0} to {@code t1}
 * (either direction), counting vector-field evaluations (NFE).
 *
 * <pre>{@code
 * OdeResult r = Ode.solve(field, x0, 0.0, 1.0, OdeMethod.fixed(Scheme.RK4, 10));
 * OdeResult a = Ode.solve(field, x0, 0.0, 1.0, OdeMethod.adaptive(1e-5, 1e-5));
 * }</pre>
 *
 * <p>Fixed-step schemes use their Butcher tableau ({@link Scheme}); the adaptive method is the
 * Dormand-Prince RK5(4) pair with local extrapolation (the 5th-order solution is kept), FSAL reuse
 * of the last stage, and the starting-step heuristic of Hairer, Norsett and Wanner (II.4).
 */
public final class Ode {
  private Ode() {}

  /** Integrates without recording the path. */
  public static OdeResult solve(VectorField f, INDArray x0, double t0, double t1, OdeMethod method) {
    return solve(f, x0, t0, t1, method, false);
  }

  /**
   * Integrates; when {@code recordPath}, the result holds the state at {@code t0} and after every
   * accepted step.
   */
  public static OdeResult solve(
      VectorField f, INDArray x0, double t0, double t1, OdeMethod method, boolean recordPath) {
    Checks.notNull("f", f);
    Checks.notNull("x0", x0);
    Checks.finite("t0", t0);
    Checks.finite("t1", t1);
    Checks.notNull("method", method);
    if (method instanceof OdeMethod.Fixed fixed) {
      return fixed(f, x0, t0, t1, fixed, recordPath);
    }
    return adaptive(f, x0, t0, t1, (OdeMethod.Adaptive) method, recordPath);
  }

  private static OdeResult fixed(
      VectorField f, INDArray x0, double t0, double t1, OdeMethod.Fixed m, boolean record) {
    Scheme s = m.scheme();
    int steps = m.steps();
    double h = (t1 - t0) / steps;
    List<Double> times = new ArrayList<>();
    List<INDArray> path = new ArrayList<>();
    if (record) {
      times.add(t0);
      path.add(x0.dup());
    }
    INDArray x = x0;
    int stages = s.stages();
    INDArray[] k = new INDArray[stages];
    int nfe = 0;
    for (int n = 0; n < steps; n++) {
      double t = t0 + n * h;
      for (int i = 0; i < stages; i++) {
        k[i] = f.at(t + s.c[i] * h, stageState(x, h, s.a[i], k));
        nfe++;
      }
      x = stageState(x, h, s.b, k);
      if (record) {
        times.add(n + 1 == steps ? t1 : t0 + (n + 1) * h);
        path.add(x);
      }
    }
    return new OdeResult(x == x0 ? x0.dup() : x, nfe, steps, 0, times, path);
  }

  private static OdeResult adaptive(
      VectorField f, INDArray x0, double t0, double t1, OdeMethod.Adaptive m, boolean record) {
    List<Double> times = new ArrayList<>();
    List<INDArray> path = new ArrayList<>();
    if (record) {
      times.add(t0);
      path.add(x0.dup());
    }
    if (t0 == t1) {
      return new OdeResult(x0.dup(), 0, 0, 0, times, path);
    }
    double[][] a = Scheme.DormandPrince.A;
    double[] c = Scheme.DormandPrince.C;
    double[] b5 = Scheme.DormandPrince.B5;
    double[] errWeights = new double[7];
    for (int i = 0; i < 7; i++) {
      errWeights[i] = b5[i] - Scheme.DormandPrince.B4[i];
    }
    double dir = Math.signum(t1 - t0);
    INDArray x = x0;
    INDArray[] k = new INDArray[7];
    k[0] = f.at(t0, x);
    int nfe = 1;
    double h = initialStep(f, t0, x, k[0], dir, m.rtol(), m.atol());
    nfe++;
    double t = t0;
    int accepted = 0;
    int rejected = 0;
    while (dir * (t1 - t) > 0) {
      if (accepted + rejected >= m.maxSteps()) {
        throw new IllegalStateException(
            "adaptive integration exceeded maxSteps = " + m.maxSteps() + " at t = " + t
                + " (step " + h + "); loosen rtol/atol or raise maxSteps");
      }
      if (dir * (t + h - t1) > 0) {
        h = t1 - t;
      }
      for (int i = 1; i < 7; i++) {
        k[i] = f.at(t + c[i] * h, stageState(x, h, a[i], k));
        nfe++;
      }
      // The 7th stage was evaluated at the 5th-order solution (A's last row equals B5).
      INDArray xNew = stageState(x, h, a[6], k);
      INDArray e = combineIncrement(h, errWeights, k);
      INDArray scale = Transforms.max(Transforms.abs(x, true), Transforms.abs(xNew, true), false)
          .muli(m.rtol()).addi(m.atol());
      double err = rms(e.divi(scale));
      if (!Double.isFinite(err)) {
        throw new IllegalStateException("adaptive integration produced a non-finite state at t = " + t);
      }
      double factor = err == 0 ? 5.0 : Math.min(5.0, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      if (err <= 1.0) {
        t = dir * (t1 - (t + h)) <= 0 ? t1 : t + h;
        x = xNew;
        k[0] = k[6];
        accepted++;
        if (record) {
          times.add(t);
          path.add(x);
        }
        h *= factor;
      } else {
        rejected++;
        h *= Math.min(1.0, factor);
      }
      if (Math.abs(h) < 1e-14 * Math.max(1.0, Math.abs(t))) {
        throw new IllegalStateException("adaptive step size underflow at t = " + t);
      }
    }
    return new OdeResult(x == x0 ? x0.dup() : x, nfe, accepted, rejected, times, path);
  }

  /** {@code x + h sum_j a_j k_j} (x itself when the row is empty). */
  private static INDArray stageState(INDArray x, double h, double[] aRow, INDArray[] k) {
    INDArray s = null;
    for (int j = 0; j < aRow.length; j++) {
      if (aRow[j] != 0) {
        if (s == null) {
          s = k[j].mul(h * aRow[j]);
        } else {
          s.addi(k[j].mul(h * aRow[j]));
        }
      }
    }
    return s == null ? x : s.addi(x);
  }

  private static INDArray combineIncrement(double h, double[] w, INDArray[] k) {
    INDArray s = null;
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        s = s == null ? k[j].mul(h * w[j]) : s.addi(k[j].mul(h * w[j]));
      }
    }
    return s;
  }

  /** Hairer, Norsett and Wanner's starting step (Solving ODEs I, II.4, "starting step size"). */
  private static double initialStep(
      VectorField f, double t0, INDArray x0, INDArray f0, double dir, double rtol, double atol) {
    INDArray sc = Transforms.abs(x0, true).muli(rtol).addi(atol);
    double d0 = rms(x0.div(sc));
    double d1 = rms(f0.div(sc));
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
    INDArray x1 = x0.add(f0.mul(dir * h0));
    INDArray f1 = f.at(t0 + dir * h0, x1);
    double d2 = rms(f1.sub(f0).divi(sc)) / h0;
    double h1 = Math.max(d1, d2) <= 1e-15
        ? Math.max(1e-6, h0 * 1e-3)
        : Math.pow(0.01 / Math.max(d1, d2), 1.0 / 5);
    return dir * Math.min(100 * h0, h1);
  }

  private static double rms(INDArray v) {
    return v.norm2Number().doubleValue() / Math.sqrt(v.length());
  }
}
