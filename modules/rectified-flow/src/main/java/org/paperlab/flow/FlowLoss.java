package org.paperlab.flow;

import org.paperlab.core.Checks;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * The regression loss between the predicted velocity {@code v(X_t, t)} and the target
 * {@code X_1 - X_0}, averaged over the batch.
 *
 * <ul>
 *   <li>{@link SquaredL2}: {@code ||d||^2} summed over the dimensions ({@link Reduction#SUM}, the
 *       official 2-D notebook of Liu et al.) or averaged over them ({@link Reduction#MEAN}, their
 *       CIFAR-10 code), with {@code d = v - (X_1 - X_0)}.
 *   <li>{@link PseudoHuber}: {@code sqrt(||d||^2 + c^2) - c} (Lee, Lin and Fanti 2024, Eq. 8, from
 *       improved consistency training, Song and Dhariwal 2023). rfpp's code sets
 *       {@code c = 0.00054 * dim}, which its author agreed is a bug (rfpp issue 1); the intended
 *       constant is {@code c = 0.00054 sqrt(dim)}, which {@code c = 0} selects here; any
 *       {@code c > 0} is used as given.
 * </ul>
 */
public sealed interface FlowLoss permits FlowLoss.SquaredL2, FlowLoss.PseudoHuber {
  /** Parses {@code l2(reduction=sum)}, {@code l2(mean)}, {@code huber(c=0.0)}. */
  static FlowLoss parse(String text) {
    return Variants.parse(FlowLoss.class, text, "loss");
  }

  /** How the squared error of one sample is reduced over its dimensions. */
  enum Reduction {
    /** Sum over the dimensions (the 2-D notebook). */
    SUM,
    /** Mean over the dimensions (the CIFAR-10 code). */
    MEAN
  }

  /**
   * The batch loss of {@code n} rows of {@code d} residuals {@code r = v - target} (row-major),
   * writing {@code dLoss/dv} into {@code grad} (same layout).
   */
  double lossAndGradient(float[] r, int n, int d, float[] grad);

  /** The squared error, summed or averaged over the dimensions. */
  @Name("l2")
  record SquaredL2(Reduction reduction) implements FlowLoss {
    public SquaredL2 {
      Checks.notNull("reduction", reduction);
    }

    /** Summed over the dimensions, as the official 2-D notebook. */
    public static SquaredL2 defaults() {
      return new SquaredL2(Reduction.SUM);
    }

    @Override
    public double lossAndGradient(float[] r, int n, int d, float[] grad) {
      double scale = scale(n, d);
      return rows(r, d, n, d, scale, grad, 0) * scale;
    }

    /** The factor of the summed squared error: {@code 1 / n} (sum) or {@code 1 / (n d)} (mean). */
    double scale(int n, int d) {
      return reduction == Reduction.SUM ? 1.0 / n : 1.0 / ((double) n * d);
    }

    /**
     * For {@code rows} residual rows {@code r[i ld + k]}, {@code k < d}: writes
     * {@code (float) (2 scale r)} into {@code grad} (same layout; may be {@code r} itself) and
     * returns {@code acc} plus the squared residuals, added one after the other in double.
     */
    static double rows(float[] r, int ld, int rows, int d, double scale, float[] grad, double acc) {
      double s = acc;
      for (int i = 0; i < rows; i++) {
        int o = i * ld;
        for (int k = 0; k < d; k++) {
          float v = r[o + k];
          s += (double) v * v;
          grad[o + k] = (float) (2 * scale * v);
        }
      }
      return s;
    }
  }

  /** {@code sqrt(||d||^2 + c^2) - c}; {@code c = 0} means {@code 0.00054 sqrt(dim)}. */
  @Name("huber")
  record PseudoHuber(double c) implements FlowLoss {
    /** The constant of improved consistency training, per square root of the dimension. */
    public static final double PER_SQRT_DIM = 0.00054;

    public PseudoHuber {
      Checks.nonNegative("c", c);
    }

    /** {@code c = 0.00054 sqrt(dim)}. */
    public static PseudoHuber defaults() {
      return new PseudoHuber(0.0);
    }

    /** The constant used at dimension {@code d}. */
    public double constant(int d) {
      return c > 0 ? c : PER_SQRT_DIM * Math.sqrt(d);
    }

    @Override
    public double lossAndGradient(float[] r, int n, int d, float[] grad) {
      return rows(r, d, n, d, n, constant(d), grad, 0) / n;
    }

    /**
     * For {@code rows} residual rows {@code r[i ld + k]}, {@code k < d}, of a batch of {@code n}:
     * writes the gradient {@code r / (n sqrt(||r||^2 + cc^2))} into {@code grad} (same layout; may
     * be {@code r} itself) and returns {@code acc} plus the rows' {@code sqrt(||r||^2 + cc^2) - cc},
     * added one row after the other.
     */
    static double rows(float[] r, int ld, int rows, int d, int n, double cc, float[] grad, double acc) {
      double total = acc;
      for (int i = 0; i < rows; i++) {
        int o = i * ld;
        double s = 0;
        for (int k = 0; k < d; k++) {
          double v = r[o + k];
          s += v * v;
        }
        double root = Math.sqrt(s + cc * cc);
        total += root - cc;
        double g = 1.0 / (n * root);
        for (int k = 0; k < d; k++) {
          grad[o + k] = (float) (g * r[o + k]);
        }
      }
      return total;
    }
  }
}
