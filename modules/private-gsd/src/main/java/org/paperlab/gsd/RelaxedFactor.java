package org.paperlab.gsd;

import java.util.Arrays;

/**
 * One differentiable factor of a relaxed query block ({@link QueryBlock}): per relaxed row
 * {@code r}, a vector {@code f[r, 0 .. size())} of values in {@code [0, 1]} that relaxes a 0/1
 * predicate of the row (RAP, Aydore et al. 2021; RAP++, Vietri et al. 2022):
 *
 * <ul>
 *   <li>{@link One}: the constant 1 (pads a block to three factors);
 *   <li>{@link Category}: {@code 1[x_c = v]} becomes {@code p_c[v]}, the softmax of the cell;
 *   <li>{@link SoftBin}: {@code 1[x in bin q of R]} becomes the soft-bin membership of
 *       {@link SoftBins};
 *   <li>{@link Prefix}: {@code 1[x_j < t]} becomes {@code s(b(t - x_j))};
 *   <li>{@link Halfspace}: {@code 1[<w, x> > b0]} becomes {@code s(b(<w, x> - b0))},
 * </ul>
 *
 * with the logistic sigmoid {@code s} and the current slope {@code b}.
 *
 * <p>{@link #bind} points one operand slot of a {@link BlockWorker} at the factor's values and at
 * the buffer that collects {@code dL/df} (computing the values first when only this block reads
 * them); {@link #backward} chains that buffer into the gradient of the numeric values. The
 * gradient of a categorical factor is collected directly in {@code dL/dp}, which the softmax
 * backward pass turns into {@code dL/dtheta} ({@link RelaxedTable#softmaxBackward}).
 */
sealed interface RelaxedFactor
    permits RelaxedFactor.One, RelaxedFactor.Category, RelaxedFactor.SoftBin, RelaxedFactor.Prefix, RelaxedFactor.Halfspace {

  /** Number of values per row (categories, bins, or 1). */
  int size();

  /** Points operand {@code slot} of {@code w} at this factor's values and gradient buffer. */
  void bind(BlockWorker w, int slot);

  /** Adds this factor's share of {@code dL/dx} (from operand {@code slot}'s gradient) to {@code w}'s. */
  default void backward(BlockWorker w, int slot) {}

  /** The logistic sigmoid {@code 1 / (1 + e^-z)}, computed without overflow for either sign. */
  static float sigmoid(float z) {
    return z >= 0 ? 1f / (1f + (float) Math.exp(-z)) : (float) (Math.exp(z) / (1 + Math.exp(z)));
  }

  /** The constant 1: value 1, gradient discarded. */
  record One() implements RelaxedFactor {
    static final One INSTANCE = new One();

    @Override
    public int size() {
      return 1;
    }

    @Override
    public void bind(BlockWorker w, int slot) {
      w.bind(slot, w.ones, 0, 0, w.sink, 0, null, null);
    }
  }

  /** The softmax {@code p_col} of categorical column {@code col} with {@code size} categories. */
  record Category(int col, int size) implements RelaxedFactor {
    @Override
    public void bind(BlockWorker w, int slot) {
      RelaxedTable t = w.table;
      w.bind(slot, t.p, t.catOff[col], t.width, w.gP, t.width, null, null);
    }
  }

  /**
   * The soft-bin memberships of numeric column {@code col} at resolution {@code size}, read from
   * shared table {@code table} of {@link SoftBins} (computed once per step for all blocks).
   */
  record SoftBin(int col, int size, int table) implements RelaxedFactor {
    @Override
    public void bind(BlockWorker w, int slot) {
      float[] g = w.grad[slot];
      Arrays.fill(g, 0, w.table.n * size, 0f);
      w.bind(slot, w.bins.vals[table], 0, size, g, size, w.bins.lo[table], w.bins.hi[table]);
    }

    /** {@code dL/dx_col += sum_{0<q<R} b u_q (1 - u_q) (g_q - g_{q-1})} per row. */
    @Override
    public void backward(BlockWorker w, int slot) {
      float[] gv = w.grad[slot];
      float[] u = w.bins.aux[table];
      float[] gX = w.gX;
      float b = w.slope;
      int n = w.table.n;
      int dn = w.table.dn;
      int rr = size;
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
  }

  /** {@code s(b(threshold - x_col))}, the relaxed {@code 1[x_col < threshold]}. */
  record Prefix(int col, float threshold) implements RelaxedFactor {
    @Override
    public int size() {
      return 1;
    }

    @Override
    public void bind(BlockWorker w, int slot) {
      float[] out = w.val[slot];
      float[] x = w.table.x;
      float b = w.slope;
      int n = w.table.n;
      int dn = w.table.dn;
      for (int r = 0; r < n; r++) {
        out[r] = sigmoid(b * (threshold - x[r * dn + col]));
      }
      float[] g = w.grad[slot];
      Arrays.fill(g, 0, n, 0f);
      w.bind(slot, out, 0, 1, g, 1, null, null);
    }

    /** {@code dL/dx_col -= g b s (1 - s)} per row. */
    @Override
    public void backward(BlockWorker w, int slot) {
      float[] gv = w.grad[slot];
      float[] out = w.val[slot];
      float[] gX = w.gX;
      float b = w.slope;
      int n = w.table.n;
      int dn = w.table.dn;
      for (int r = 0; r < n; r++) {
        float s = out[r];
        gX[r * dn + col] -= gv[r] * b * s * (1 - s);
      }
    }
  }

  /** {@code s(b(<normal, x> - offset))}, the relaxed {@code 1[<normal, x> > offset]} over all numeric columns. */
  record Halfspace(double[] normal, double offset) implements RelaxedFactor {
    @Override
    public int size() {
      return 1;
    }

    @Override
    public void bind(BlockWorker w, int slot) {
      float[] out = w.val[slot];
      float[] x = w.table.x;
      float b = w.slope;
      int n = w.table.n;
      int dn = w.table.dn;
      for (int r = 0; r < n; r++) {
        double s = -offset;
        for (int j = 0; j < dn; j++) {
          s += normal[j] * x[r * dn + j];
        }
        out[r] = sigmoid((float) (b * s));
      }
      float[] g = w.grad[slot];
      Arrays.fill(g, 0, n, 0f);
      w.bind(slot, out, 0, 1, g, 1, null, null);
    }

    /** {@code dL/dx_j += g b s (1 - s) w_j} per row and numeric column. */
    @Override
    public void backward(BlockWorker w, int slot) {
      float[] gv = w.grad[slot];
      float[] out = w.val[slot];
      float[] gX = w.gX;
      float b = w.slope;
      int n = w.table.n;
      int dn = w.table.dn;
      for (int r = 0; r < n; r++) {
        float s = out[r];
        float d = gv[r] * b * s * (1 - s);
        for (int j = 0; j < dn; j++) {
          gX[r * dn + j] += (float) (d * normal[j]);
        }
      }
    }
  }
}
