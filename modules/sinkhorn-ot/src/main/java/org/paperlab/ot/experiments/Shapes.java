package org.paperlab.ot.experiments;

import java.util.random.RandomGenerator;
import org.paperlab.ot.Sampler;

/**
 * Synthetic 2-D and Gaussian distributions of the experiments (all sampled from seeded
 * generators).
 *
 * <ul>
 *   <li>two moons (the construction of scikit-learn's {@code make_moons}: upper arc
 *       {@code (cos t, sin t)}, lower arc {@code (1 - cos t, 1/2 - sin t)}, {@code t ~ U[0, pi]},
 *       Gaussian noise 0.05), centred, rotated by an angle;
 *   <li>the 2-D S-curve: {@code t ~ U[-3 pi/2, 3 pi/2]}, {@code (sin t, sign(t)(cos t - 1))}
 *       (the first and last coordinates of scikit-learn's {@code make_s_curve}), noise 0.05;
 *   <li>Gaussians {@code N(mean, L L^T)} from a Cholesky-like factor.
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

  /** {@code N(mean, L L^T)} for a row-major {@code d x d} factor {@code l}. */
  static Sampler gaussian(double[] mean, double[] l) {
    int d = mean.length;
    return new Sampler() {
      @Override
      public int dimension() {
        return d;
      }

      @Override
      public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < d; k++) {
            z[k] = rng.nextGaussian();
          }
          for (int r = 0; r < d; r++) {
            double s = mean[r];
            for (int k = 0; k < d; k++) {
              s += l[r * d + k] * z[k];
            }
            out[i * d + r] = s;
          }
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
}
