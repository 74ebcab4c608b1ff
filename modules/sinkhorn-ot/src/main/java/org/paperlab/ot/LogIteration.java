package org.paperlab.ot;

/**
 * Sinkhorn in the log domain: soft-min updates of the potentials {@code f~, g~} (Peyre and Cuturi
 * 2019, Eq. 4.43), the scalings kept at {@code u = a, v = b}; stable at any epsilon, one
 * exponential per matrix entry per iteration, on a stored or a lazy cost.
 *
 * <p>One iteration reads each cost row once: {@code e_j = b_j exp((f_i + g_j - C_ij)/eps)}, the
 * new {@code f_i} by soft-min, then the column sums with the new {@code f_i} from the same
 * {@code e}, {@code t_j += a_i exp((f_i^new - f_i)/eps) e_j / b_j}. The exponent carries the
 * current potentials, so it is bounded near the solution: there
 * {@code P_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) <= min(a_i, b_j)}, so
 * {@code exp((f_i + g_j - C_ij)/eps) <= 1 / max(a_i, b_j) <= 1/b_j}. A row or column sum outside
 * {@code [1e-280, 1e280]} is redone exactly with a max shift ({@link SoftMinSteps}). No
 * {@code n x m} temporaries.
 */
final class LogIteration implements Iteration {
  static final double TINY = 1e-280;
  static final double HUGE = 1e280;

  private final SinkhornState s;
  private final String solver;
  private final SoftMinSteps softMin;
  private final SinkhornConfig cfg;
  private final RowKernels k;
  private final RowBlocks blocks;
  private final Progress progress;
  private final int n;
  private final int m;
  private final boolean balanced;
  private final double tau;
  private final double[] a;
  private final double[] b;
  private final double[] logB;
  private final double[] invB;
  private final double[] ft;
  private final double[] gt;
  private final double[] r;
  private final double[] c;
  private final double[] fNew;
  private final double[] h;
  private final double[] colAcc;

  /** The log domain on {@code s}, reported as {@code solver}. */
  LogIteration(SinkhornState s, String solver) {
    this.s = s;
    this.solver = solver;
    this.softMin = new SoftMinSteps(s);
    this.cfg = s.cfg;
    this.k = s.storage.kernels();
    this.blocks = s.blocks;
    this.progress = s.progress;
    this.n = s.n;
    this.m = s.m;
    this.balanced = s.balanced;
    this.tau = s.tau;
    this.a = s.a;
    this.b = s.b;
    this.logB = s.logB;
    this.invB = s.invB;
    this.ft = s.ft;
    this.gt = s.gt;
    this.r = s.r;
    this.c = s.c;
    fNew = new double[n];
    h = new double[m];
    colAcc = new double[m];
  }

  @Override
  public String solver() {
    return solver;
  }

  /** The warm start, or exact half steps from {@code g = 0}: every row and column then has mass. */
  @Override
  public void start(Potentials warm) {
    if (warm != null) {
      s.warmStart(warm);
    } else {
      softMin.rowUpdate();
      softMin.colUpdate();
    }
  }

  @Override
  public void changeEpsilon(double eps) {
    s.setEpsilon(eps);
  }

  @Override
  public boolean run(double tol, int maxIter) {
    Momentum mom = new Momentum(cfg);
    double[] lsc = new double[m];
    double eps = s.eps();
    double inv = s.inv();
    double lambda = s.lambda();
    for (int it = 0; it < maxIter; it++) {
      final double omega = mom.omega();
      for (int j = 0; j < m; j++) {
        h[j] = logB[j] + gt[j] * inv;
      }
      blocks.run((w, lo, hi) -> sweep(w, lo, hi, omega));
      double l1 = 0;
      double l2 = 0;
      for (int q = 0; q < blocks.count(); q++) {
        l1 += blocks.block(q).l1();
        l2 += blocks.block(q).l2();
      }
      double[] cs = colAcc;
      blocks.sumColumns(cs);
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
        double[] exact = softMin.columnLogSums(fNew, hc);
        System.arraycopy(exact, 0, lsc, 0, m);
        progress.fellBack();
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
      progress.countIteration();
      double err = progress.measured(l1, l2, eps);
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

  /** The fused row pass over rows {@code [lo, hi)}: new {@code f_i} into fNew, row marginals, column sums into {@code w.t}. */
  private void sweep(RowBlocks.Block w, int lo, int hi, double omega) {
    double eps = s.eps();
    double inv = s.inv();
    double lambda = s.lambda();
    w.startSweep();
    for (int i = lo; i < hi; i++) {
      double fi = ft[i];
      double base = fi;
      Storage.CostRow row = w.row.load(i);
      double sum = row.expIntoSum(base, h, inv, w.e);
      if (!(sum > TINY && sum < HUGE)) {
        double mx = row.maxArg(fi, h, inv);
        base = fi - eps * mx;
        sum = row.expIntoSum(base, h, inv, w.e);
      }
      // log sum_j b_j exp((f_i + g_j - C_ij)/eps)
      double ls = Math.log(sum) + (fi - base) * inv;
      double fhat = lambda * (fi - eps * ls);
      double fn = omega == 1.0 ? fhat : (1 - omega) * fi + omega * fhat;
      fNew[i] = fn;
      double ri = a[i] * Math.exp(ls + (fn - fi) * inv);
      r[i] = ri;
      double target = balanced ? a[i] : a[i] * Math.exp(-fn / tau);
      double d = ri - target;
      w.addError(d);
      double coef = a[i] * Math.exp((fn - base) * inv);
      k.scaledAxpy(coef, w.e, invB, w.t, m);
    }
  }

  /** {@code sum_ij P_ij C_ij} of the log-domain plan {@code a_i b_j exp((f~_i + g~_j - C_ij)/eps)}. */
  @Override
  public double transportCost() {
    double inv = s.inv();
    for (int j = 0; j < m; j++) {
      h[j] = logB[j] + gt[j] * inv;
    }
    return blocks.sumRows((i, w) -> a[i] * w.row.load(i).expCostSum(ft[i], h, inv));
  }

  /** The plan {@code a_i b_j exp((f~_i + g~_j - C_ij)/eps)} (the scalings are 1 here). */
  @Override
  public TransportPlan plan() {
    return s.plan(false);
  }
}
