package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.paperlab.core.Checks;

/**
 * The first-order baseline: relaxed adaptive projection in the style of RAP (Aydore et al.
 * 2021, "Differentially Private Query Release Through Adaptive Projection") and its mixed-type
 * extension RAP++ (Vietri et al. 2022), the methods Private-GSD is compared with.
 *
 * <p>The synthetic data is made continuous: every categorical cell is a softmax distribution
 * {@code p = softmax(theta)} over its categories, every numeric cell a value {@code x in [0, 1]}.
 * Every query becomes a product of differentiable factors, averaged over the {@code N'} rows:
 *
 * <ul>
 *   <li>{@code 1[x_c = v]} becomes {@code p_c[v]};
 *   <li>{@code 1[x in bin k of R]} becomes {@code s(b(x - k/R)) - s(b(x - (k+1)/R))} (outer edges
 *       at minus/plus infinity, so the bins of a resolution still sum to one);
 *   <li>{@code 1[x < t]} becomes {@code s(b(t - x))}, {@code 1[<w,x> > b0]} becomes
 *       {@code s(b(<w,x> - b0))},
 * </ul>
 *
 * with the logistic sigmoid {@code s} and a slope {@code b} that grows geometrically from
 * {@link RapConfig#slopeStart()} to {@link RapConfig#slopeEnd()}. Adam (Kingma and Ba 2015)
 * minimises the squared L2 distance between the relaxed answers and the targets; numeric values
 * are projected back to {@code [0, 1]} after each step. Finally every categorical cell is
 * sampled from its softmax (RAP's randomized rounding) and the rounded table is returned; its
 * exact answers are what is evaluated ({@link RapConfig#samplesPerRow()} samples per relaxed row). The relaxation error on non-differentiable queries is the
 * gap the paper points at.
 *
 * <p>A k-factor query block is evaluated as {@code A[i,j,l] = (1/N') sum_r f1[r,i] f2[r,j]
 * f3[r,l]} with the gradient {@code dL/df1[r,i] = (1/N') sum_{j,l} 2(A - y)[i,j,l] f2[r,j] f3[r,l]}
 * (and likewise for the other factors), in plain Java loops over flat float arrays, split over
 * threads by blocks with a fixed assignment (results are reproducible for a fixed thread count).
 */
public final class RelaxedProjection implements Generator {
  private final RapConfig config;

  public RelaxedProjection(RapConfig config) {
    this.config = Checks.notNull("config", config);
  }

  public RapConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "rap";
  }

  @Override
  public int rows() {
    return config.rows() * config.samplesPerRow();
  }

  @Override
  public FitResult fit(WorkloadSet set, double[] targets, Optional<Table> warmStart, SplittableRandom rng) {
    FitArguments.check(set, targets, warmStart, rng);
    long start = System.nanoTime();
    try (Run run = new Run(set, targets, warmStart, rng)) {
      return run.go(start);
    }
  }

  // factor kinds
  private static final int ONE = 0;
  private static final int CAT = 1;
  private static final int BIN = 2;
  private static final int PREFIX = 3;
  private static final int HALF = 4;

  /**
   * One factor of a query block; {@code shared} indexes the soft-bin table of a
   * (numeric column, resolution) pair, computed once per step for all blocks (-1 otherwise).
   */
  private record Factor(int kind, int col, int size, float threshold, double[] w, double b, int shared) {
    Factor(int kind, int col, int size, float threshold, double[] w, double b) {
      this(kind, col, size, threshold, w, b, -1);
    }
  }

  /**
   * A block of queries: product of 3 factors (padded with constant ones), ordered by size so
   * that the largest is innermost; the answer of cell {@code c} (row-major over the ordered
   * factors) is query {@code offset + map[c]} ({@code map == null}: identity).
   */
  private record Block(Factor[] f, int offset, int cells, long cost, int[] map) {}

  /** Rows processed together, so that a block's answer slice is reused from L1 cache. */
  private static final int ROW_BLOCK = 64;

  /**
   * Soft-bin memberships below this are set to exactly 0 and skipped (at the slopes used the
   * neglected mass per row is below {@code rows * 1e-6}; the gradients they would carry are
   * multiplied by sigmoid derivatives of the same size).
   */
  private static final float BIN_EPS = 1e-6f;

  private final class Run implements AutoCloseable {
    final WorkloadSet set;
    final double[] targets;
    final SplittableRandom rng;
    final int n;
    final int dc;
    final int dn;
    final int[] catOff;
    final int[] catSize;
    final int width;
    final float[] theta;
    final float[] x;
    final float[] p;
    final float[] mTheta;
    final float[] vTheta;
    final float[] mX;
    final float[] vX;
    final List<Block> blocks = new ArrayList<>();
    // soft-bin tables shared by blocks: key col * 65536 + resolution -> index
    final java.util.Map<Integer, Integer> binIndex = new java.util.LinkedHashMap<>();
    final List<int[]> binKeys = new ArrayList<>();
    float[][] binVals;
    float[][] binAux;
    // per row, the window [lo, hi) of bins whose membership is at least BIN_EPS (others set to 0)
    int[][] binLo;
    int[][] binHi;
    final Worker[] workers;
    final ForkJoinPool pool;
    float slope;

    Run(WorkloadSet set, double[] targets, Optional<Table> warm, SplittableRandom rng) {
      this.set = set;
      this.targets = targets;
      this.rng = rng;
      this.n = config.rows();
      Schema s = set.schema();
      this.dc = s.dc();
      this.dn = s.dn();
      this.catSize = s.catSizes();
      this.catOff = new int[dc];
      int w = 0;
      for (int j = 0; j < dc; j++) {
        catOff[j] = w;
        w += catSize[j];
      }
      this.width = w;
      this.theta = new float[n * width];
      this.x = new float[n * dn];
      this.p = new float[n * width];
      this.mTheta = new float[theta.length];
      this.vTheta = new float[theta.length];
      this.mX = new float[x.length];
      this.vX = new float[x.length];
      if (warm.isPresent()) {
        Table t = Gsd.resize(warm.get(), n);
        for (int r = 0; r < n; r++) {
          for (int j = 0; j < dc; j++) {
            theta[r * width + catOff[j] + t.cat(r, j)] = 2f;
          }
          for (int j = 0; j < dn; j++) {
            x[r * dn + j] = t.num(r, j);
          }
        }
      } else {
        for (int i = 0; i < theta.length; i++) {
          theta[i] = (float) (0.1 * rng.nextGaussian());
        }
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rng.nextDouble();
        }
      }
      buildBlocks();
      this.binVals = new float[binKeys.size()][];
      this.binAux = new float[binKeys.size()][];
      this.binLo = new int[binKeys.size()][];
      this.binHi = new int[binKeys.size()][];
      for (int k = 0; k < binKeys.size(); k++) {
        int rr = binKeys.get(k)[1];
        binVals[k] = new float[n * rr];
        binAux[k] = new float[n * (rr + 1)];
        binLo[k] = new int[n];
        binHi[k] = new int[n];
      }
      int threads = Math.max(1, Math.min(config.threads(), blocks.size()));
      this.workers = new Worker[threads];
      long[] load = new long[threads];
      List<List<Block>> assign = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        assign.add(new ArrayList<>());
      }
      List<Block> sorted = new ArrayList<>(blocks);
      sorted.sort((a, b) -> Long.compare(b.cost(), a.cost()));
      for (Block b : sorted) {
        int t = 0;
        for (int k = 1; k < threads; k++) {
          if (load[k] < load[t]) {
            t = k;
          }
        }
        assign.get(t).add(b);
        load[t] += b.cost();
      }
      int maxCells = 1;
      int maxSize = 1;
      for (Block b : blocks) {
        maxCells = Math.max(maxCells, b.cells());
        for (Factor f : b.f()) {
          maxSize = Math.max(maxSize, f.size());
        }
      }
      for (int t = 0; t < threads; t++) {
        workers[t] = new Worker(assign.get(t), maxCells, maxSize);
      }
      this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
    }

    void buildBlocks() {
      for (int wi = 0; wi < set.count(); wi++) {
        Workload w = set.get(wi);
        int off = set.offset(wi);
        if (w instanceof MarginalWorkload m) {
          int[] cols = m.columns();
          Factor[] f = new Factor[cols.length];
          for (int i = 0; i < cols.length; i++) {
            f[i] = new Factor(CAT, cols[i], catSize[cols[i]], 0, null, 0);
          }
          add(f, off);
        } else if (w instanceof RangeWorkload rw) {
          int[] res = rw.resolutions();
          int[] nc = rw.numColumns();
          for (int l = 0; l < res.length; l++) {
            List<Factor> f = new ArrayList<>();
            if (rw.catColumn() >= 0) {
              f.add(new Factor(CAT, rw.catColumn(), rw.catSize(), 0, null, 0));
            }
            for (int c : nc) {
              int key = c * 65536 + res[l];
              Integer k = binIndex.get(key);
              if (k == null) {
                k = binKeys.size();
                binIndex.put(key, k);
                binKeys.add(new int[] {c, res[l]});
              }
              f.add(new Factor(BIN, c, res[l], 0, null, 0, k));
            }
            add(f.toArray(new Factor[0]), off + rw.levelOffset(l));
          }
        } else if (w instanceof PrefixWorkload pw) {
          List<Factor> f = new ArrayList<>();
          if (pw.catColumn() >= 0) {
            f.add(new Factor(CAT, pw.catColumn(), pw.catSize(), 0, null, 0));
          }
          f.add(new Factor(PREFIX, pw.numColumn(), 1, pw.threshold(), null, 0));
          add(f.toArray(new Factor[0]), off);
        } else if (w instanceof HalfspaceWorkload hw) {
          List<Factor> f = new ArrayList<>();
          if (hw.catColumn() >= 0) {
            f.add(new Factor(CAT, hw.catColumn(), hw.catSize(), 0, null, 0));
          }
          f.add(new Factor(HALF, -1, 1, 0, hw.normal(), hw.offset()));
          add(f.toArray(new Factor[0]), off);
        }
      }
    }

    void add(Factor[] f, int offset) {
      Factor one = new Factor(ONE, -1, 1, 0, null, 0);
      Factor[] g = new Factor[3];
      int pad = 3 - f.length;
      for (int i = 0; i < 3; i++) {
        g[i] = i < pad ? one : f[i - pad];
      }
      // order by size, largest last (stable); remember where each cell goes
      Integer[] order = {0, 1, 2};
      java.util.Arrays.sort(order, (u, v) -> Integer.compare(g[u].size(), g[v].size()));
      Factor[] h = {g[order[0]], g[order[1]], g[order[2]]};
      int cells = g[0].size() * g[1].size() * g[2].size();
      int[] map = null;
      if (order[0] != 0 || order[1] != 1 || order[2] != 2) {
        map = new int[cells];
        int[] sz = {g[0].size(), g[1].size(), g[2].size()};
        int[] idx = new int[3];
        int c = 0;
        for (int i = 0; i < h[0].size(); i++) {
          for (int j = 0; j < h[1].size(); j++) {
            for (int l = 0; l < h[2].size(); l++) {
              idx[order[0]] = i;
              idx[order[1]] = j;
              idx[order[2]] = l;
              map[c++] = (idx[0] * sz[1] + idx[1]) * sz[2] + idx[2];
            }
          }
        }
      }
      blocks.add(new Block(h, offset, cells, (long) cells * n + 16L * n, map));
    }

    FitResult go(long start) {
      int iters = config.iterations();
      double lr = config.learningRate();
      double b1 = 0.9;
      double b2 = 0.999;
      double epsAdam = 1e-8;
      List<double[]> trace = new ArrayList<>();
      long traceEvery = Math.max(1, iters / 200);
      float[] gTheta = new float[theta.length];
      float[] gX = new float[x.length];
      for (int t = 1; t <= iters; t++) {
        double frac = iters == 1 ? 1 : (t - 1) / (double) (iters - 1);
        slope = (float) (config.slopeStart() * Math.pow(config.slopeEnd() / config.slopeStart(), frac));
        softmax();
        double loss = gradients(gTheta, gX);
        if (t % traceEvery == 0 || t == 1 || t == iters) {
          trace.add(new double[] {t, loss});
        }
        double bc1 = 1 - Math.pow(b1, t);
        double bc2 = 1 - Math.pow(b2, t);
        float step = (float) (lr / bc1);
        float stepX = (float) (config.numericLearningRate() / bc1);
        float c2 = (float) (1 / bc2);
        adam(theta, gTheta, mTheta, vTheta, (float) b1, (float) b2, step, c2, (float) epsAdam);
        adam(x, gX, mX, vX, (float) b1, (float) b2, stepX, c2, (float) epsAdam);
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.min(1f, Math.max(0f, x[i]));
        }
      }
      softmax();
      Table rounded = round();
      double loss = Gsd.fitnessOf(set.counts(rounded), targets, rounded.n());
      double[] ti = new double[trace.size()];
      double[] tl = new double[trace.size()];
      for (int i = 0; i < ti.length; i++) {
        ti[i] = trace.get(i)[0];
        tl[i] = trace.get(i)[1];
      }
      return new FitResult("rap", rounded, loss, iters, false, (System.nanoTime() - start) / 1e9, ti, tl);
    }

    void adam(float[] param, float[] g, float[] m, float[] v, float b1, float b2, float step, float c2, float eps) {
      for (int i = 0; i < param.length; i++) {
        float gi = g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        param[i] -= step * m[i] / ((float) Math.sqrt(v[i] * c2) + eps);
      }
    }

    void softmax() {
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < dc; j++) {
          int o = r * width + catOff[j];
          float mx = Float.NEGATIVE_INFINITY;
          for (int k = 0; k < catSize[j]; k++) {
            mx = Math.max(mx, theta[o + k]);
          }
          float sum = 0;
          for (int k = 0; k < catSize[j]; k++) {
            float e = (float) Math.exp(theta[o + k] - mx);
            p[o + k] = e;
            sum += e;
          }
          float inv = 1f / sum;
          for (int k = 0; k < catSize[j]; k++) {
            p[o + k] *= inv;
          }
        }
      }
    }

    /** The soft-bin tables of every (numeric column, resolution) pair at the current x and slope. */
    void bins() {
      float b = slope;
      for (int k = 0; k < binKeys.size(); k++) {
        int col = binKeys.get(k)[0];
        int rr = binKeys.get(k)[1];
        float[] out = binVals[k];
        float[] u = binAux[k];
        for (int r = 0; r < n; r++) {
          float xv = x[r * dn + col];
          int uo = r * (rr + 1);
          u[uo] = 1f;
          u[uo + rr] = 0f;
          for (int q = 1; q < rr; q++) {
            u[uo + q] = sigmoid(b * (xv - (float) q / rr));
          }
          int lo = rr;
          int hi = 0;
          for (int q = 0; q < rr; q++) {
            float m = u[uo + q] - u[uo + q + 1];
            if (m >= BIN_EPS) {
              lo = Math.min(lo, q);
              hi = q + 1;
            }
            out[r * rr + q] = m;
          }
          if (hi == 0) { // cannot happen (memberships sum to 1), but keep the window valid
            lo = 0;
            hi = rr;
          }
          for (int q = 0; q < lo; q++) {
            out[r * rr + q] = 0f;
          }
          for (int q = hi; q < rr; q++) {
            out[r * rr + q] = 0f;
          }
          binLo[k][r] = lo;
          binHi[k][r] = hi;
        }
      }
    }

    /** Loss and gradients w.r.t. theta and x at the current parameters. */
    double gradients(float[] gTheta, float[] gX) {
      bins();
      if (pool == null) {
        workers[0].run();
      } else {
        Future<?>[] fs = new Future<?>[workers.length - 1];
        for (int t = 0; t < fs.length; t++) {
          fs[t] = pool.submit(workers[t + 1]);
        }
        workers[0].run();
        try {
          for (Future<?> f : fs) {
            f.get();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("gradient computation failed: " + e.getCause(), e.getCause());
        }
      }
      double loss = 0;
      Arrays.fill(gX, 0f);
      float[] gp = workers[0].gP;
      for (int t = 1; t < workers.length; t++) {
        float[] o = workers[t].gP;
        for (int i = 0; i < gp.length; i++) {
          gp[i] += o[i];
        }
      }
      for (Worker w : workers) {
        loss += w.loss;
        for (int i = 0; i < gX.length; i++) {
          gX[i] += w.gX[i];
        }
      }
      // softmax backward: dtheta = p * (dp - <p, dp>)
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < dc; j++) {
          int o = r * width + catOff[j];
          float dot = 0;
          for (int k = 0; k < catSize[j]; k++) {
            dot += p[o + k] * gp[o + k];
          }
          for (int k = 0; k < catSize[j]; k++) {
            gTheta[o + k] = p[o + k] * (gp[o + k] - dot);
          }
        }
      }
      return loss;
    }

    /** Samples {@code samplesPerRow} rows from every relaxed row (categoricals from the softmax). */
    Table round() {
      int k = config.samplesPerRow();
      int m = n * k;
      int[] cat = new int[m * dc];
      float[] num = new float[m * dn];
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < k; s++) {
          int row = r * k + s;
          for (int j = 0; j < dc; j++) {
            int o = r * width + catOff[j];
            double u = rng.nextDouble();
            int c = 0;
            double acc = p[o];
            while (acc < u && c < catSize[j] - 1) {
              c++;
              acc += p[o + c];
            }
            cat[row * dc + j] = c;
          }
          System.arraycopy(x, r * dn, num, row * dn, dn);
        }
      }
      return new Table(set.schema(), m, cat, num);
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }

    /** Accumulates the loss and gradients of a fixed list of blocks. */
    final class Worker implements Runnable {
      final List<Block> mine;
      final float[] gP = new float[n * width];
      final float[] gX = new float[n * dn];
      final float[] a;
      final float[][] val = new float[3][];
      final float[][] grad = new float[3][];
      final float[] ones;
      final float[] sink;
      double loss;

      Worker(List<Block> mine, int maxCells, int maxSize) {
        this.mine = mine;
        this.a = new float[maxCells];
        for (int i = 0; i < 3; i++) {
          val[i] = new float[n * maxSize];
          grad[i] = new float[n * maxSize];
        }
        ones = new float[1];
        ones[0] = 1f;
        sink = new float[n];
      }

      @Override
      public void run() {
        Arrays.fill(gP, 0f);
        Arrays.fill(gX, 0f);
        loss = 0;
        for (Block b : mine) {
          block(b);
        }
      }

      void block(Block b) {
        Factor[] f = b.f();
        float[][] v = new float[3][];
        int[] vOff = new int[3];
        int[] vStride = new int[3];
        float[][] g = new float[3][];
        int[] gStride = new int[3];
        for (int i = 0; i < 3; i++) {
          Factor fi = f[i];
          switch (fi.kind()) {
            case ONE -> {
              v[i] = ones;
              vOff[i] = 0;
              vStride[i] = 0;
              g[i] = sink;
              gStride[i] = 0;
            }
            case CAT -> {
              v[i] = p;
              vOff[i] = catOff[fi.col()];
              vStride[i] = width;
              g[i] = gP;
              gStride[i] = width;
            }
            case BIN -> {
              v[i] = binVals[fi.shared()];
              vOff[i] = 0;
              vStride[i] = fi.size();
              g[i] = grad[i];
              gStride[i] = fi.size();
              Arrays.fill(grad[i], 0, n * fi.size(), 0f);
            }
            default -> {
              numericFactor(fi, i);
              v[i] = val[i];
              vOff[i] = 0;
              vStride[i] = fi.size();
              g[i] = grad[i];
              gStride[i] = fi.size();
              Arrays.fill(grad[i], 0, n * fi.size(), 0f);
            }
          }
        }
        int[][] lo = new int[3][];
        int[][] hi = new int[3][];
        for (int i = 0; i < 3; i++) {
          if (f[i].kind() == BIN) {
            lo[i] = binLo[f[i].shared()];
            hi[i] = binHi[f[i].shared()];
          }
        }
        int[] lo1 = lo[0];
        int[] hi1 = hi[0];
        int[] lo2 = lo[1];
        int[] hi2 = hi[1];
        int[] lo3 = lo[2];
        int[] hi3 = hi[2];
        int m1 = f[0].size();
        int m2 = f[1].size();
        int m3 = f[2].size();
        int cells = b.cells();
        Arrays.fill(a, 0, cells, 0f);
        float invN = 1f / n;
        float[] v1 = v[0];
        float[] v2 = v[1];
        float[] v3 = v[2];
        // forward: A[i,j,:] += (1/N') f1[r,i] f2[r,j] f3[r,:]
        for (int r0 = 0; r0 < n; r0 += ROW_BLOCK) {
          int r1 = Math.min(n, r0 + ROW_BLOCK);
          for (int i = 0; i < m1; i++) {
            for (int j = 0; j < m2; j++) {
              int base = (i * m2 + j) * m3;
              for (int r = r0; r < r1; r++) {
                if ((lo1 != null && (i < lo1[r] || i >= hi1[r])) || (lo2 != null && (j < lo2[r] || j >= hi2[r]))) {
                  continue;
                }
                float x12 = v1[vOff[0] + r * vStride[0] + i] * v2[vOff[1] + r * vStride[1] + j] * invN;
                if (x12 == 0f) {
                  continue;
                }
                int o3 = vOff[2] + r * vStride[2];
                int la = lo3 == null ? 0 : lo3[r];
                int lb = lo3 == null ? m3 : hi3[r];
                for (int l = la; l < lb; l++) {
                  a[base + l] += x12 * v3[o3 + l];
                }
              }
            }
          }
        }
        // residual: loss += (A - y)^2, a <- 2 (A - y) / N'
        int off = b.offset();
        int[] map = b.map();
        for (int c = 0; c < cells; c++) {
          double e = a[c] - targets[off + (map == null ? c : map[c])];
          loss += e * e;
          a[c] = (float) (2 * e) * invN;
        }
        // backward: df3[r,:] += f1 f2 G[i,j,:]; h = <G[i,j,:], f3[r,:]>; df1 += h f2; df2 += h f1
        float[] g1 = g[0];
        float[] g2 = g[1];
        float[] g3 = g[2];
        for (int r0 = 0; r0 < n; r0 += ROW_BLOCK) {
          int r1 = Math.min(n, r0 + ROW_BLOCK);
          for (int i = 0; i < m1; i++) {
            for (int j = 0; j < m2; j++) {
              int base = (i * m2 + j) * m3;
              for (int r = r0; r < r1; r++) {
                if ((lo1 != null && (i < lo1[r] || i >= hi1[r])) || (lo2 != null && (j < lo2[r] || j >= hi2[r]))) {
                  continue;
                }
                int o1 = vOff[0] + r * vStride[0];
                int o2 = vOff[1] + r * vStride[1];
                int o3 = vOff[2] + r * vStride[2];
                int q3 = (gStride[2] == 0 ? 0 : vOff[2]) + r * gStride[2];
                int la = lo3 == null ? 0 : lo3[r];
                int lb = lo3 == null ? m3 : hi3[r];
                float x1 = v1[o1 + i];
                float x2 = v2[o2 + j];
                float x12 = x1 * x2;
                if (x12 != 0f) {
                  for (int l = la; l < lb; l++) {
                    g3[q3 + l] += x12 * a[base + l];
                  }
                }
                float h = dot(a, base + la, v3, o3 + la, lb - la);
                g1[(gStride[0] == 0 ? 0 : vOff[0]) + r * gStride[0] + i] += h * x2;
                g2[(gStride[1] == 0 ? 0 : vOff[1]) + r * gStride[1] + j] += h * x1;
              }
            }
          }
        }
        for (int i = 0; i < 3; i++) {
          if (f[i].kind() >= BIN) {
            numericBackward(f[i], i);
          }
        }
      }

      /** Values (and what the backward pass needs) of a numeric factor for every row. */
      void numericFactor(Factor fi, int slot) {
        float[] out = val[slot];
        float b = slope;
        switch (fi.kind()) {
          case PREFIX -> {
            int col = fi.col();
            for (int r = 0; r < n; r++) {
              out[r] = sigmoid(b * (fi.threshold() - x[r * dn + col]));
            }
          }
          case HALF -> {
            double[] w = fi.w();
            for (int r = 0; r < n; r++) {
              double s = -fi.b();
              for (int j = 0; j < dn; j++) {
                s += w[j] * x[r * dn + j];
              }
              out[r] = sigmoid((float) (b * s));
            }
          }
          default -> throw new IllegalStateException("not a numeric factor: " + fi.kind());
        }
      }

      /** Chains a numeric factor's gradient into the gradient of x. */
      void numericBackward(Factor fi, int slot) {
        float[] gv = grad[slot];
        float[] u = fi.kind() == BIN ? binAux[fi.shared()] : null;
        float[] out = val[slot];
        float b = slope;
        switch (fi.kind()) {
          case BIN -> {
            int rr = fi.size();
            int col = fi.col();
            for (int r = 0; r < n; r++) {
              int uo = r * (rr + 1);
              float s = 0;
              for (int k = 1; k < rr; k++) {
                float uk = u[uo + k];
                s += b * uk * (1 - uk) * (gv[r * rr + k] - gv[r * rr + k - 1]);
              }
              gX[r * dn + col] += s;
            }
          }
          case PREFIX -> {
            int col = fi.col();
            for (int r = 0; r < n; r++) {
              float s = out[r];
              gX[r * dn + col] -= gv[r] * b * s * (1 - s);
            }
          }
          case HALF -> {
            double[] w = fi.w();
            for (int r = 0; r < n; r++) {
              float s = out[r];
              float d = gv[r] * b * s * (1 - s);
              for (int j = 0; j < dn; j++) {
                gX[r * dn + j] += (float) (d * w[j]);
              }
            }
          }
          default -> throw new IllegalStateException("not a numeric factor: " + fi.kind());
        }
      }
    }
  }

  /** {@code sum_l a[ao+l] b[bo+l]} with four partial sums (lets the JIT pipeline it). */
  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int l = 0;
    for (; l + 3 < len; l += 4) {
      s0 += a[ao + l] * b[bo + l];
      s1 += a[ao + l + 1] * b[bo + l + 1];
      s2 += a[ao + l + 2] * b[bo + l + 2];
      s3 += a[ao + l + 3] * b[bo + l + 3];
    }
    for (; l < len; l++) {
      s0 += a[ao + l] * b[bo + l];
    }
    return (s0 + s1) + (s2 + s3);
  }

  static float sigmoid(float z) {
    return z >= 0 ? 1f / (1f + (float) Math.exp(-z)) : (float) (Math.exp(z) / (1 + Math.exp(z)));
  }
}
