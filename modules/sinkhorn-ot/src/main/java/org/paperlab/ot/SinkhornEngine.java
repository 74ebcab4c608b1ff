package org.paperlab.ot;

import java.util.Arrays;

/**
 * The iterations behind {@link Sinkhorn}: a fused kernel-domain sweep with absorption (Schmitzer
 * 2019) and a fused log-domain sweep, both one pass over the matrix per iteration.
 *
 * <p>Notation: {@code P_ij = u_i K~_ij v_j} with {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)},
 * {@code u_i = a_i exp(lu_i)}, {@code v_j = b_j exp(lv_j)}; the full potentials are
 * {@code f = f~ + eps lu}, {@code g = g~ + eps lv}, so {@code P_ij = a_i b_j exp((f_i + g_j -
 * C_ij)/eps)}. The log-domain solver keeps {@code lu = lv = 0} and updates {@code f~, g~}.
 *
 * <p>One iteration reads each row {@code i} once: {@code s_i = (K~ v)_i}, the new {@code u_i},
 * then {@code t += u_i K~_i} (kernel), or {@code e_j = b_j exp((f_i + g_j - C_ij)/eps)},
 * {@code f_i} by soft-min, then the column sums with the new {@code f_i} from the same
 * {@code e} (log). The marginals of the plan {@code (u_new, v)} fall out of the sweep, so the
 * stopping rule costs nothing: for balanced OT at omega = 1 the rows are exact and the error is
 * the column error, as in POT's {@code sinkhorn}.
 */
final class SinkhornEngine {
  static final double TINY = 1e-280;
  static final double HUGE = 1e280;

  final int n;
  final int m;
  final double[] a;
  final double[] b;
  final double[] logA;
  final double[] logB;
  final double[] invB;
  final double massA;
  final double massB;
  final CostRows cost;
  final SinkhornConfig cfg;
  final RowKernels k;
  final int blocks;
  final boolean balanced;
  final double tau;
  final boolean single;
  final double theta;

  // state
  double eps;
  double inv;
  double lambda;
  final double[] ft;
  final double[] gt;
  final double[] lu;
  final double[] lv;
  final double[] u;
  final double[] v;
  final double[] r;
  final double[] c;
  private final double[] luNew;
  private final double[] uNew;
  private final double[] h;
  private final double[] colAcc;
  private float[] kf;
  private double[] kd;
  private final Work[] work;

  // outcome
  int iterations;
  int absorptions;
  int fallbacks;
  int stages;
  double errL1 = Double.POSITIVE_INFINITY;
  double errL2 = Double.POSITIVE_INFINITY;
  boolean converged;
  String failure;
  boolean kernelMode;
  boolean switchedToLog;
  boolean needsLog;
  final TraceRecorder trace;

  /** Per-block scratch: column accumulator, row buffer, lazy cost rows, error sums. */
  static final class Work {
    final double[] t;
    final double[] e;
    final float[] cF;
    final double[] cD;
    double l1;
    double l2;
    double maxAbs;
    double qlo;
    double qhi;
    int bad = -1;
    final double[] s4 = new double[4];
    final double[] a4 = new double[4];

    Work(int m, boolean lazy, boolean single) {
      t = new double[m];
      e = new double[m];
      cF = lazy && single ? new float[m] : null;
      cD = lazy && !single ? new double[m] : null;
    }
  }

  /** Records the error of every iteration (for convergence charts). */
  static final class TraceRecorder {
    private double[] err = new double[64];
    private double[] epsAt = new double[64];
    private int size;

    void add(double e, double epsilon) {
      if (size == err.length) {
        err = Arrays.copyOf(err, size * 2);
        epsAt = Arrays.copyOf(epsAt, size * 2);
      }
      err[size] = e;
      epsAt[size++] = epsilon;
    }

    double[] errors() {
      return Arrays.copyOf(err, size);
    }

    double[] epsilons() {
      return Arrays.copyOf(epsAt, size);
    }
  }

  SinkhornEngine(SinkhornConfig cfg, double[] a, double[] b, CostRows cost, RowKernels k) {
    this.cfg = cfg;
    this.a = a;
    this.b = b;
    this.n = a.length;
    this.m = b.length;
    this.cost = cost;
    this.k = k;
    this.single = cost.single;
    this.balanced = cfg.balanced();
    this.tau = cfg.tau();
    this.blocks = Parallel.blocks(cfg.threads(), n);
    this.theta = single ? 25.0 : 200.0;
    logA = new double[n];
    logB = new double[m];
    invB = new double[m];
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < n; i++) {
      logA[i] = Math.log(a[i]);
      sa += a[i];
    }
    for (int j = 0; j < m; j++) {
      logB[j] = Math.log(b[j]);
      invB[j] = 1.0 / b[j];
      sb += b[j];
    }
    massA = sa;
    massB = sb;
    ft = new double[n];
    gt = new double[m];
    lu = new double[n];
    lv = new double[m];
    u = a.clone();
    v = b.clone();
    r = new double[n];
    c = new double[m];
    luNew = new double[n];
    uNew = new double[n];
    h = new double[m];
    colAcc = new double[m];
    work = new Work[blocks];
    for (int q = 0; q < blocks; q++) {
      work[q] = new Work(m, cost.lazy(), single);
    }
    trace = new TraceRecorder();
  }

  void setEpsilon(double e) {
    eps = e;
    inv = 1.0 / e;
    lambda = balanced ? 1.0 : tau / (tau + e);
  }

  // ======================================================================================
  // exact log-domain half steps (initialization and fallback)
  // ======================================================================================

  /** {@code f~ <- lambda * (-eps log sum_j b_j exp((g_j - C_ij)/eps))} with g = g~ (max-shifted). */
  void exactRowUpdate() {
    for (int j = 0; j < m; j++) {
      h[j] = logB[j] + gt[j] * inv;
    }
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      for (int i = lo; i < hi; i++) {
        double ls = logSumRow(i, 0.0, w);
        ft[i] = -lambda * eps * ls;
      }
    });
  }

  /** {@code log sum_j exp(h_j + (base - C_ij)/eps)}, exactly (two passes). */
  private double logSumRow(int i, double base, Work w) {
    double mx;
    double s;
    if (single) {
      float[] cr = cost.rowF(i, w.cF);
      int co = cost.off(i);
      mx = k.maxArg(cr, co, base, h, inv, m);
      s = k.expIntoSum(cr, co, base - eps * mx, h, inv, w.e, m);
    } else {
      double[] cr = cost.rowD(i, w.cD);
      int co = cost.off(i);
      mx = k.maxArg(cr, co, base, h, inv, m);
      s = k.expIntoSum(cr, co, base - eps * mx, h, inv, w.e, m);
    }
    return mx + Math.log(s);
  }

  /** {@code g~ <- lambda * (-eps log sum_i a_i exp((f_i - C_ij)/eps))} with f = f~ (max-shifted). */
  void exactColUpdate() {
    Arrays.fill(h, 0.0);
    double[] ls = exactColumnLogSums(ft, h);
    for (int j = 0; j < m; j++) {
      gt[j] = -lambda * eps * ls[j];
    }
  }

  /**
   * {@code log sum_i exp(hc_j + (f_i + eps logA_i - C_ij)/eps)} for every column, with a
   * column-wise max shift: pass 1 takes the maxima, pass 2 sums the shifted exponentials.
   */
  private double[] exactColumnLogSums(double[] f, double[] hc) {
    double[] mx = new double[m];
    double[][] partMax = new double[blocks][];
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      double[] acc = w.t;
      Arrays.fill(acc, Double.NEGATIVE_INFINITY);
      for (int i = lo; i < hi; i++) {
        double base = f[i] + eps * logA[i];
        if (single) {
          k.maxAccumulate(cost.rowF(i, w.cF), cost.off(i), base, hc, inv, acc, m);
        } else {
          k.maxAccumulate(cost.rowD(i, w.cD), cost.off(i), base, hc, inv, acc, m);
        }
      }
      partMax[blk] = acc.clone();
    });
    Arrays.fill(mx, Double.NEGATIVE_INFINITY);
    for (double[] p : partMax) {
      for (int j = 0; j < m; j++) {
        mx[j] = Math.max(mx[j], p[j]);
      }
    }
    double[] hs = new double[m];
    for (int j = 0; j < m; j++) {
      hs[j] = hc[j] - mx[j];
    }
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      Arrays.fill(w.t, 0.0);
      for (int i = lo; i < hi; i++) {
        double base = f[i] + eps * logA[i];
        if (single) {
          k.expAccumulate(cost.rowF(i, w.cF), cost.off(i), base, hs, inv, w.t, m);
        } else {
          k.expAccumulate(cost.rowD(i, w.cD), cost.off(i), base, hs, inv, w.t, m);
        }
      }
    });
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (Work w : work) {
        s += w.t[j];
      }
      out[j] = mx[j] + Math.log(s);
    }
    return out;
  }

  // ======================================================================================
  // kernel domain
  // ======================================================================================

  /**
   * The stabilized start in one pass: the exact soft-min row update from {@code g~ = 0}
   * ({@code f~_i = -lambda eps log sum_j b_j exp(-C_ij/eps)}, max-shifted) and, from the same
   * exponentials, the kernel row {@code K~_ij = exp((f~_i - C_ij)/eps) = e_j / b_j exp(f~_i/eps + mx)}
   * without a second exponential pass. Every kernel row then has mass; a column without mass is
   * caught by the first sweep and repaired by {@link #fallback()}.
   */
  void initKernelFromExactRows() {
    Arrays.fill(gt, 0.0);
    for (int j = 0; j < m; j++) {
      h[j] = logB[j];
    }
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      for (int i = lo; i < hi; i++) {
        double mx;
        double s;
        if (single) {
          float[] cr = cost.rowF(i, w.cF);
          int co = cost.off(i);
          mx = k.maxArg(cr, co, 0.0, h, inv, m);
          s = k.expIntoSum(cr, co, -eps * mx, h, inv, w.e, m);
        } else {
          double[] cr = cost.rowD(i, w.cD);
          int co = cost.off(i);
          mx = k.maxArg(cr, co, 0.0, h, inv, m);
          s = k.expIntoSum(cr, co, -eps * mx, h, inv, w.e, m);
        }
        double f = -lambda * eps * (mx + Math.log(s));
        ft[i] = f;
        double coef = Math.exp(f * inv + mx);
        if (single) {
          k.scaleInto(coef, w.e, invB, kf, i * m, m);
        } else {
          k.scaleInto(coef, w.e, invB, kd, i * m, m);
        }
      }
    });
  }

  /** Allocates the stored kernel (once). */
  void allocateKernel() {
    long size = (long) n * m;
    if (single) {
      kf = new float[(int) size];
    } else {
      kd = new double[(int) size];
    }
    kernelMode = true;
  }

  /** {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)}, multi-threaded over rows. */
  void rebuildKernel() {
    for (int j = 0; j < m; j++) {
      h[j] = gt[j] * inv;
    }
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      for (int i = lo; i < hi; i++) {
        if (single) {
          k.expInto(cost.rowF(i, w.cF), cost.off(i), ft[i], h, inv, kf, i * m, m);
        } else {
          k.expInto(cost.rowD(i, w.cD), cost.off(i), ft[i], h, inv, kd, i * m, m);
        }
      }
    });
  }

  /** Moves the scalings into the potentials and rebuilds the kernel. */
  void absorb() {
    foldScalings();
    rebuildKernel();
    absorptions++;
  }

  /** {@code f~ += eps lu, g~ += eps lv, u = a, v = b} (requires valid logs). */
  void foldScalings() {
    for (int i = 0; i < n; i++) {
      ft[i] += eps * lu[i];
      lu[i] = 0;
      u[i] = a[i];
    }
    for (int j = 0; j < m; j++) {
      gt[j] += eps * lv[j];
      lv[j] = 0;
      v[j] = b[j];
    }
  }

  /** Makes {@code lu, lv} consistent with {@code u, v} (the fast path keeps only u, v). */
  private void syncLogs() {
    for (int i = 0; i < n; i++) {
      lu[i] = Math.log(u[i] / a[i]);
    }
    for (int j = 0; j < m; j++) {
      lv[j] = Math.log(v[j] / b[j]);
    }
  }

  /** Recovers from a kernel underflow with exact log-domain half steps at the current potentials. */
  void fallback() {
    syncLogs();
    for (int i = 0; i < n; i++) {
      ft[i] += eps * lu[i];
    }
    for (int j = 0; j < m; j++) {
      gt[j] += eps * lv[j];
    }
    exactRowUpdate();
    exactColUpdate();
    Arrays.fill(lu, 0);
    Arrays.fill(lv, 0);
    System.arraycopy(a, 0, u, 0, n);
    System.arraycopy(b, 0, v, 0, m);
    rebuildKernel();
    fallbacks++;
  }

  /**
   * Runs kernel iterations at the current epsilon until the error is at most {@code tol} (checked
   * every {@code checkEvery}), the budget {@code maxIter} is spent, or (plain kernel) the kernel
   * underflows. Returns true when converged.
   */
  boolean runKernel(double tol, int maxIter, boolean stabilized) {
    Momentum mom = new Momentum(cfg);
    boolean logsValid = false;
    int stageFallbacks = 0;
    for (int it = 0; it < maxIter; it++) {
      double omega = mom.omega;
      boolean fast = balanced && omega == 1.0;
      if (!fast && !logsValid) {
        syncLogs();
        logsValid = true;
      }
      final boolean useLogs = !fast;
      Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
        Work w = work[blk];
        Arrays.fill(w.t, 0.0);
        w.l1 = 0;
        w.l2 = 0;
        w.maxAbs = 0;
        w.qlo = 1;
        w.qhi = 1;
        w.bad = -1;
        double[] sb = w.s4;
        double[] al = w.a4;
        for (int i0 = lo; i0 < hi; i0 += 4) {
          int rows = Math.min(4, hi - i0);
          // four rows at a time: v and t are read once per four kernel rows
          if (rows == 4) {
            if (single) {
              k.dot4(kf, i0 * m, v, m, sb, 0);
            } else {
              k.dot4(kd, i0 * m, v, m, sb, 0);
            }
          } else {
            for (int r = 0; r < rows; r++) {
              sb[r] = single ? k.dot(kf, (i0 + r) * m, v, m) : k.dot(kd, (i0 + r) * m, v, m);
            }
          }
          for (int r = 0; r < rows; r++) {
            al[r] = scaleRow(i0 + r, sb[r], w, useLogs, omega);
          }
          if (rows == 4) {
            if (single) {
              k.axpy4(al, 0, kf, i0 * m, w.t, m);
            } else {
              k.axpy4(al, 0, kd, i0 * m, w.t, m);
            }
          } else {
            for (int r = 0; r < rows; r++) {
              if (single) {
                k.axpy(al[r], kf, (i0 + r) * m, w.t, m);
              } else {
                k.axpy(al[r], kd, (i0 + r) * m, w.t, m);
              }
            }
          }
        }
      });
      int badRow = -1;
      double l1 = 0;
      double l2 = 0;
      double maxAbsU = 0;
      for (Work w : work) {
        if (w.bad >= 0 && badRow < 0) {
          badRow = w.bad;
        }
        l1 += w.l1;
        l2 += w.l2;
        maxAbsU = Math.max(maxAbsU, Math.max(w.maxAbs, Math.max(-Math.log(w.qlo), Math.log(w.qhi))));
      }
      double[] t = colAcc;
      sumColumns(t);
      int badCol = -1;
      for (int j = 0; j < m; j++) {
        double cj = v[j] * t[j];
        c[j] = cj;
        if (!(t[j] > 0 && t[j] < Double.POSITIVE_INFINITY)) {
          if (badCol < 0) {
            badCol = j;
          }
          continue;
        }
        double target = balanced ? b[j] : b[j] * Math.exp(-(gt[j] + eps * lv[j]) / tau);
        double d = cj - target;
        l1 += Math.abs(d);
        l2 += d * d;
      }
      iterations++;
      if (badRow >= 0 || badCol >= 0) {
        String where = badRow >= 0 ? "row " + badRow + " of K v" : "column " + badCol + " of K^T u";
        if (!stabilized) {
          syncLogs();
          failure = String.format(java.util.Locale.ROOT,
              "kernel underflow at iteration %d: %s is 0 or not finite (eps = %.4g is too small for "
                  + "the plain kernel domain; use method AUTO or LOG)", iterations, where, eps);
          trace.add(Double.NaN, eps);
          return false;
        }
        // keep the last good (u, v): nothing was swapped yet
        fallback();
        logsValid = false;
        trace.add(Double.NaN, eps);
        if (++stageFallbacks > 10) {
          needsLog = true; // the caller switches to the log domain
          return false;
        }
        continue;
      }
      errL1 = l1;
      errL2 = Math.sqrt(l2);
      double err = cfg.errorNorm() == ErrorNorm.L1 ? errL1 : errL2;
      trace.add(errL1, eps);
      boolean done = err <= tol && (it + 1) % cfg.checkEvery() == 0;
      if (done || it == maxIter - 1) {
        // return the plan (u_new, v) whose marginals were just measured
        System.arraycopy(uNew, 0, u, 0, n);
        if (useLogs) {
          System.arraycopy(luNew, 0, lu, 0, n);
        } else {
          logsValid = false;
        }
        if (!logsValid) {
          syncLogs();
        }
        return done;
      }
      // v update
      double maxAbsV = 0;
      if (!useLogs) {
        for (int j = 0; j < m; j++) {
          v[j] = b[j] / t[j];
        }
        maxAbsV = maxAbsLogRatio(v, b);
        logsValid = false;
      } else {
        maxAbsV = k.logScalingUpdate(t, lv, omega, lambda, gt, balanced ? 0.0 : 1.0 / (tau + eps), b, v, m);
        System.arraycopy(luNew, 0, lu, 0, n);
      }
      System.arraycopy(uNew, 0, u, 0, n);
      if (stabilized && (maxAbsU > theta || maxAbsV > theta || !finite(v))) {
        if (!useLogs) {
          syncLogs();
        }
        absorb();
        logsValid = true;
      }
      mom.observe(err);
    }
    if (!logsValid) {
      syncLogs();
    }
    return false;
  }

  /**
   * The new scaling of row {@code i} from {@code s = (K~ v)_i}; records the row marginal and its
   * error; returns the new {@code u_i}, or 0 (and marks the block bad) when {@code s} or the new
   * scaling is 0 or not finite.
   */
  private double scaleRow(int i, double s, Work w, boolean useLogs, double omega) {
    if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
      w.bad = i;
      uNew[i] = u[i];
      return 0.0;
    }
    double un;
    double target = a[i];
    if (!useLogs) {
      un = a[i] / s;
      double q = 1.0 / s; // u_i / a_i
      w.qlo = Math.min(w.qlo, q);
      w.qhi = Math.max(w.qhi, q);
    } else {
      double lhat = balanced ? -Math.log(s) : -lambda * Math.log(s) - ft[i] / (tau + eps);
      double ln = omega == 1.0 ? lhat : (1 - omega) * lu[i] + omega * lhat;
      luNew[i] = ln;
      un = a[i] * Math.exp(ln);
      w.maxAbs = Math.max(w.maxAbs, Math.abs(ln));
      if (!balanced) {
        target = a[i] * Math.exp(-(ft[i] + eps * ln) / tau);
      }
    }
    if (!(un > 0 && un < Double.POSITIVE_INFINITY)) {
      w.bad = i;
      uNew[i] = u[i];
      return 0.0;
    }
    uNew[i] = un;
    double ri = un * s;
    r[i] = ri;
    double d = ri - target;
    w.l1 += Math.abs(d);
    w.l2 += d * d;
    return un;
  }

  private static boolean finite(double[] x) {
    for (double e : x) {
      if (!(e > 0 && e < Double.POSITIVE_INFINITY)) {
        return false;
      }
    }
    return true;
  }

  private static double maxAbsLogRatio(double[] x, double[] ref) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int j = 0; j < x.length; j++) {
      double q = x[j] / ref[j];
      lo = Math.min(lo, q);
      hi = Math.max(hi, q);
    }
    return Math.max(Math.abs(Math.log(lo)), Math.abs(Math.log(hi)));
  }

  private void sumColumns(double[] t) {
    System.arraycopy(work[0].t, 0, t, 0, m);
    for (int q = 1; q < work.length; q++) {
      double[] p = work[q].t;
      for (int j = 0; j < m; j++) {
        t[j] += p[j];
      }
    }
  }

  /** {@code sum_ij P_ij C_ij} of the kernel-domain plan. */
  double kernelTransportCost() {
    return sumRows((i, w) -> {
      double row = single
          ? k.dot3(kf, i * m, v, cost.rowF(i, w.cF), cost.off(i), m)
          : k.dot3(kd, i * m, v, cost.rowD(i, w.cD), cost.off(i), m);
      return u[i] * row;
    });
  }

  /** One row's term of {@link #sumRows}, computed with the scratch {@code w} of its row block. */
  @FunctionalInterface
  private interface RowTerm {
    double of(int i, Work w);
  }

  /** {@code sum_i term(i)} over all rows: row blocks in parallel, their sums added in block order. */
  private double sumRows(RowTerm term) {
    double[] part = new double[blocks];
    Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
      Work w = work[blk];
      double s = 0;
      for (int i = lo; i < hi; i++) {
        s += term.of(i, w);
      }
      part[blk] = s;
    });
    double s = 0;
    for (double p : part) {
      s += p;
    }
    return s;
  }

  void releaseKernel() {
    kf = null;
    kd = null;
  }

  // ======================================================================================
  // log domain
  // ======================================================================================

  /** Log-domain iterations on {@code f~, g~} (with {@code lu = lv = 0}). */
  boolean runLog(double tol, int maxIter) {
    Momentum mom = new Momentum(cfg);
    double[] fNew = uNew; // reuse as storage for the new f
    double[] lsc = new double[m];
    for (int it = 0; it < maxIter; it++) {
      final double omega = mom.omega;
      for (int j = 0; j < m; j++) {
        h[j] = logB[j] + gt[j] * inv;
      }
      Parallel.run(cfg.threads(), n, (blk, lo, hi) -> {
        Work w = work[blk];
        Arrays.fill(w.t, 0.0);
        w.l1 = 0;
        w.l2 = 0;
        w.bad = -1;
        for (int i = lo; i < hi; i++) {
          double fi = ft[i];
          double base = fi;
          double s;
          float[] crf = null;
          double[] crd = null;
          int co = cost.off(i);
          if (single) {
            crf = cost.rowF(i, w.cF);
            s = k.expIntoSum(crf, co, base, h, inv, w.e, m);
          } else {
            crd = cost.rowD(i, w.cD);
            s = k.expIntoSum(crd, co, base, h, inv, w.e, m);
          }
          if (!(s > TINY && s < HUGE)) {
            double mx = single ? k.maxArg(crf, co, fi, h, inv, m) : k.maxArg(crd, co, fi, h, inv, m);
            base = fi - eps * mx;
            s = single ? k.expIntoSum(crf, co, base, h, inv, w.e, m) : k.expIntoSum(crd, co, base, h, inv, w.e, m);
          }
          // log sum_j b_j exp((f_i + g_j - C_ij)/eps)
          double ls = Math.log(s) + (fi - base) * inv;
          double fhat = lambda * (fi - eps * ls);
          double fn = omega == 1.0 ? fhat : (1 - omega) * fi + omega * fhat;
          fNew[i] = fn;
          double ri = a[i] * Math.exp(ls + (fn - fi) * inv);
          r[i] = ri;
          double target = balanced ? a[i] : a[i] * Math.exp(-fn / tau);
          double d = ri - target;
          w.l1 += Math.abs(d);
          w.l2 += d * d;
          double coef = a[i] * Math.exp((fn - base) * inv);
          k.scaledAxpy(coef, w.e, invB, w.t, m);
        }
      });
      double l1 = 0;
      double l2 = 0;
      for (Work w : work) {
        l1 += w.l1;
        l2 += w.l2;
      }
      double[] cs = colAcc;
      sumColumns(cs);
      boolean badCol = false;
      for (int j = 0; j < m; j++) {
        if (!(cs[j] > TINY && cs[j] < HUGE)) {
          badCol = true;
          break;
        }
      }
      if (badCol) {
        double[] hc = new double[m];
        for (int j = 0; j < m; j++) {
          hc[j] = gt[j] * inv;
        }
        double[] exact = exactColumnLogSums(fNew, hc);
        System.arraycopy(exact, 0, lsc, 0, m);
        fallbacks++;
      } else {
        for (int j = 0; j < m; j++) {
          lsc[j] = Math.log(cs[j]);
        }
      }
      for (int j = 0; j < m; j++) {
        double cj = b[j] * Math.exp(lsc[j]);
        c[j] = cj;
        double target = balanced ? b[j] : b[j] * Math.exp(-gt[j] / tau);
        double d = cj - target;
        l1 += Math.abs(d);
        l2 += d * d;
      }
      iterations++;
      errL1 = l1;
      errL2 = Math.sqrt(l2);
      double err = cfg.errorNorm() == ErrorNorm.L1 ? errL1 : errL2;
      trace.add(errL1, eps);
      System.arraycopy(fNew, 0, ft, 0, n);
      boolean done = err <= tol && (it + 1) % cfg.checkEvery() == 0;
      if (done || it == maxIter - 1) {
        return done; // the plan (f_new, g) whose marginals were just measured
      }
      for (int j = 0; j < m; j++) {
        double ghat = lambda * (gt[j] - eps * lsc[j]);
        gt[j] = omega == 1.0 ? ghat : (1 - omega) * gt[j] + omega * ghat;
      }
      mom.observe(err);
    }
    return false;
  }

  /** {@code sum_ij P_ij C_ij} of the log-domain plan {@code a_i b_j exp((f~_i + g~_j - C_ij)/eps)}. */
  double logTransportCost() {
    for (int j = 0; j < m; j++) {
      h[j] = logB[j] + gt[j] * inv;
    }
    return sumRows((i, w) -> {
      double row = single
          ? k.expCostSum(cost.rowF(i, w.cF), cost.off(i), ft[i], h, inv, m)
          : k.expCostSum(cost.rowD(i, w.cD), cost.off(i), ft[i], h, inv, m);
      return a[i] * row;
    });
  }

  // ======================================================================================
  // momentum
  // ======================================================================================

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
  static final class Momentum {
    static final int W = 20;
    double omega;
    private final boolean adaptive;
    private double cap = 1.98;
    private double[] hist = new double[256];
    private int count;
    private int since;
    private double best = Double.POSITIVE_INFINITY;

    Momentum(SinkhornConfig cfg) {
      omega = cfg.omega();
      adaptive = cfg.adaptiveMomentum();
    }

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
}
