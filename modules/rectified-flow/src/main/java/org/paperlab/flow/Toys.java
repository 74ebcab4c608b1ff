package org.paperlab.flow;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Checks;

/**
 * The 2-D distributions of the rectified-flow experiments, as seeded samplers.
 *
 * <ul>
 *   <li>{@link #mixtureSource} / {@link #mixtureTarget}: the official 2-D notebook of Liu et al.
 *       (gnobitab/RectifiedFlow): equal mixtures of three Gaussians with covariance
 *       {@code 0.3 I}, source means {@code (D sqrt3/2, D/2), (-D sqrt3/2, D/2), (0, -D sqrt3/2)},
 *       target means {@code (D sqrt3/2, -D/2), (-D sqrt3/2, -D/2), (0, D sqrt3/2)}, {@code D = 10}.
 *       Under the independent coupling {@code E||X_1 - X_0||^2} is {@link #MIXTURE_INDEPENDENT_COST}:
 *       the mean squared distance of the 9 mean pairs, 183.73, plus the two traces, 0.6 + 0.6.
 *   <li>{@link #twoMoons}, {@link #checkerboard}, {@link #eightGaussians}: the usual generation
 *       toys (unit-scale moons, a 4 x 4 checkerboard on {@code [-2, 2]^2}, eight Gaussians on the
 *       circle of radius 2 with standard deviation 0.1; see each method).
 * </ul>
 */
public final class Toys {
  /** Distance scale of the notebook's mixtures. */
  public static final double D = 10.0;
  /** Variance of each mixture component. */
  public static final double VAR = 0.3;

  private static final double S3 = Math.sqrt(3.0);
  private static final double[][] SOURCE_MEANS = {{D * S3 / 2, D / 2}, {-D * S3 / 2, D / 2}, {0, -D * S3 / 2}};
  private static final double[][] TARGET_MEANS = {{D * S3 / 2, -D / 2}, {-D * S3 / 2, -D / 2}, {0, D * S3 / 2}};

  /** {@code E||X_1 - X_0||^2} of the independent coupling of the two mixtures: 184.932... */
  public static final double MIXTURE_INDEPENDENT_COST = independentCost();

  private Toys() {}

  /** {@code n} draws of the notebook's source mixture. */
  public static INDArray mixtureSource(int n, SplittableRandom rng) {
    return mixture(SOURCE_MEANS, n, rng);
  }

  /** {@code n} draws of the notebook's target mixture. */
  public static INDArray mixtureTarget(int n, SplittableRandom rng) {
    return mixture(TARGET_MEANS, n, rng);
  }

  /**
   * Two interleaved half circles of radius 1 (upper centred at 0, lower at (1, 0.5) mirrored),
   * shifted by (-0.5, -0.25) to centre them, with Gaussian noise of standard deviation 0.05.
   */
  public static INDArray twoMoons(int n, SplittableRandom rng) {
    float[] v = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double a = Math.PI * rng.nextDouble();
      double x;
      double y;
      if (rng.nextBoolean()) {
        x = Math.cos(a);
        y = Math.sin(a);
      } else {
        x = 1 - Math.cos(a);
        y = 0.5 - Math.sin(a);
      }
      v[2 * i] = (float) (2 * (x - 0.5) + 0.05 * rng.nextGaussian());
      v[2 * i + 1] = (float) (2 * (y - 0.25) + 0.05 * rng.nextGaussian());
    }
    return Nd4j.create(v, new long[] {n, 2});
  }

  /** Uniform on the 8 dark squares of a 4 x 4 checkerboard covering {@code [-2, 2]^2}. */
  public static INDArray checkerboard(int n, SplittableRandom rng) {
    float[] v = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int cx = rng.nextInt(4);
      int cy = 2 * rng.nextInt(2) + (cx % 2);
      v[2 * i] = (float) (-2 + cx + rng.nextDouble());
      v[2 * i + 1] = (float) (-2 + cy + rng.nextDouble());
    }
    return Nd4j.create(v, new long[] {n, 2});
  }

  /** Eight Gaussians of standard deviation 0.1 at the angles {@code k pi/4} on the circle of radius 2. */
  public static INDArray eightGaussians(int n, SplittableRandom rng) {
    float[] v = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double a = Math.PI / 4 * rng.nextInt(8);
      v[2 * i] = (float) (2 * Math.cos(a) + 0.1 * rng.nextGaussian());
      v[2 * i + 1] = (float) (2 * Math.sin(a) + 0.1 * rng.nextGaussian());
    }
    return Nd4j.create(v, new long[] {n, 2});
  }

  /** {@code n x d} standard normal draws. */
  public static INDArray gaussian(int n, int d, SplittableRandom rng) {
    Checks.positive("n", n);
    Checks.positive("d", d);
    float[] v = new float[n * d];
    for (int q = 0; q < v.length; q++) {
      v[q] = (float) rng.nextGaussian();
    }
    return Nd4j.create(v, new long[] {n, d});
  }

  private static INDArray mixture(double[][] means, int n, SplittableRandom rng) {
    Checks.positive("n", n);
    double sd = Math.sqrt(VAR);
    float[] v = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double[] m = means[rng.nextInt(means.length)];
      v[2 * i] = (float) (m[0] + sd * rng.nextGaussian());
      v[2 * i + 1] = (float) (m[1] + sd * rng.nextGaussian());
    }
    return Nd4j.create(v, new long[] {n, 2}).castTo(DataType.FLOAT);
  }

  private static double independentCost() {
    double s = 0;
    for (double[] a : SOURCE_MEANS) {
      for (double[] b : TARGET_MEANS) {
        s += (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
      }
    }
    return s / 9 + 2 * 2 * VAR;
  }
}
