package org.paperlab.ot.experiments;

import java.util.random.RandomGenerator;
import org.paperlab.ot.Sampler;

/**
 * Synthetic 2-D distributions of the experiments (all sampled from seeded generators; Gaussians
 * {@code N(mean, L L^T)} are {@link Sampler#gaussian}), and the coordinates of 2-D points for
 * scatter charts.
 *
 * <ul>
 *   <li>two moons (the construction of scikit-learn's {@code make_moons}: upper arc
 *       {@code (cos t, sin t)}, lower arc {@code (1 - cos t, 1/2 - sin t)}, {@code t ~ U[0, pi]},
 *       Gaussian noise 0.05), centred, rotated by an angle;
 *   <li>the 2-D S-curve: {@code t ~ U[-3 pi/2, 3 pi/2]}, {@code (sin t, sign(t)(cos t - 1))}
 *       (the first and last coordinates of scikit-learn's {@code make_s_curve}), noise 0.05;
 * </ul>
 */
final class Shapes {
  private Shapes() {}

  static Sampler twoMoons(double angle, double scale) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Sampler() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
          double t = Math.PI * rng.nextDouble();
          double px;
          double py;
          if (rng.nextBoolean()) {
            px = Math.cos(t);
            py = Math.sin(t);
          } else {
            px = 1 - Math.cos(t);
            py = 0.5 - Math.sin(t);
          }
          px += 0.05 * rng.nextGaussian() - 0.5;
          py += 0.05 * rng.nextGaussian() - 0.25;
          out[2 * i] = scale * (c * px - s * py);
          out[2 * i + 1] = scale * (s * px + c * py);
        }
        return out;
      }
    };
  }

  static Sampler sCurve(double scale) {
    return new Sampler() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
          double t = 3 * Math.PI * (rng.nextDouble() - 0.5);
          out[2 * i] = scale * (Math.sin(t) + 0.05 * rng.nextGaussian());
          out[2 * i + 1] = scale * (Math.signum(t) * (Math.cos(t) - 1) + 0.05 * rng.nextGaussian());
        }
        return out;
      }
    };
  }

  /** {@code n} points of a 2-D Gaussian blob {@code N(center, s^2 I)}. */
  static double[] blob(int n, double cx, double cy, double s, RandomGenerator rng) {
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      out[2 * i] = cx + s * rng.nextGaussian();
      out[2 * i + 1] = cy + s * rng.nextGaussian();
    }
    return out;
  }

  /** The x and the y coordinates of {@code n} row-major 2-D points, for scatter charts. */
  static double[][] coordinates(double[] xy, int n) {
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      out[0][i] = xy[2 * i];
      out[1][i] = xy[2 * i + 1];
    }
    return out;
  }
}
