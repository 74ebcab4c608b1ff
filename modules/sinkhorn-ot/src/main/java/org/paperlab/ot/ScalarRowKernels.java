package org.paperlab.ot;

/** {@link RowKernels} in plain Java loops (the reference and the fallback without SIMD). */
final class ScalarRowKernels implements RowKernels {
  static final ScalarRowKernels INSTANCE = new ScalarRowKernels();

  private ScalarRowKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public double dot(float[] k, int ko, double[] v, int m) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 4 <= m; j += 4) {
      s0 += k[ko + j] * v[j];
      s1 += k[ko + j + 1] * v[j + 1];
      s2 += k[ko + j + 2] * v[j + 2];
      s3 += k[ko + j + 3] * v[j + 3];
    }
    for (; j < m; j++) {
      s0 += k[ko + j] * v[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double dot(double[] k, int ko, double[] v, int m) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 4 <= m; j += 4) {
      s0 += k[ko + j] * v[j];
      s1 += k[ko + j + 1] * v[j + 1];
      s2 += k[ko + j + 2] * v[j + 2];
      s3 += k[ko + j + 3] * v[j + 3];
    }
    for (; j < m; j++) {
      s0 += k[ko + j] * v[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(double alpha, float[] k, int ko, double[] t, int m) {
    for (int j = 0; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public void dot4(float[] k, int ko, double[] v, int m, double[] out, int o) {
    for (int r = 0; r < 4; r++) {
      out[o + r] = dot(k, ko + r * m, v, m);
    }
  }

  @Override
  public void dot4(double[] k, int ko, double[] v, int m, double[] out, int o) {
    for (int r = 0; r < 4; r++) {
      out[o + r] = dot(k, ko + r * m, v, m);
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, float[] k, int ko, double[] t, int m) {
    double a0 = alpha[o];
    double a1 = alpha[o + 1];
    double a2 = alpha[o + 2];
    double a3 = alpha[o + 3];
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    for (int j = 0; j < m; j++) {
      t[j] += a0 * k[ko + j] + a1 * k[k1 + j] + a2 * k[k2 + j] + a3 * k[k3 + j];
    }
  }

  @Override
  public void axpy4(double[] alpha, int o, double[] k, int ko, double[] t, int m) {
    double a0 = alpha[o];
    double a1 = alpha[o + 1];
    double a2 = alpha[o + 2];
    double a3 = alpha[o + 3];
    int k1 = ko + m;
    int k2 = ko + 2 * m;
    int k3 = ko + 3 * m;
    for (int j = 0; j < m; j++) {
      t[j] += a0 * k[ko + j] + a1 * k[k1 + j] + a2 * k[k2 + j] + a3 * k[k3 + j];
    }
  }

  @Override
  public void axpy(double alpha, double[] k, int ko, double[] t, int m) {
    for (int j = 0; j < m; j++) {
      t[j] += alpha * k[ko + j];
    }
  }

  @Override
  public double dot3(float[] k, int ko, double[] v, float[] c, int co, int m) {
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += (double) k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public double dot3(double[] k, int ko, double[] v, double[] c, int co, int m) {
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += k[ko + j] * v[j] * c[co + j];
    }
    return s;
  }

  @Override
  public void expInto(float[] c, int co, double base, double[] h, double inv, float[] out, int oo, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      out[oo + j] = flushF(Math.exp(h[j] + b - c[co + j] * inv));
    }
  }

  @Override
  public void expInto(double[] c, int co, double base, double[] h, double inv, double[] out, int oo, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      out[oo + j] = flushD(Math.exp(h[j] + b - c[co + j] * inv));
    }
  }

  /** A value as float, 0 where the float would be subnormal (subnormals are ~100x slower). */
  static float flushF(double x) {
    return x < Float.MIN_NORMAL ? 0f : (float) x;
  }

  /** 0 where {@code x} is subnormal. */
  static double flushD(double x) {
    return x < Double.MIN_NORMAL ? 0.0 : x;
  }

  @Override
  public double logScalingUpdate(double[] t, double[] l, double omega, double lambda, double[] shift,
      double shiftScale, double[] base, double[] out, int m) {
    double mx = 0;
    for (int j = 0; j < m; j++) {
      double lhat = -lambda * Math.log(t[j]) - shiftScale * shift[j];
      double ln = (1 - omega) * l[j] + omega * lhat;
      l[j] = ln;
      out[j] = base[j] * Math.exp(ln);
      mx = Math.max(mx, Math.abs(ln));
    }
    return mx;
  }

  @Override
  public double expIntoSum(float[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    double b = base * inv;
    double s = 0;
    for (int j = 0; j < m; j++) {
      double v = Math.exp(h[j] + b - c[co + j] * inv);
      e[j] = v;
      s += v;
    }
    return s;
  }

  @Override
  public double expIntoSum(double[] c, int co, double base, double[] h, double inv, double[] e, int m) {
    double b = base * inv;
    double s = 0;
    for (int j = 0; j < m; j++) {
      double v = Math.exp(h[j] + b - c[co + j] * inv);
      e[j] = v;
      s += v;
    }
    return s;
  }

  @Override
  public void scaledAxpy(double coef, double[] e, double[] w, double[] acc, int m) {
    for (int j = 0; j < m; j++) {
      acc[j] += coef * e[j] * w[j];
    }
  }

  @Override
  public double maxArg(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double mx = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      mx = Math.max(mx, h[j] + b - c[co + j] * inv);
    }
    return mx;
  }

  @Override
  public double maxArg(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double mx = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      mx = Math.max(mx, h[j] + b - c[co + j] * inv);
    }
    return mx;
  }

  @Override
  public void maxAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public void maxAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] = Math.max(acc[j], h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public void expAccumulate(float[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] += Math.exp(h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public void expAccumulate(double[] c, int co, double base, double[] h, double inv, double[] acc, int m) {
    double b = base * inv;
    for (int j = 0; j < m; j++) {
      acc[j] += Math.exp(h[j] + b - c[co + j] * inv);
    }
  }

  @Override
  public double expCostSum(float[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double s = 0;
    for (int j = 0; j < m; j++) {
      double cj = c[co + j];
      s += Math.exp(h[j] + b - cj * inv) * cj;
    }
    return s;
  }

  @Override
  public double expCostSum(double[] c, int co, double base, double[] h, double inv, int m) {
    double b = base * inv;
    double s = 0;
    for (int j = 0; j < m; j++) {
      double cj = c[co + j];
      s += Math.exp(h[j] + b - cj * inv) * cj;
    }
    return s;
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, float[] out, int oo, int m) {
    for (int j = 0; j < m; j++) {
      out[oo + j] = flushF(coef * e[j] * w[j]);
    }
  }

  @Override
  public void scaleInto(double coef, double[] e, double[] w, double[] out, int oo, int m) {
    for (int j = 0; j < m; j++) {
      out[oo + j] = flushD(coef * e[j] * w[j]);
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out, int oo) {
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < m; j++) {
        out[oo + r * m + j] = (float) pair(cost, x, xo + r * d, yT, d, m, j);
      }
    }
  }

  @Override
  public void costRows4(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out, int oo) {
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < m; j++) {
        out[oo + r * m + j] = pair(cost, x, xo + r * d, yT, d, m, j);
      }
    }
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, float[] out) {
    for (int j = 0; j < m; j++) {
      out[j] = (float) pair(cost, x, xo, yT, d, m, j);
    }
  }

  @Override
  public void costRow(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, double[] out) {
    for (int j = 0; j < m; j++) {
      out[j] = pair(cost, x, xo, yT, d, m, j);
    }
  }

  private static double pair(StandardCost cost, double[] x, int xo, double[] yT, int d, int m, int j) {
    double s = 0;
    if (cost == StandardCost.L1) {
      for (int k = 0; k < d; k++) {
        s += Math.abs(x[xo + k] - yT[k * m + j]);
      }
      return s;
    }
    for (int k = 0; k < d; k++) {
      double t = x[xo + k] - yT[k * m + j];
      s += t * t;
    }
    return cost == StandardCost.EUCLIDEAN ? Math.sqrt(s) : s;
  }
}
