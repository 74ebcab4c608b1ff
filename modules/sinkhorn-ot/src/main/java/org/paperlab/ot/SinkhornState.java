package org.paperlab.ot;

import org.paperlab.core.ProgressListener;

/**
 * The state of one Sinkhorn solve: the problem (weights and what the sweeps precompute from them,
 * the matrices in their {@link Storage}, the row blocks), the current epsilon, the iterate
 * (potentials, scalings, marginals) and the {@link Progress} counters.
 *
 * <p>Notation: {@code P_ij = u_i K~_ij v_j} with {@code K~_ij = exp((f~_i + g~_j - C_ij)/eps)},
 * {@code u_i = a_i exp(lu_i)}, {@code v_j = b_j exp(lv_j)}; the full potentials are
 * {@code f = f~ + eps lu}, {@code g = g~ + eps lv}, so {@code P_ij = a_i b_j exp((f_i + g_j -
 * C_ij)/eps)}. The log domain keeps the scalings at {@code u = a, v = b} ({@code lu = lv = 0}) and
 * updates {@code f~, g~} only. {@code r = P 1} and {@code c = P^T 1} are the marginals of the last
 * measured plan.
 *
 * <p>The arrays are the iterate itself: the iterations ({@link KernelIteration},
 * {@link LogIteration}, {@link SoftMinSteps}) update them in place, row block by row block, in
 * their fused sweeps. Everything else changes through this type's methods.
 */
final class SinkhornState {
  final SinkhornConfig cfg;
  /** The resolved thread count (never 0): the row blocks and the plan's operations use it. */
  final int threads;
  final int n;
  final int m;
  final double[] a;
  final double[] b;
  final double[] logA;
  final double[] logB;
  final double[] invB;
  final double massA;
  final double massB;
  final boolean balanced;
  final double tau;
  final Storage storage;
  final RowBlocks blocks;
  final Progress progress;

  final double[] ft;
  final double[] gt;
  final double[] lu;
  final double[] lv;
  final double[] u;
  final double[] v;
  final double[] r;
  final double[] c;

  private double eps;
  private double inv;
  private double lambda;

  /**
   * Zero potentials, scalings {@code u = a, v = b}; call {@link #setEpsilon} before iterating.
   * {@code threads} is the resolved count ({@code >= 1}); {@code listener} (may be null) hears
   * every iteration.
   */
  SinkhornState(SinkhornConfig cfg, int threads, double[] a, double[] b, Storage storage, ProgressListener listener) {
    this.cfg = cfg;
    this.threads = threads;
    this.a = a;
    this.b = b;
    this.n = a.length;
    this.m = b.length;
    this.storage = storage;
    this.balanced = cfg.balanced();
    this.tau = cfg.tau();
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
    blocks = new RowBlocks(threads, n, m, storage);
    progress = new Progress(cfg.errorNorm(), listener, cfg.maxIterations());
  }

  /** Sets epsilon, its inverse and {@code lambda = tau / (tau + eps)} (1 when balanced). */
  void setEpsilon(double e) {
    eps = e;
    inv = 1.0 / e;
    lambda = balanced ? 1.0 : tau / (tau + e);
  }

  /** The current epsilon. */
  double eps() {
    return eps;
  }

  /** {@code 1 / eps}. */
  double inv() {
    return inv;
  }

  /** The damping {@code tau / (tau + eps)} of unbalanced updates; 1 when balanced. */
  double lambda() {
    return lambda;
  }

  /** {@code f~ = f, g~ = g} from a warm start (sizes checked by the caller). */
  void warmStart(Potentials warm) {
    System.arraycopy(warm.fRef(), 0, ft, 0, n);
    System.arraycopy(warm.gRef(), 0, gt, 0, m);
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
  void syncLogs() {
    for (int i = 0; i < n; i++) {
      lu[i] = Math.log(u[i] / a[i]);
    }
    for (int j = 0; j < m; j++) {
      lv[j] = Math.log(v[j] / b[j]);
    }
  }

  /** The full potential {@code f = f~ + eps lu} (a new array). */
  double[] f() {
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = ft[i] + eps * lu[i];
    }
    return f;
  }

  /** The full potential {@code g = g~ + eps lv} (a new array). */
  double[] g() {
    double[] g = new double[m];
    for (int j = 0; j < m; j++) {
      g[j] = gt[j] + eps * lv[j];
    }
    return g;
  }

  /** {@code P 1} of the last measured plan (a copy). */
  double[] rowMarginal() {
    return r.clone();
  }

  /** {@code P^T 1} of the last measured plan (a copy). */
  double[] colMarginal() {
    return c.clone();
  }

  /** The plan of the current iterate; {@code floatKernel}: its kernel factor is float-rounded. */
  TransportPlan plan(boolean floatKernel) {
    return new TransportPlan(storage.cost(), storage.kernels(), a, b, ft, gt, lu, lv, eps, floatKernel, threads);
  }
}
