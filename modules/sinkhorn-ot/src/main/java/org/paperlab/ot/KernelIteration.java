package org.paperlab.ot;

import java.util.Arrays;
import org.paperlab.core.Checks;

/**
 * Sinkhorn in the kernel domain on a stored kernel {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)}:
 * plain scaling (Cuturi 2013, Alg. 1: zero potentials, so {@code K~ = exp(-C/eps)}; an underflow
 * ends the solve with a failure) or stabilized (Schmitzer 2019, Alg. 2: scalings beyond
 * {@link Storage#absorptionBound()} are absorbed into {@code f~, g~} and the kernel is rebuilt; a
 * row or column that underflows is repaired by exact {@link SoftMinSteps}, and after more than 10
 * repairs in one stage the solve continues in the log domain, {@link #handOverToLogDomain()}).
 *
 * <p>One iteration reads the kernel once, four rows at a time (so {@code v} and the column sums
 * {@code t} are read once per four rows): {@code s_i = (K~ v)_i}, the new {@code u_i}, then
 * {@code t += u_i K~_i}. The marginals of the plan {@code (u_new, v)} fall out of the sweep: for
 * balanced OT at omega = 1 its rows are exact and its error is the column error, as in POT's
 * {@code sinkhorn}. Over-relaxed or unbalanced updates run in log space ({@code lu, lv}); the
 * fast path keeps {@code u, v} only and syncs the logs when needed.
 */
final class KernelIteration implements Iteration {
  private final SinkhornState s;
  private final boolean stabilized;
  private final SoftMinSteps softMin;
  private final SinkhornConfig cfg;
  private final Storage storage;
  private final RowKernels k;
  private final RowBlocks blocks;
  private final Progress progress;
  private final int n;
  private final int m;
  private final boolean balanced;
  private final double tau;
  private final double theta;
  private final double[] a;
  private final double[] b;
  private final double[] logB;
  private final double[] invB;
  private final double[] ft;
  private final double[] gt;
  private final double[] lu;
  private final double[] lv;
  private final double[] u;
  private final double[] v;
  private final double[] r;
  private final double[] c;
  private final double[] luNew;
  private final double[] uNew;
  private final double[] h;
  private final double[] colAcc;
  private boolean needsLog;

  /** Allocates the stored kernel of {@code s} (plain kernel scaling unless {@code stabilized}). */
  KernelIteration(SinkhornState s, boolean stabilized) {
    this.s = s;
    this.stabilized = stabilized;
    this.softMin = new SoftMinSteps(s);
    this.cfg = s.cfg;
    this.storage = s.storage;
    this.k = s.storage.kernels();
    this.blocks = s.blocks;
    this.progress = s.progress;
    this.n = s.n;
    this.m = s.m;
    this.balanced = s.balanced;
    this.tau = s.tau;
    this.theta = s.storage.absorptionBound();
    this.a = s.a;
    this.b = s.b;
    this.logB = s.logB;
    this.invB = s.invB;
    this.ft = s.ft;
    this.gt = s.gt;
    this.lu = s.lu;
    this.lv = s.lv;
    this.u = s.u;
    this.v = s.v;
    this.r = s.r;
    this.c = s.c;
    luNew = new double[n];
    uNew = new double[n];
    h = new double[m];
    colAcc = new double[m];
    long size = (long) n * m;
    Checks.require(size <= CostRows.MAX_STORED,
        "a kernel of n*m = %d entries does not fit in memory; use method LOG with lazy = true", size);
    storage.allocateKernel();
  }

  @Override
  public String solver() {
    return stabilized ? "stabilized-kernel" : "kernel";
  }

  /** Warm start: its kernel; stabilized: {@link #initFromExactRows()}; plain: {@code exp(-C/eps)}. */
  @Override
  public void start(Potentials warm) {
    if (warm != null) {
      s.warmStart(warm);
      rebuild();
    } else if (stabilized) {
      initFromExactRows(); // one exact soft-min row update from g = 0, and the kernel from the same exponentials
    } else {
      rebuild(); // plain kernel exp(-C/eps)
    }
  }

  /** Folds the scalings into the potentials and rebuilds the kernel at the new epsilon. */
  @Override
  public void changeEpsilon(double eps) {
    s.foldScalings();
    s.setEpsilon(eps);
    rebuild();
  }

  /** Whether the last {@link #run} gave up after repeated underflow (the log domain has to go on). */
  boolean needsLogDomain() {
    return needsLog;
  }

  /** Folds the scalings, drops the kernel, and returns the log-domain iteration that takes over. */
  LogIteration handOverToLogDomain() {
    s.foldScalings();
    storage.releaseKernel();
    return new LogIteration(s, solver() + "+log");
  }

  /**
   * The stabilized start in one pass: the exact soft-min row update from {@code g~ = 0}
   * ({@code f~_i = -lambda eps log sum_j b_j exp(-C_ij/eps)}, max-shifted) and, from the same
   * exponentials, the kernel row {@code K~_ij = exp((f~_i - C_ij)/eps) = e_j / b_j exp(f~_i/eps + mx)}
   * without a second exponential pass. Every kernel row then has mass; a column without mass is
   * caught by the first sweep and repaired by {@link #fallback()}.
   */
  private void initFromExactRows() {
    double eps = s.eps();
    double inv = s.inv();
    double lambda = s.lambda();
    Arrays.fill(gt, 0.0);
    for (int j = 0; j < m; j++) {
      h[j] = logB[j];
    }
    blocks.run((w, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        Storage.CostRow row = w.row.load(i);
        double mx = row.maxArg(0.0, h, inv);
        double sum = row.expIntoSum(-eps * mx, h, inv, w.e);
        double f = -lambda * eps * (mx + Math.log(sum));
        ft[i] = f;
        double coef = Math.exp(f * inv + mx);
        storage.scaleIntoKernel(i, coef, w.e, invB);
      }
    });
  }

  /** {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)}, multi-threaded over rows. */
  private void rebuild() {
    double inv = s.inv();
    for (int j = 0; j < m; j++) {
      h[j] = gt[j] * inv;
    }
    blocks.run((w, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        w.row.load(i).expIntoKernel(ft[i], h, inv);
      }
    });
  }

  /** Moves the scalings into the potentials and rebuilds the kernel. */
  private void absorb() {
    s.foldScalings();
    rebuild();
    progress.absorbed();
  }

  /** Recovers from a kernel underflow with exact log-domain half steps at the current potentials. */
  private void fallback() {
    s.syncLogs();
    s.foldScalings();
    softMin.rowUpdate();
    softMin.colUpdate();
    rebuild();
    progress.fellBack();
  }

  @Override
  public boolean run(double tol, int maxIter) {
    Momentum mom = new Momentum(cfg);
    boolean logsValid = false;
    int stageFallbacks = 0;
    for (int it = 0; it < maxIter; it++) {
      double omega = mom.omega();
      boolean fast = balanced && omega == 1.0;
      if (!fast && !logsValid) {
        s.syncLogs();
        logsValid = true;
      }
      final boolean useLogs = !fast;
      blocks.run((w, lo, hi) -> sweep(w, lo, hi, useLogs, omega));
      int badRow = -1;
      double l1 = 0;
      double l2 = 0;
      double maxAbsU = 0;
      for (int q = 0; q < blocks.count(); q++) {
        RowBlocks.Block w = blocks.block(q);
        if (w.bad() >= 0 && badRow < 0) {
          badRow = w.bad();
        }
        l1 += w.l1();
        l2 += w.l2();
        maxAbsU = Math.max(maxAbsU, w.maxAbsLogScaling());
      }
      double eps = s.eps();
      double[] t = colAcc;
      blocks.sumColumns(t);
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
      progress.countIteration();
      if (badRow >= 0 || badCol >= 0) {
        String where = badRow >= 0 ? "row " + badRow + " of K v" : "column " + badCol + " of K^T u";
        if (!stabilized) {
          s.syncLogs();
          progress.fail(String.format(java.util.Locale.ROOT,
              "kernel underflow at iteration %d: %s is 0 or not finite (eps = %.4g is too small for "
                  + "the plain kernel domain; use method AUTO or LOG)", progress.iterations(), where, eps));
          progress.underflow(eps);
          return false;
        }
        // keep the last good (u, v): nothing was swapped yet
        fallback();
        logsValid = false;
        progress.underflow(eps);
        if (++stageFallbacks > 10) {
          needsLog = true; // the caller switches to the log domain
          return false;
        }
        continue;
      }
      double err = progress.measured(l1, l2, eps);
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
          s.syncLogs();
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
        maxAbsV = k.logScalingUpdate(t, lv, omega, s.lambda(), gt, balanced ? 0.0 : 1.0 / (tau + eps), b, v, m);
        System.arraycopy(luNew, 0, lu, 0, n);
      }
      System.arraycopy(uNew, 0, u, 0, n);
      if (stabilized && (maxAbsU > theta || maxAbsV > theta || !finite(v))) {
        if (!useLogs) {
          s.syncLogs();
        }
        absorb();
        logsValid = true;
      }
      mom.observe(err);
    }
    if (!logsValid) {
      s.syncLogs();
    }
    return false;
  }

  /** The fused row pass over rows {@code [lo, hi)}: new {@code u_i}, row marginals, column sums into {@code w.t}. */
  private void sweep(RowBlocks.Block w, int lo, int hi, boolean useLogs, double omega) {
    w.startSweep();
    double[] sb = w.s4;
    double[] al = w.a4;
    for (int i0 = lo; i0 < hi; i0 += 4) {
      int rows = Math.min(4, hi - i0);
      // four rows at a time: v and t are read once per four kernel rows
      if (rows == 4) {
        storage.kernelDot4(i0, v, sb);
      } else {
        for (int q = 0; q < rows; q++) {
          sb[q] = storage.kernelDot(i0 + q, v);
        }
      }
      for (int q = 0; q < rows; q++) {
        al[q] = scaleRow(i0 + q, sb[q], w, useLogs, omega);
      }
      if (rows == 4) {
        storage.kernelAxpy4(al, i0, w.t);
      } else {
        for (int q = 0; q < rows; q++) {
          storage.kernelAxpy(al[q], i0 + q, w.t);
        }
      }
    }
  }

  /**
   * The new scaling of row {@code i} from {@code sum = (K~ v)_i}; records the row marginal and its
   * error; returns the new {@code u_i}, or 0 (and marks the block bad) when {@code sum} or the new
   * scaling is 0 or not finite.
   */
  private double scaleRow(int i, double sum, RowBlocks.Block w, boolean useLogs, double omega) {
    if (!(sum > 0 && sum < Double.POSITIVE_INFINITY)) {
      w.markBad(i);
      uNew[i] = u[i];
      return 0.0;
    }
    double un;
    double target = a[i];
    if (!useLogs) {
      un = a[i] / sum;
      double q = 1.0 / sum; // u_i / a_i
      w.noteRatio(q);
    } else {
      double eps = s.eps();
      double lhat = balanced ? -Math.log(sum) : -s.lambda() * Math.log(sum) - ft[i] / (tau + eps);
      double ln = omega == 1.0 ? lhat : (1 - omega) * lu[i] + omega * lhat;
      luNew[i] = ln;
      un = a[i] * Math.exp(ln);
      w.noteLogScaling(ln);
      if (!balanced) {
        target = a[i] * Math.exp(-(ft[i] + eps * ln) / tau);
      }
    }
    if (!(un > 0 && un < Double.POSITIVE_INFINITY)) {
      w.markBad(i);
      uNew[i] = u[i];
      return 0.0;
    }
    uNew[i] = un;
    double ri = un * sum;
    r[i] = ri;
    double d = ri - target;
    w.addError(d);
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

  /** {@code sum_ij P_ij C_ij} of the kernel-domain plan. */
  @Override
  public double transportCost() {
    return blocks.sumRows((i, w) -> u[i] * w.row.load(i).kernelCostDot(v));
  }

  /** The plan {@code u_i K~_ij v_j}, its kernel factor float-rounded under float storage. */
  @Override
  public TransportPlan plan() {
    return s.plan(storage.cost().single);
  }
}
