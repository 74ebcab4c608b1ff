package org.paperlab.gsd;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a fixed list of query blocks on the relaxed table and accumulates their loss and
 * gradients in its own buffers (one worker per thread; {@link RelaxedGradient} sums them).
 *
 * <p>For a block with factors {@code f1, f2, f3} (sizes {@code m1 <= m2 <= m3} after ordering),
 * targets {@code y} and {@code N'} rows:
 *
 * <pre>
 *   forward:  A[i,j,l] = (1/N') sum_r f1[r,i] f2[r,j] f3[r,l]
 *   loss:     L += sum (A - y)^2,   G = 2 (A - y) / N'
 *   backward: df3[r,l] += f1[r,i] f2[r,j] G[i,j,l];  h = sum_l G[i,j,l] f3[r,l];
 *             df1[r,i] += h f2[r,j];  df2[r,j] += h f1[r,i]
 * </pre>
 *
 * in plain loops over flat float arrays, {@link #ROW_BLOCK} rows at a time so that the block's
 * answer slice stays in L1 cache; soft-bin factors skip the bins outside each row's window
 * ({@link SoftBins}). Each factor is an operand slot (values, offset and stride per row, gradient
 * buffer and stride, optional window) set by {@link RelaxedFactor#bind}.
 */
final class BlockWorker implements Runnable {
  /** Rows processed together, so that a block's answer slice is reused from L1 cache. */
  private static final int ROW_BLOCK = 64;

  final RelaxedTable table;
  final SoftBins bins;
  private final double[] targets;
  private final List<QueryBlock> mine;
  /** This worker's {@code dL/dp}, laid out as {@link RelaxedTable#p}. */
  final float[] gP;
  /** This worker's {@code dL/dx}, laid out as {@link RelaxedTable#x}. */
  final float[] gX;
  /** Values of a numeric factor per operand slot (rows x size). */
  final float[][] val = new float[3][];
  /** Gradient of a numeric factor per operand slot (rows x size). */
  final float[][] grad = new float[3][];
  /** The value of {@link RelaxedFactor.One}. */
  final float[] ones = {1f};
  /** Where {@link RelaxedFactor.One}'s gradient goes (unread). */
  final float[] sink;
  /** The slope of the current step. */
  float slope;
  /** This worker's share of the loss, as of the last {@link #run()}. */
  double loss;
  private final float[] a;
  // operand slots: values v[i][vOff[i] + r * vStride[i] + k], gradient g[i][(gStride[i] == 0 ? 0
  // : vOff[i]) + r * gStride[i] + k], window [lo[i][r], hi[i][r]) or all when lo[i] == null
  private final float[][] v = new float[3][];
  private final int[] vOff = new int[3];
  private final int[] vStride = new int[3];
  private final float[][] g = new float[3][];
  private final int[] gStride = new int[3];
  private final int[][] lo = new int[3][];
  private final int[][] hi = new int[3][];

  BlockWorker(RelaxedTable table, SoftBins bins, double[] targets, List<QueryBlock> mine, int maxCells, int maxSize) {
    int n = table.n;
    this.table = table;
    this.bins = bins;
    this.targets = targets;
    this.mine = mine;
    this.gP = new float[n * table.width];
    this.gX = new float[n * table.dn];
    this.a = new float[maxCells];
    for (int i = 0; i < 3; i++) {
      val[i] = new float[n * maxSize];
      grad[i] = new float[n * maxSize];
    }
    this.sink = new float[n];
  }

  /** Sets operand {@code slot} (called by the factors' {@link RelaxedFactor#bind}). */
  void bind(int slot, float[] values, int off, int stride, float[] gradient, int gradStride, int[] windowLo, int[] windowHi) {
    v[slot] = values;
    vOff[slot] = off;
    vStride[slot] = stride;
    g[slot] = gradient;
    gStride[slot] = gradStride;
    lo[slot] = windowLo;
    hi[slot] = windowHi;
  }

  @Override
  public void run() {
    Arrays.fill(gP, 0f);
    Arrays.fill(gX, 0f);
    loss = 0;
    for (QueryBlock b : mine) {
      block(b);
    }
  }

  private void block(QueryBlock b) {
    RelaxedFactor[] f = b.f();
    for (int i = 0; i < 3; i++) {
      f[i].bind(this, i);
    }
    int n = table.n;
    float[][] v = this.v;
    int[] vOff = this.vOff;
    int[] vStride = this.vStride;
    float[][] g = this.g;
    int[] gStride = this.gStride;
    float[] a = this.a;
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
      f[i].backward(this, i);
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
}
